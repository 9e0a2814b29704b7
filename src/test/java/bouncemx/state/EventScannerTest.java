package bouncemx.state;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The byte-level scanner against the streaming parser it stands in for: on generated events (every type, unicode
 * and escaped strings, missing, null and other-typed fields, keys in any order and repeated, whitespace) and on
 * mutations of them, the facts {@link EventFacts#read} gives (scanner, or the parser when it declines) equal those
 * of {@link EventFacts#readStreaming}; and when the scanner itself accepts, its facts are those too.
 */
class EventScannerTest {
    private static final String[] TYPES = {"bounce.hard", "bounce.soft", "bounce.delayed", "complaint", "auto_reply",
            "delivery.success", "message.unclassified", "suppression.changed", "suppression.activity", "", "Bounce.Hard"};
    private static final String[] HEADERS = {"feedback-id", "list-id", "x-campaign"};

    private static List<Object> facts(EventFacts f, boolean ok) {
        return List.of(ok, f.type, f.timestamp, f.dataId, f.dataReceivedAt, f.dataAddress, f.dataAt, f.recipientAddress,
                f.category, f.reason, f.rule, f.originalMessageId, f.originalFeedbackId, f.originalListId, f.originalHeader,
                f.feedbackType, f.suppressionCause, f.suppressionAt, f.suppressionAddress, f.suppressionSuppressed);
    }

    /** Checks one input; returns whether the scanner took it on itself. */
    private static boolean check(String header, byte[] json) {
        EventFacts streaming = new EventFacts(header);
        List<Object> expected = facts(streaming, streaming.readStreaming(json));
        EventFacts both = new EventFacts(header);
        assertEquals(expected, facts(both, both.read(json)), () -> new String(json, StandardCharsets.UTF_8));
        EventFacts scanned = new EventFacts(header);
        scanned.clear();
        boolean took = new EventScanner(header).scan(json, 0, json.length, scanned);
        if (took) assertEquals(expected, facts(scanned, true), () -> "scanner: " + new String(json, StandardCharsets.UTF_8));
        return took;
    }

    @Test
    void generatedEventsGiveTheSameFactsAsTheStreamingParser() {
        var rnd = new SplittableRandom(11);
        int took = 0, n = 4000;
        for (int i = 0; i < n; i++) {
            String header = HEADERS[rnd.nextInt(HEADERS.length)];
            if (check(header, new Gen(rnd).event().getBytes(StandardCharsets.UTF_8))) took++;
        }
        // the generator puts escapes, numbers and odd headers in on purpose (about 1 in 5 comes out plain: 817 of 4000
        // when written); the real events are plain (theEventsBounceMxWritesAreTakenOnByTheScanner)
        assertTrue(took > n / 10, "scanner took " + took + " of " + n);
    }

    /**
     * As a rebuild reads: one reader per thread for millions of events (its scanner keeps the few-valued strings it
     * saw), each event read in place between other bytes of a journal payload.
     */
    @Test
    void oneReaderForManyEventsReadInPlaceGivesTheFactsOfAFreshParserForEach() {
        var rnd = new SplittableRandom(13);
        java.util.Map<String, EventFacts> readers = new java.util.HashMap<>();
        for (int i = 0; i < 4000; i++) {
            String header = HEADERS[rnd.nextInt(HEADERS.length)];
            byte[] json = new Gen(rnd).event().getBytes(StandardCharsets.UTF_8);
            EventFacts streaming = new EventFacts(header);
            List<Object> expected = facts(streaming, streaming.readStreaming(json));
            int before = rnd.nextInt(5);
            byte[] payload = new byte[before + json.length + 3];
            java.util.Arrays.fill(payload, (byte) '"'); // around it: bytes a reader running past its end would take in
            System.arraycopy(json, 0, payload, before, json.length);
            EventFacts reused = readers.computeIfAbsent(header, EventFacts::new);
            boolean ok = reused.read(payload, before, before + json.length);
            assertEquals(expected, facts(reused, ok), () -> new String(json, StandardCharsets.UTF_8));
        }
    }

    @Test
    void mutatedEventsGiveTheSameFactsAsTheStreamingParser() {
        var rnd = new SplittableRandom(12);
        byte[] noise = "{}[]\",:\\ \n0-1e.tfnu\u00e9\u20ac".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3000; i++) {
            String header = HEADERS[rnd.nextInt(HEADERS.length)];
            byte[] json = new Gen(rnd).event().getBytes(StandardCharsets.UTF_8);
            int edits = 1 + rnd.nextInt(3);
            for (int e = 0; e < edits && json.length > 1; e++) {
                int at = rnd.nextInt(json.length);
                switch (rnd.nextInt(5)) {
                    case 0 -> json[at] = noise[rnd.nextInt(noise.length)];
                    case 1 -> json[at] = (byte) rnd.nextInt(256);
                    case 2 -> json = java.util.Arrays.copyOf(json, at); // cut short
                    case 3 -> { // delete one byte
                        byte[] d = new byte[json.length - 1];
                        System.arraycopy(json, 0, d, 0, at);
                        System.arraycopy(json, at + 1, d, at, json.length - at - 1);
                        json = d;
                    }
                    default -> { // insert one byte
                        byte[] d = new byte[json.length + 1];
                        System.arraycopy(json, 0, d, 0, at);
                        d[at] = noise[rnd.nextInt(noise.length)];
                        System.arraycopy(json, at, d, at + 1, json.length - at);
                        json = d;
                    }
                }
            }
            check(header, json);
        }
    }

    @Test
    void theEventsBounceMxWritesAreTakenOnByTheScanner() {
        String soft = "{\"type\":\"bounce.soft\",\"timestamp\":\"2026-11-20T08:15:31Z\",\"data\":{\"id\":\"e1\","
                + "\"received_at\":\"2026-11-20T08:15:30.250Z\",\"recipient\":{\"address\":\"J\u00f6rg@Example.org\",\"source\":\"dsn\"},"
                + "\"classification\":{\"category\":\"soft\",\"reason\":\"mailboxfull\",\"hard\":false,\"rule\":\"status:4.2.2\"},"
                + "\"diagnostics\":{\"text\":\"452 4.2.2 \\\"full\\\"\\r\\n\\u00e9\",\"reply_code\":452},"
                + "\"original\":{\"message_id\":\"<m1@x>\",\"headers\":{\"Feedback-ID\":\"c1:acme\",\"feedback-id\":\"second\"}}}}";
        EventFacts f = new EventFacts("feedback-id");
        f.clear();
        assertTrue(new EventScanner("feedback-id").scan(soft.getBytes(StandardCharsets.UTF_8), 0,
                soft.getBytes(StandardCharsets.UTF_8).length, f));
        assertEquals("J\u00f6rg@Example.org", f.recipientAddress);
        assertEquals("<m1@x>", f.originalMessageId);
        assertEquals("c1:acme", f.originalHeader); // the first spelling, as before
        assertEquals("status:4.2.2", f.rule);
        assertTrue(check("feedback-id", soft.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void whatTheScannerDeclinesTheStreamingParserReads() {
        // an escape in a kept string, a number where text is kept, a container for "suppressed", trailing bytes
        for (String json : new String[]{
                "{\"type\":\"bounce.hard\",\"data\":{\"recipient\":{\"address\":\"a\\u0040b.example\"}}}",
                "{\"type\":\"bounce.hard\",\"data\":{\"id\":17}}",
                "{\"type\":\"suppression.changed\",\"data\":{\"suppression\":{\"suppressed\":{\"cause\":\"x\"},\"address\":\"a@b\"}}}",
                "{\"type\":\"bounce.hard\"} trailing"}) {
            byte[] b = json.getBytes(StandardCharsets.UTF_8);
            EventFacts f = new EventFacts("feedback-id");
            f.clear();
            assertFalse(new EventScanner("feedback-id").scan(b, 0, b.length, f), json);
            check("feedback-id", b);
        }
        EventFacts f = new EventFacts("feedback-id");
        assertTrue(f.read("{\"type\":\"bounce.hard\",\"data\":{\"recipient\":{\"address\":\"a\\u0040b.example\"}}}"
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals("a@b.example", f.recipientAddress);
    }

    /** A random event: the fields EventFacts reads, mixed with others, in random order, types and spellings. */
    private static final class Gen {
        private final SplittableRandom rnd;

        Gen(SplittableRandom rnd) {
            this.rnd = rnd;
        }

        String event() {
            List<String> top = new ArrayList<>();
            maybe(top, "type", () -> str(TYPES[rnd.nextInt(TYPES.length)]));
            maybe(top, "timestamp", this::time);
            maybe(top, "data", this::data);
            maybe(top, "version", () -> "1");
            extras(top, 0);
            return obj(top);
        }

        private String data() {
            if (rnd.nextInt(20) == 0) return other(0);
            List<String> d = new ArrayList<>();
            maybe(d, "id", () -> str("e" + rnd.nextInt(1000)));
            maybe(d, "received_at", this::time);
            maybe(d, "address", this::address);
            maybe(d, "at", this::time);
            maybe(d, "recipient", () -> sub("address", this::address));
            maybe(d, "classification", () -> {
                List<String> c = new ArrayList<>();
                maybe(c, "category", () -> str(pick("soft", "hard", "")));
                maybe(c, "reason", () -> str(pick("mailboxfull", "blocked", "userunknown", "expired")));
                maybe(c, "rule", () -> str("status:4.2." + rnd.nextInt(3)));
                maybe(c, "hard", () -> pick("true", "false"));
                extras(c, 2);
                return obj(c);
            });
            maybe(d, "diagnostics", () -> sub("feedback_type", () -> str(pick("abuse", "fraud", "not-spam", "virus"))));
            maybe(d, "original", () -> {
                List<String> o = new ArrayList<>();
                maybe(o, "message_id", () -> str("<m" + rnd.nextInt(100) + "@sender.example>"));
                maybe(o, "feedback_id", () -> str("c" + rnd.nextInt(5) + ":acme"));
                maybe(o, "list_id", () -> str("<news" + rnd.nextInt(3) + ".acme>"));
                maybe(o, "headers", () -> {
                    List<String> h = new ArrayList<>();
                    for (int i = rnd.nextInt(5); i > 0; i--) {
                        String name = pick("Feedback-ID", "feedback-id", "FEEDBACK-ID", "List-Id", "X-Campaign", "x-campaign",
                                "Subject", "X-Caf\u00e9", "X-\u212Aey");
                        h.add(str(name) + ws() + ":" + ws() + value(2));
                    }
                    return obj(h);
                });
                extras(o, 2);
                return obj(o);
            });
            maybe(d, "suppression", () -> {
                List<String> s = new ArrayList<>();
                maybe(s, "cause", () -> str(pick("manual", "manual_lift", "hard_bounce", "complaint")));
                maybe(s, "at", this::time);
                maybe(s, "address", this::address);
                maybe(s, "suppressed", () -> pick("true", "false", "null", "\"true\"", "1", "{}", "[true]"));
                extras(s, 2);
                return obj(s);
            });
            extras(d, 1);
            return obj(d);
        }

        /** Adds "name": value (or another value type) with probability 7/8; sometimes twice. */
        private void maybe(List<String> members, String name, java.util.function.Supplier<String> value) {
            if (rnd.nextInt(8) == 0) return;
            members.add(str(name) + ws() + ":" + ws() + (rnd.nextInt(12) == 0 ? other(1) : value.get()));
            if (rnd.nextInt(15) == 0) members.add(str(name) + ":" + (rnd.nextBoolean() ? value.get() : other(1)));
        }

        private String sub(String name, java.util.function.Supplier<String> value) {
            List<String> m = new ArrayList<>();
            maybe(m, name, value);
            extras(m, 2);
            return obj(m);
        }

        private void extras(List<String> members, int depth) {
            for (int i = rnd.nextInt(3); i > 0; i--) members.add(str(pick("source", "text", "x", "status", "deep")) + ":" + value(depth));
        }

        private String obj(List<String> members) {
            Collections.shuffle(members, new java.util.Random(rnd.nextLong()));
            return "{" + ws() + String.join(ws() + "," + ws(), members) + ws() + "}";
        }

        /** Any JSON value. */
        private String value(int depth) {
            return rnd.nextInt(3) == 0 ? str(text()) : other(depth);
        }

        /** A value of another type than text: null, a number, a boolean, a container, or an escaped string. */
        private String other(int depth) {
            int k = rnd.nextInt(depth > 3 ? 6 : 8);
            return switch (k) {
                case 0 -> "null";
                case 1 -> pick("0", "-12", "3.25", "1e9", "-0.5E-3", "12345678901234567890");
                case 2 -> pick("true", "false");
                case 3, 4 -> str(text());
                case 5 -> "\"" + pick("a\\\"b", "\\u00e9t\\u00E9", "tab\\there", "\\/\\\\", "\\ud83d\\ude00") + "\"";
                case 6 -> "[" + ws() + (rnd.nextBoolean() ? "" : value(depth + 1) + "," + ws() + value(depth + 1)) + "]";
                default -> {
                    List<String> m = new ArrayList<>();
                    for (int i = rnd.nextInt(3); i > 0; i--) m.add(str(pick("address", "a", "id", "type")) + ":" + value(depth + 1));
                    yield obj(m);
                }
            };
        }

        private String text() {
            return pick("plain", "", "J\u00f6rg", "\u4e2d\u6587", "emoji \ud83d\ude00", "with space", "2026-11-20T08:15:30Z");
        }

        private String address() {
            return str(pick("a@b.example", "  Jane@Example.ORG ", "j\u00f6rg@m\u00fcller.example", "user" + rnd.nextInt(50) + "@x.org", ""));
        }

        private String time() {
            return str(pick("2026-11-20T08:15:30.250Z", "2026-11-20T08:15:30Z", "2026-11-20T08:15:30+01:00", "later", ""));
        }

        /** A string literal, with an escape now and then (a kept value the scanner declines). */
        private String str(String s) {
            if (rnd.nextInt(25) == 0 && !s.isEmpty()) return "\"" + s.substring(0, 1) + "\\u0041" + s.substring(1) + "\"";
            return "\"" + s + "\"";
        }

        private String ws() {
            return switch (rnd.nextInt(10)) {
                case 0 -> " ";
                case 1 -> "\n  ";
                case 2 -> "\t\r\n";
                default -> "";
            };
        }

        private String pick(String... options) {
            return options[rnd.nextInt(options.length)];
        }
    }
}
