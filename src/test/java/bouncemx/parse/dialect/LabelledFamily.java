package bouncemx.parse.dialect;

import bouncemx.event.Event;
import bouncemx.parse.BounceMessage;
import bouncemx.testing.Corpus;
import bouncemx.testing.Engine;
import bouncemx.testing.Label;
import bouncemx.testing.Labels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the labelled corpus rows of one family through the standard engine and collects every row where
 * the decoding dialect, the recipient (when the label has one) or the status (when the label's is a real
 * code) differs; and loads the fixtures under src/test/resources. Test support only.
 */
final class LabelledFamily {
    private LabelledFamily() {}

    /** Asserts that at least {@code floor} of the rows of {@code prefix} are decoded right by {@code dialect}. */
    static void assertDecoded(String prefix, String dialect, double floor) {
        Corpus.assumeAvailable();
        List<Label> rows = Labels.load().forPrefix(prefix);
        assertFalse(rows.isEmpty(), "no labelled rows for " + prefix);
        List<String> failures = new ArrayList<>();
        for (Label l : rows) {
            List<Event> events = Engine.events(Corpus.message(l.file()));
            Event e = l.index() >= 1 && l.index() <= events.size() ? events.get(l.index() - 1) : null;
            if (e == null) {
                failures.add(l + ": no event");
                continue;
            }
            if (!e.decodedBy().equals(dialect)) failures.add(l + ": decoded by '" + e.decodedBy() + "'");
            else if (!l.recipient().isEmpty() && !e.recipientAddress().equalsIgnoreCase(l.recipient())) {
                failures.add(l + ": recipient " + e.recipientAddress() + " want " + l.recipient());
            } else if (l.realStatus() && (e.classification() == null || !e.classification().status().equals(l.status()))) {
                failures.add(l + ": status " + (e.classification() == null ? "-" : e.classification().status())
                        + " want " + l.status());
            }
        }
        double ok = 1.0 - (double) failures.size() / rows.size();
        assertTrue(ok >= floor, String.format("%s: %.1f%% right, floor %.1f%%; failures: %s", prefix, 100 * ok,
                100 * floor, failures));
    }

    /** A message from src/test/resources (e.g. "dialects/postfix/two-recipients.eml"). */
    static BounceMessage resource(String path) {
        try (InputStream in = LabelledFamily.class.getResourceAsStream("/" + path)) {
            if (in == null) throw new IllegalStateException("missing test resource " + path);
            return BounceMessage.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
