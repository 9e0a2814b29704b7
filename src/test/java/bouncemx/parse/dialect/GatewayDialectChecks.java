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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks shared by the gateway/carrier dialect tests: a corpus family decoded by its dialect (recipient
 * and real status as labelled), a fixture decoded directly, and the standard samples left alone.
 */
final class GatewayDialectChecks {
    private GatewayDialectChecks() {}

    /**
     * Runs every labelled row of {@code prefix} through the whole engine; each must be decoded by
     * {@code dialect}, with the label's recipient (when given) and real status. Asserts at least
     * {@code floor} of the rows pass; the failures are listed in the message.
     */
    static void familyDecodes(String prefix, String dialect, double floor) {
        Corpus.assumeAvailable();
        List<Label> rows = Labels.load().forPrefix(prefix).stream().filter(l -> l.index() > 0).toList();
        assertTrue(!rows.isEmpty(), "no labelled rows for " + prefix);
        List<String> failures = new ArrayList<>();
        for (Label l : rows) {
            List<Event> events = Engine.events(Corpus.message(l.file()));
            Event e = l.index() <= events.size() ? events.get(l.index() - 1) : null;
            if (e == null) { failures.add(l + " no event"); continue; }
            if (!dialect.equals(e.decodedBy())) { failures.add(l + " decoded by " + e.decodedBy()); continue; }
            if (!l.recipient().isEmpty() && !l.recipient().equalsIgnoreCase(e.recipientAddress())) {
                failures.add(l + " recipient " + e.recipientAddress() + " want " + l.recipient());
                continue;
            }
            if (l.realStatus() && (e.classification() == null || !l.status().equals(e.classification().status()))) {
                failures.add(l + " status " + (e.classification() == null ? "none" : e.classification().status())
                        + " want " + l.status());
            }
        }
        double rate = 1.0 - (double) failures.size() / rows.size();
        assertTrue(rate >= floor, prefix + " " + failures);
    }

    static BounceMessage resource(String path) {
        try (InputStream in = GatewayDialectChecks.class.getResourceAsStream(path)) {
            assertNotNull(in, "missing test resource " + path);
            return BounceMessage.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recipients {@code dialect} decodes from the fixture at {@code path}. */
    static List<RecipientStatus> decode(Dialect dialect, String path) {
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(resource(path)));
        assertEquals(dialect.name(), d.dialect());
        return d.report().recipients();
    }

    /** The dialect leaves a plain message and a standard RFC 3464 report to others. */
    static void leavesStandardSamplesAlone(Dialect dialect) {
        for (String s : List.of("/samples/not-a-bounce.eml", "/samples/dsn-userunknown.eml",
                "/samples/dsn-two-recipients-delayed.eml", "/samples/auto-reply.eml")) {
            assertEquals(ParseResult.NOT_MINE, dialect.parse(resource(s)), s);
        }
    }
}
