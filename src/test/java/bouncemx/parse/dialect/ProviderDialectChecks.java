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

/** The checks every provider dialect test runs: its corpus family, its own fixture, and refusals. */
final class ProviderDialectChecks {
    private ProviderDialectChecks() {}

    /**
     * Runs every labelled row of {@code family} through the standard engine: the row must be decoded by
     * {@code dialect}, with the label's recipient (when given) and the label's status (when it is a real
     * code). At least {@code floor} of the rows must pass.
     */
    static void decodesFamily(String family, String dialect, double floor) {
        Corpus.assumeAvailable();
        List<Label> rows = Labels.load().forPrefix(family + "-");
        assertTrue(!rows.isEmpty(), "no labelled rows for " + family);
        List<String> failures = new ArrayList<>();
        List<String> cachedFile = new ArrayList<>(1);
        List<Event> events = List.of();
        for (Label row : rows) {
            if (cachedFile.isEmpty() || !cachedFile.get(0).equals(row.file())) {
                events = Engine.events(Corpus.message(row.file()));
                cachedFile.clear();
                cachedFile.add(row.file());
            }
            Event e = row.index() >= 1 && row.index() <= events.size() ? events.get(row.index() - 1) : null;
            if (e == null) {
                failures.add(row + ": no event");
                continue;
            }
            if (!e.decodedBy().equals(dialect)) failures.add(row + ": decoded by '" + e.decodedBy() + "'");
            else if (!row.recipient().isEmpty() && !row.recipient().equalsIgnoreCase(e.recipientAddress()))
                failures.add(row + ": recipient " + e.recipientAddress() + " != " + row.recipient());
            else if (row.realStatus() && (e.classification() == null || !row.status().equals(e.classification().status())))
                failures.add(row + ": status " + (e.classification() == null ? "-" : e.classification().status()) + " != " + row.status());
        }
        double rate = (double) (rows.size() - failures.size()) / rows.size();
        assertTrue(rate >= floor, family + " " + rate + " below " + floor + ": " + failures);
    }

    static BounceMessage fixture(String resource) {
        try (InputStream in = ProviderDialectChecks.class.getResourceAsStream(resource)) {
            assertNotNull(in, "missing test resource " + resource);
            return BounceMessage.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes a fixture and returns its recipients, asserting the dialect claimed it. */
    static List<RecipientStatus> decode(Dialect d, String resource) {
        var decoded = assertInstanceOf(ParseResult.Decoded.class, d.parse(fixture(resource)));
        assertEquals(d.name(), decoded.dialect());
        return decoded.report().recipients();
    }

    /** The dialect leaves a plain message and a standard RFC 3464 report alone. */
    static void refusesOthers(Dialect d) {
        for (String s : List.of("/samples/not-a-bounce.eml", "/samples/dsn-userunknown.eml", "/samples/arf-abuse.eml")) {
            assertEquals(ParseResult.NOT_MINE, d.parse(fixture(s)), d.name() + " claimed " + s);
        }
    }
}
