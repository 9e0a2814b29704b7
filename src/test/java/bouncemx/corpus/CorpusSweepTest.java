package bouncemx.corpus;

import bouncemx.event.Event;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialects;
import bouncemx.parse.Limits;
import bouncemx.testing.Corpus;
import bouncemx.testing.Engine;
import bouncemx.testing.Label;
import bouncemx.testing.Labels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every corpus file, read whole: no exception, bounded time, same answer whatever the line endings. */
class CorpusSweepTest {
    /** Per message, generous for a shared 2-core machine; the benchmark in bench/ measures real speed. */
    static final long MAX_NANOS_PER_MESSAGE = 250_000_000L;

    @BeforeAll
    static void corpus() { Corpus.assumeAvailable(); }

    @Test
    void everyFileDecodesWithoutAnExceptionWithinTheTimeBound() {
        var decoder = Dialects.standardDecoder();
        for (String f : Corpus.files()) decoder.decode(BounceMessage.parse(Corpus.message(f))); // warm up
        List<String> slow = new ArrayList<>();
        long worst = 0;
        for (String f : Corpus.files()) {
            byte[] raw = Corpus.message(f);
            long t0 = System.nanoTime();
            BounceMessage m = BounceMessage.parse(raw);
            decoder.decode(m); // throws: the test fails with the file in the stack
            long took = System.nanoTime() - t0;
            worst = Math.max(worst, took);
            if (took > MAX_NANOS_PER_MESSAGE) slow.add(f + " " + took / 1_000_000 + " ms");
            assertTrue(m.parts().size() <= Limits.DEFAULT.maxParts(), f);
            assertTrue(m.mainText().length() <= Limits.DEFAULT.maxTextChars(), f);
        }
        System.out.printf("[corpus] %d files decoded, slowest %.2f ms%n", Corpus.files().size(), worst / 1e6);
        assertTrue(slow.isEmpty(), "slow: " + slow);
    }

    @Test
    void crlfAndCrOnlyCopiesGiveTheSameResults() {
        List<String> differ = new ArrayList<>();
        for (String f : Corpus.files()) {
            byte[] raw = Corpus.message(f);
            List<String> lf = summary(Engine.events(withLineEnding(raw, "\n")));
            List<String> crlf = summary(Engine.events(withLineEnding(raw, "\r\n")));
            List<String> cr = summary(Engine.events(withLineEnding(raw, "\r")));
            if (!lf.equals(crlf)) differ.add(f + " CRLF " + lf + " vs " + crlf);
            if (!lf.equals(cr)) differ.add(f + " CR " + lf + " vs " + cr);
        }
        assertTrue(differ.isEmpty(), differ.size() + " differ: " + String.join("\n", differ));
    }

    @Test
    void nonBouncesAreLeftUnclassified() {
        int seen = 0;
        for (Label l : Labels.load().all()) {
            if (l.bounce()) continue;
            seen++;
            for (Event e : Engine.events(Corpus.message(l.file()))) {
                assertEquals("message.unclassified", e.type(), l.file() + " claimed by " + e.decodedBy());
            }
        }
        assertTrue(seen >= 3, "the corpus names its non-bounces");
    }

    /**
     * The corpus is anonymised with a handful of local parts (kijitora, neko, ...). Renaming every address's
     * local part consistently throughout the message must change nothing but the recipients: a rule keyed
     * on those sample names would show here. Domains stay, as provider rules may rightly read them.
     */
    @Test
    void renamedLocalPartsGiveTheSameVerdicts() {
        List<String> differ = new ArrayList<>();
        for (String f : Corpus.files()) {
            byte[] raw = Corpus.message(f);
            java.util.Map<String, String> names = new java.util.HashMap<>();
            byte[] renamed = renameLocalParts(raw, names);
            List<String> before = verdicts(Engine.events(raw), names);
            // an address inside an encoded part keeps its name: map both sides
            List<String> after = verdicts(Engine.events(renamed), names);
            if (!before.equals(after)) differ.add(f + " " + before + " vs " + after);
        }
        assertTrue(differ.isEmpty(), differ.size() + " differ: " + String.join("\n", differ));
    }

    private static final java.util.regex.Pattern ADDRESS =
            java.util.regex.Pattern.compile("(?<![A-Za-z0-9._%+=-])([A-Za-z][A-Za-z0-9._-]{1,40})@([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}");

    /** Latin-1 round trip keeps every byte; each distinct local part becomes "rcptN" everywhere. */
    static byte[] renameLocalParts(byte[] raw, java.util.Map<String, String> names) {
        String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
        var m = ADDRESS.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            String local = m.group(1);
            if (local.equalsIgnoreCase("postmaster") || local.equalsIgnoreCase("mailer-daemon")) continue;
            String name = names.computeIfAbsent(local.toLowerCase(java.util.Locale.ROOT), k -> "rcpt" + (names.size() + 1));
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(name + m.group().substring(local.length())));
        }
        m.appendTail(out);
        String renamed = out.toString();
        // VERP return addresses carry the recipient's local part too ("bounce-42-jane=example.org@...")
        for (var e : names.entrySet()) {
            for (String sep : new String[]{"-", "+"}) {
                renamed = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(sep + e.getKey() + "="),
                        java.util.regex.Pattern.CASE_INSENSITIVE).matcher(renamed)
                        .replaceAll(java.util.regex.Matcher.quoteReplacement(sep + e.getValue() + "="));
            }
        }
        return renamed.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Type, recipient (renamed through {@code names}), reason, status, reply code and hard flag of each event. */
    static List<String> verdicts(List<Event> events, java.util.Map<String, String> names) {
        List<String> out = new ArrayList<>();
        for (Event e : events) {
            var c = e.classification();
            String rcpt = e.recipientAddress() == null ? "" : e.recipientAddress().toLowerCase(java.util.Locale.ROOT);
            int at = rcpt.indexOf('@');
            if (at > 0 && names.containsKey(rcpt.substring(0, at))) rcpt = names.get(rcpt.substring(0, at)) + rcpt.substring(at);
            out.add(e.type() + "|" + rcpt + "|"
                    + (c == null ? "" : c.reason().wireName() + "|" + c.status() + "|" + c.replyCode() + "|" + c.hard()));
        }
        return out;
    }

    static List<String> summary(List<Event> events) {
        List<String> out = new ArrayList<>();
        for (Event e : events) {
            var c = e.classification();
            String text = e.recipient() == null ? "" : e.recipient().diagnosticText();
            out.add(e.type() + "|" + e.recipientAddress() + "|" + e.decodedBy() + "|"
                    + (c == null ? "" : c.reason().wireName() + "|" + c.status() + "|" + c.replyCode() + "|" + c.hard())
                    + "|" + text.replaceAll("\\s+", " ").trim() + "|" + e.original().messageId());
        }
        return out;
    }

    /** The message with every line break (CRLF, LF or CR) replaced by {@code eol}. */
    static byte[] withLineEnding(byte[] raw, String eol) {
        var out = new ByteArrayOutputStream(raw.length + raw.length / 20);
        byte[] e = eol.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < raw.length; i++) {
            byte c = raw[i];
            if (c == '\r') {
                if (i + 1 < raw.length && raw[i + 1] == '\n') i++;
                out.writeBytes(e);
            } else if (c == '\n') {
                out.writeBytes(e);
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
