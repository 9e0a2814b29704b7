package bouncemx.parse;

import bouncemx.reason.Reason;

import java.util.List;

/**
 * A dialect's "own text -> reason" table: the phrases an MTA or gateway writes in its own words (not the
 * remote server's reply) and the reason each one states. One shape for every dialect: an ordered list of
 * rows, each a reason and the phrases that name it; the first row with a matching phrase wins, so a table
 * lists its specific phrases before its general ones. Phrases are matched as written: a table of lowercase
 * phrases is asked with lowercased text. Immutable; thread-safe.
 */
public final class ReasonTexts {

    /** "A text with any of {@code phrases} states {@code reason}." */
    public record Row(Reason reason, List<String> phrases) {
        public Row {
            if (reason == null) throw new IllegalArgumentException("a row needs a reason");
            phrases = List.copyOf(phrases);
            if (phrases.isEmpty()) throw new IllegalArgumentException("a row needs a phrase: " + reason);
        }
    }

    private final List<Row> rows;

    private ReasonTexts(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The table of these rows, in this order. */
    public static ReasonTexts of(Row... rows) {
        return new ReasonTexts(List.of(rows));
    }

    /** One row: {@code reason} for any of {@code phrases}. */
    public static Row row(Reason reason, String... phrases) {
        return new Row(reason, List.of(phrases));
    }

    public List<Row> rows() { return rows; }

    /** The reason of the first row with a phrase that {@code text} contains, or null (none, or no text). */
    public Reason in(String text) {
        if (text == null || text.isEmpty()) return null;
        for (Row r : rows) {
            for (String p : r.phrases()) if (text.contains(p)) return r.reason();
        }
        return null;
    }

    /** A phrase of a row that a text contains, and that row's reason. */
    public record Match(Reason reason, String phrase) {}

    /** The first row's phrase that {@code text} contains, with its reason (as {@link #in}), or null. */
    public Match match(String text) {
        if (text == null || text.isEmpty()) return null;
        for (Row r : rows) {
            for (String p : r.phrases()) if (text.contains(p)) return new Match(r.reason(), p);
        }
        return null;
    }

    /** The reason of the first row with a phrase that {@code text} starts with, or null. */
    public Reason atStart(String text) {
        if (text == null || text.isEmpty()) return null;
        for (Row r : rows) {
            for (String p : r.phrases()) if (text.startsWith(p)) return r.reason();
        }
        return null;
    }
}
