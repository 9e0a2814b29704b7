package bouncemx.parse;

import java.util.List;

/**
 * Finds, in a report's human-readable text, which SMTP command the remote server refused, from the
 * phrasings MTAs use around a quoted reply: Postfix "(in reply to RCPT TO command)", Exim "after RCPT
 * TO:<...>" / "after end of data", "... sent: RCPT TO:<...>", and sendmail transcripts, where the last "&gt;&gt;&gt; COMMAND" line before
 * the refusal names it. Returns CONN, HELO, EHLO, MAIL, RCPT, DATA or BDAT, or "" when the text does not
 * say. Every dialect's own table of such phrases is a {@link Table}. Stateless, thread-safe.
 */
public final class SmtpCommands {
    private SmtpCommands() {}

    /** The commands a table may name: the SMTP commands a report says were refused, CONN for the greeting. */
    public static final java.util.Set<String> NAMES = java.util.Set.of("CONN", "HELO", "EHLO", "MAIL", "RCPT", "DATA", "BDAT");

    /**
     * One shape for every table of "a phrase in a report names the failed SMTP command": ordered rows of
     * (phrase, command), matched as written (a lowercase table is asked with lowercased text). A command
     * outside {@link #NAMES} fails when the table is built. Immutable; thread-safe.
     */
    public static final class Table {
        /** "A text with {@code phrase} names {@code command}." */
        public record Row(String phrase, String command) {
            public Row {
                if (phrase == null || phrase.isEmpty()) throw new IllegalArgumentException("a row needs a phrase");
                if (!NAMES.contains(command)) throw new IllegalArgumentException("not an SMTP command: " + command);
            }
        }

        private final List<Row> rows;
        /** The phrases, one group per row, for {@link #in}: one pass over the text, not a contains per row. */
        private final PhraseAutomaton phrases;

        private Table(List<Row> rows) {
            this.rows = List.copyOf(rows);
            this.phrases = new PhraseAutomaton(this.rows.stream().map(r -> List.of(r.phrase())).toList());
        }

        public List<Row> rows() { return rows; }

        /** This table's rows followed by those of the (phrase, command) pairs. */
        public Table then(String... phraseThenCommand) {
            List<Row> all = new java.util.ArrayList<>(rows);
            all.addAll(table(phraseThenCommand).rows());
            return new Table(all);
        }

        /** The command of the first row whose phrase {@code text} contains, or "". */
        public String in(String text) {
            if (text == null || text.isEmpty()) return "";
            int first = phrases.first(text);
            return first < 0 ? "" : rows.get(PhraseAutomaton.group(first)).command();
        }

        /** The command of the first row whose phrase {@code text} starts with, or "". */
        public String atStart(String text) {
            if (text == null || text.isEmpty()) return "";
            for (Row r : rows) if (text.startsWith(r.phrase())) return r.command();
            return "";
        }

        /**
         * The command of the first row whose phrase occurs in {@code text} as a whole word (no letter or digit
         * before it, no letter after it: "RCPT TO:", "final DATA", "DATA SEND", not "DATABASE"), or "".
         */
        public String asWord(String text) {
            if (text == null || text.isEmpty()) return "";
            for (Row r : rows) {
                String p = r.phrase();
                for (int i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) {
                    int end = i + p.length();
                    boolean before = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
                    boolean after = end >= text.length() || !Character.isLetter(text.charAt(end));
                    if (before && after) return r.command();
                }
            }
            return "";
        }

        /** The command of the phrase that occurs first in {@code text} (the first listed at one position), or "". */
        public String earliest(String text) {
            if (text == null || text.isEmpty()) return "";
            int best = Integer.MAX_VALUE;
            String out = "";
            for (Row r : rows) {
                int i = text.indexOf(r.phrase());
                if (i >= 0 && i < best) { best = i; out = r.command(); }
            }
            return out;
        }

        /** The command of the phrase whose last occurrence is last in {@code text} (the first listed at one position), or "". */
        public String latest(String text) {
            if (text == null || text.isEmpty()) return "";
            int last = -1;
            String out = "";
            for (Row r : rows) {
                int i = text.lastIndexOf(r.phrase());
                if (i > last) { last = i; out = r.command(); }
            }
            return out;
        }
    }

    /** A table from (phrase, command) pairs, in order. */
    public static Table table(String... phraseThenCommand) {
        if (phraseThenCommand.length % 2 != 0) throw new IllegalArgumentException("phrases and commands in pairs");
        List<Table.Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < phraseThenCommand.length; i += 2) rows.add(new Table.Row(phraseThenCommand[i], phraseThenCommand[i + 1]));
        return new Table(rows);
    }

    /** Postfix smtp(8)'s "in reply to X command" (lowercase), shared with {@code PostfixDialect}. */
    public static final Table IN_REPLY_TO = table(
            "in reply to rcpt to command", "RCPT", "in reply to mail from command", "MAIL",
            "in reply to end of data command", "DATA", "in reply to data command", "DATA",
            "in reply to bdat command", "BDAT", "in reply to ehlo command", "EHLO",
            "in reply to lhlo command", "EHLO", "in reply to helo command", "HELO");

    /** Phrases (lowercase) that name a command; ordered longest first where one contains another. */
    private static final Table PHRASES = IN_REPLY_TO.then(
            "in reply to initial greeting", "CONN",
            "after rcpt to", "RCPT", "after mail from", "MAIL", "after end of data", "DATA",
            "after data", "DATA", "after ehlo", "EHLO", "after helo", "HELO",
            "after initial connection", "CONN",
            // the sending server's own line above the reply (hMailServer "hMailServer sent: RCPT TO:<a@b>")
            "sent: rcpt to", "RCPT", "sent: mail from", "MAIL", "sent: data", "DATA",
            "sent: ehlo", "EHLO", "sent: helo", "HELO",
            // SendGrid's notice line "user:id:<a@b> : ip : mx:[ip] : 550 ... in RCPT TO" (lhost-sendgrid-*)
            " in rcpt to", "RCPT", " in mail from", "MAIL",
            // Yahoo's notice tags the reply with the refused command ("550 5.2.1 <a@b>... User Unknown\n[RCPT_TO]")
            "[rcpt_to]", "RCPT", "[mail_from]", "MAIL");

    /** Sendmail transcript lines, lowercased (">>> RCPT To:<a@b>"); the last one in the text names the command. */
    private static final Table TRANSCRIPT = table(
            ">>> rcpt", "RCPT", ">>> mail", "MAIL", ">>> data", "DATA",
            ">>> .", "DATA", ">>> ehlo", "EHLO", ">>> helo", "HELO",
            ">>> bdat", "BDAT");

    public static String find(String text) {
        if (text == null || text.isEmpty()) return "";
        // folded first: a phrase broken over two lines ("(in reply to" / "RCPT TO command)" of a wrapped Postfix
        // line that WrappedLines did not join, as when the lines end in blanks) is still one phrase; folded and
        // lowered in one pass
        String lower = TextScan.foldLowerHead(text, text.length());
        String c = PHRASES.in(lower);
        if (!c.isEmpty()) return c;
        if (lower.indexOf(">>>") < 0) return "";   // no transcript
        return TRANSCRIPT.latest(lower);
    }
}
