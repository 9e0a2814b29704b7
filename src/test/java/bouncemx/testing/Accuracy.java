package bouncemx.testing;

import bouncemx.event.Event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * Compares what the engine says about corpus files with labels.jsonl, row by row, and keeps per-family
 * counts so that a regression points at its dialect. Status is compared only where the label is a real
 * code (see {@link Label#realStatus()}); the recipient only where the label gives one.
 */
public final class Accuracy {

    /** Counters for one group of rows. */
    public static final class Counts {
        public int rows, reason, hard, statusRows, status, recipientRows, recipient, reply;

        public int rows() { return rows; }

        void add(Label l, Event e) {
            rows++;
            if (e != null && e.classification() != null) {
                if (e.classification().reason().wireName().equals(l.reason())) reason++;
                if (e.classification().hard() == l.hard()) hard++;
            } else if (l.reason().equals("undefined")) {
                reason++;
                if (!l.hard()) hard++;
            } else if (!l.hard()) {
                hard++;
            }
            // the reply code is compared on every row, "" against "" included, as the hidden sets are scored
            String gotReply = e == null || e.classification() == null ? "" : e.classification().replyCode();
            if (gotReply.equals(l.replyCode())) reply++;
            if (l.realStatus()) {
                statusRows++;
                if (e != null && e.classification() != null && e.classification().status().equals(l.status())) status++;
            }
            if (!l.recipient().isEmpty()) {
                recipientRows++;
                if (e != null && e.recipientAddress().equalsIgnoreCase(l.recipient())) recipient++;
            }
        }

        public double reasonRate() { return rate(reason, rows); }
        public double hardRate() { return rate(hard, rows); }
        public double statusRate() { return rate(status, statusRows); }
        public double recipientRate() { return rate(recipient, recipientRows); }
        public double replyRate() { return rate(reply, rows); }

        static double rate(int ok, int n) { return n == 0 ? 1.0 : (double) ok / n; }

        @Override
        public String toString() {
            return String.format("rows %3d  reason %5.1f%% (%d)  hard %5.1f%% (%d)  status %5.1f%% (%d/%d)  recipient %5.1f%% (%d/%d)  reply %5.1f%% (%d)",
                    rows, 100 * reasonRate(), reason, 100 * hardRate(), hard, 100 * statusRate(), status, statusRows,
                    100 * recipientRate(), recipient, recipientRows, 100 * replyRate(), reply);
        }
    }

    /** The result of one evaluation. */
    public record Result(Counts total, Map<String, Counts> byFamily, List<String> misses, int nonBounces,
                         int nonBouncesUnclassified) {
        public String report() {
            StringBuilder sb = new StringBuilder();
            sb.append("TOTAL ").append(total).append('\n');
            sb.append(String.format("non-bounces left unclassified: %d/%d%n", nonBouncesUnclassified, nonBounces));
            for (var e : byFamily.entrySet()) sb.append(String.format("  %-24s %s%n", e.getKey(), e.getValue()));
            sb.append("misses:\n");
            for (String m : misses) sb.append("  ").append(m).append('\n');
            return sb.toString();
        }
    }

    private Accuracy() {}

    /** Evaluates the rows for which {@code include(label, eventsOfItsFile)} holds. */
    public static Result evaluate(BiPredicate<Label, List<Event>> include) {
        Labels labels = Labels.load();
        Map<String, List<Event>> cache = new HashMap<>();
        Counts total = new Counts();
        Map<String, Counts> fam = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        int nb = 0, nbOk = 0;
        for (Label l : labels.all()) {
            List<Event> events = cache.computeIfAbsent(l.file(), f -> Engine.events(Corpus.message(f)));
            if (!include.test(l, events)) continue;
            if (l.index() == 0 || !l.bounce()) {
                nb++;
                if (events.stream().allMatch(e -> e.type().equals("message.unclassified"))) nbOk++;
                else misses.add(l + " non-bounce claimed as " + events.get(0).type() + " by " + events.get(0).decodedBy());
                continue;
            }
            Event e = l.index() <= events.size() ? events.get(l.index() - 1) : null;
            total.add(l, e);
            fam.computeIfAbsent(Corpus.family(l.file()), k -> new Counts()).add(l, e);
            String got = e == null ? "no event" : e.classification() == null ? "unclassified"
                    : e.classification().reason().wireName() + " hard=" + e.classification().hard() + " status="
                    + e.classification().status() + " rule=" + e.classification().rule() + " by=" + e.decodedBy();
            boolean ok = e != null && e.classification() != null && e.classification().reason().wireName().equals(l.reason())
                    && e.classification().hard() == l.hard()
                    && (!l.realStatus() || e.classification().status().equals(l.status()));
            if (!ok) {
                String text = e == null || e.recipient() == null ? "" : e.recipient().diagnosticText();
                if (text.length() > 160) text = text.substring(0, 160);
                misses.add(l + " want " + l.reason() + " hard=" + l.hard() + " status=" + l.status() + " | got " + got
                        + " | " + text);
            }
        }
        return new Result(total, fam, misses, nb, nbOk);
    }

    /** The rows of the standard formats: rfc3464-*, arf-*, rfc3834-*, and any file the RFC 3464 reader decodes. */
    public static boolean standard(Label l, List<Event> events) {
        String f = Corpus.family(l.file());
        return f.equals("rfc3464") || f.equals("arf") || f.equals("rfc3834")
                || events.stream().anyMatch(e -> e.decodedBy().equals("rfc3464"));
    }
}
