package bouncemx.parse.dialect;

import bouncemx.event.Event;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.testing.Corpus;
import bouncemx.testing.Engine;
import bouncemx.testing.Label;
import bouncemx.testing.Labels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks the dialect tests share: corpus rows of a family, own fixtures, and refusing other messages. */
final class DialectChecks {
    private DialectChecks() {}

    /**
     * Runs every labelled row of {@code family} through the engine: the event must come from
     * {@code dialect}, with the label's recipient (when it has one) and status (when it is a real code).
     * Asserts that at least {@code floor} of the rows pass and returns the failures for the message.
     */
    static void corpusFamily(String family, String dialect, double floor) {
        Corpus.assumeAvailable();
        if (family.endsWith("-")) family = family.substring(0, family.length() - 1); // "lhost-x-" prefixes too
        List<Label> rows = Labels.load().forPrefix(family + "-");
        assertTrue(!rows.isEmpty(), "no rows for " + family);
        Map<String, List<Event>> cache = new HashMap<>();
        List<String> failures = new ArrayList<>();
        for (Label l : rows) {
            List<Event> events = cache.computeIfAbsent(l.file(), f -> Engine.events(Corpus.message(f)));
            Event e = l.index() <= events.size() ? events.get(l.index() - 1) : null;
            if (e == null) { failures.add(l + " no event"); continue; }
            if (!e.decodedBy().equals(dialect)) { failures.add(l + " decoded by " + e.decodedBy()); continue; }
            if (!l.recipient().isEmpty() && !e.recipientAddress().equalsIgnoreCase(l.recipient())) {
                failures.add(l + " recipient " + e.recipientAddress() + " want " + l.recipient());
                continue;
            }
            if (l.realStatus() && (e.classification() == null || !e.classification().status().equals(l.status()))) {
                failures.add(l + " status " + (e.classification() == null ? "none" : e.classification().status()) + " want " + l.status());
            }
        }
        double rate = 1.0 - (double) failures.size() / rows.size();
        assertTrue(rate >= floor, family + ": " + failures.size() + "/" + rows.size() + " rows fail: " + failures);
    }

    /** A message from src/test/resources ("/dialects/postfix/x.eml"; the leading slash may be left out). */
    static BounceMessage resource(String path) {
        return BounceMessage.parse(bytes(path));
    }

    /** The bytes of a test resource. */
    static byte[] bytes(String path) {
        if (!path.startsWith("/")) path = "/" + path;
        try (InputStream in = DialectChecks.class.getResourceAsStream(path)) {
            assertNotNull(in, path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dialect reads the fixture the same with LF, CRLF and CR-only line ends. */
    static void sameOnEveryLineEnding(Dialect d, String path) {
        String text = new String(bytes(path), java.nio.charset.StandardCharsets.ISO_8859_1);
        ParseResult expected = d.parse(BounceMessage.parse(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertInstanceOf(ParseResult.Decoded.class, expected, path);
        for (String eol : new String[] {"\r\n", "\r"}) {
            byte[] other = text.replace("\n", eol).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            assertEquals(expected, d.parse(BounceMessage.parse(other)), path + " with line ends of " + eol.length());
        }
    }

    /** The dialect leaves each of these test resources to others. */
    static void leavesAlone(Dialect d, String... paths) {
        for (String p : paths) assertInstanceOf(ParseResult.NotMine.class, d.parse(resource(p)), d.name() + " on " + p);
    }

    /** The recipients {@code d} decodes from the message text {@code raw} (UTF-8); fails when it does not decode it. */
    static List<RecipientStatus> decodeText(Dialect d, String raw) {
        ParseResult r = d.parse(BounceMessage.parse(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return org.junit.jupiter.api.Assertions.assertInstanceOf(ParseResult.Decoded.class, r, d.name() + " did not decode it")
                .report().recipients();
    }

    static List<RecipientStatus> decode(Dialect d, String path) {
        ParseResult r = d.parse(resource(path));
        var decoded = assertInstanceOf(ParseResult.Decoded.class, r, path);
        assertEquals(d.name(), decoded.dialect());
        return decoded.report().recipients();
    }

    /**
     * The test resource at {@code path} with its Subject replaced by {@code subject}; with {@code from} also its From
     * replaced and its Return-Path dropped (a person's message with the notice's text).
     */
    static BounceMessage rewritten(String path, String subject, String from) {
        String text = new String(bytes(path), java.nio.charset.StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        int end = text.indexOf("\n\n");
        StringBuilder head = new StringBuilder();
        String skipping = null;
        for (String line : text.substring(0, end + 1).split("\n")) {
            if (skipping != null && (line.startsWith(" ") || line.startsWith("\t"))) continue;
            skipping = null;
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("subject:")) {
                head.append("Subject: ").append(subject).append('\n');
                skipping = "subject";
            } else if (from != null && lower.startsWith("from:")) {
                head.append("From: ").append(from).append('\n');
                skipping = "from";
            } else if (from != null && lower.startsWith("return-path:")) {
                skipping = "return-path";
            } else {
                head.append(line).append('\n');
            }
        }
        return BounceMessage.parse((head + text.substring(end + 1)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /**
     * The dialect reads its own template in the resource at {@code path} (a mail system's notice) the same under a
     * Subject it has not seen ("Notification": a site's or gateway's own); with {@code notFromAPerson}, the same
     * text from a person under that Subject is not its.
     */
    static void readsItsTextUnderAnySubject(Dialect d, String path, boolean notFromAPerson) {
        List<RecipientStatus> original = decode(d, path);
        ParseResult r = d.parse(rewritten(path, "Notification", null));
        assertEquals(original, assertInstanceOf(ParseResult.Decoded.class, r, path + " under another Subject").report().recipients());
        if (notFromAPerson) {
            assertInstanceOf(ParseResult.NotMine.class, d.parse(rewritten(path, "Notification", "Ann Lee <ann@people.example>")),
                    path + " from a person");
        }
    }

    /** The dialect leaves a plain message and a standard RFC 3464 report to others. */
    static void refusesOthers(Dialect d) {
        for (String s : List.of("/samples/not-a-bounce.eml", "/samples/dsn-userunknown.eml",
                "/samples/dsn-two-recipients-delayed.eml", "/samples/arf-abuse.eml", "/samples/auto-reply.eml")) {
            assertInstanceOf(ParseResult.NotMine.class, d.parse(resource(s)), d.name() + " on " + s);
        }
    }
}
