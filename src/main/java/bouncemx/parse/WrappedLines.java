package bouncemx.parse;

/**
 * Undoes one kind of re-wrapping (issue 13): a relay or mail client that re-wraps plain text at a fixed
 * width (72 to 80 columns; RFC 3676's 78, Outlook's 76, many clients' 72) cuts a long reply or reason line at
 * the last blank before the width and puts the rest at column 0, where a line-oriented template reads it as a
 * new line ("    SMTP error from remote mail server after RCPT" / "TO:&lt;a@b&gt;:"). A line at column 0 is
 * joined to the line before it when both hold: that line was cut near a wrap width (it fits in
 * {@link #MAX_WIDTH} columns, and with the next line's first word it would pass {@link #MIN_WIDTH}, so some
 * width in that range cut it there), and the line cannot begin an item of its own (an address or
 * "&lt;address&gt;", a header or DSN field "Name: value", a reply line "550 ..." or "550-...", a quote, a rule
 * of dashes or equals signs, Sendmail's "... while talking to", a bracketed or bulleted line). Blank lines always
 * stay; blanks at line ends go. Stateless and thread-safe.
 */
public final class WrappedLines {
    private WrappedLines() {}

    /** The narrowest wrap width assumed (a line cut by a narrower one is left alone). */
    static final int MIN_WIDTH = 72;

    /** The widest wrap width assumed: a longer line was not cut by a wrapper. */
    static final int MAX_WIDTH = 80;

    /**
     * {@code text} with wrapped continuations joined to their lines and the blanks at line ends dropped (so that a
     * line of blanks is an empty line, which ends a paragraph as it does on screen); {@code text} itself when
     * there is neither.
     */
    public static String join(String text) {
        StringBuilder out = null;
        int n = text.length();
        int prevStart = -1;
        int prevLength = 0;
        // the last line not joined to the one before it: whether it is a header field is asked only when a
        // line after it may continue it (fieldName on every line was ~0.7% of the engine's CPU under C1)
        int fieldLine = 0;
        int fieldLineEnd = 0;
        int pos = 0;
        while (pos < n) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) eol = n;
            int end = pos + trimmedLength(text, pos, eol);   // the line without its trailing blanks
            int length = end - pos;
            // most lines go no further than the sum: a short line and its short successor were not cut
            if (prevStart >= 0 && length > 0 && prevLength + 1 + length > MIN_WIDTH && prevLength <= MAX_WIDTH
                    && continues(text, prevStart, pos, end, prevLength, fieldLine, fieldLineEnd)) {
                if (out == null) out = new StringBuilder(n).append(text, 0, pos - 1);
                // one blank in place of the line break and the continuation's indentation
                out.append(' ').append(text, pos + indent(text, pos, end), end);
                prevLength = length;   // a line wrapped twice: this piece was cut near the width too
            } else {
                if (out == null && end < eol) out = new StringBuilder(n).append(text, 0, Math.max(0, pos - 1));
                if (out != null) {
                    if (pos > 0) out.append('\n');
                    out.append(text, pos, end);
                }
                prevLength = length;
                // an indented line under a header field is its fold ("Received: from ..." / "          id"): the field
                // stays the block's last field line, so a column-0 piece cut from the fold joins it too
                boolean fold = length > 0 && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')
                        && fieldName(text, fieldLine, fieldLineEnd) > fieldLine;
                if (!fold) {
                    fieldLine = pos;
                    fieldLineEnd = end;
                }
            }
            prevStart = length == 0 ? -1 : pos;
            pos = eol + 1;
        }
        if (out == null) return text;
        if (n > 0 && text.charAt(n - 1) == '\n') out.append('\n');
        return out.toString();
    }

    /**
     * Whether the line [start, eol) continues the line of {@code prevLength} characters at {@code prevStart};
     * [fieldLine, fieldLineEnd) is the last line that was not itself a continuation (a header field there makes
     * this line a cut fold).
     */
    private static boolean continues(String text, int prevStart, int start, int eol, int prevLength, int fieldLine,
                                     int fieldLineEnd) {
        if (prevLength > MAX_WIDTH) return false;
        // a continuation indented like its line (a wrapper that keeps the indentation) is read after the indentation
        int lead = indent(text, start, eol);
        if (lead > 0 && (lead != indent(text, prevStart, start - 1) || lead == eol - start)) return false;
        int from = start + lead;
        // every way to true below needs this (a width in the range would have cut before the line's first word),
        // and most lines fail it: the tests of what the line opens with are made only for the rest
        if (!wrapped(text, from, eol, prevLength)) return false;
        char c = text.charAt(from);
        char last = text.charAt(prevStart + Math.max(0, prevLength - 1));   // the previous line's last character
        // an indented line that ends in a colon introduces the next one (Exim's "    SMTP error from remote mail
        // server after RCPT TO:<a@b>:" / "    host ...: 550 ..."); at column 0 a cut there is a re-wrap
        if (lead > 0 && last == ':') return false;
        // a rule cut in two ("|---- Message log follows:" / "----|", as Smail writes its separators)
        if (isRule(text.charAt(prevStart)) && onlyRule(text, from, eol)) return true;
        // an SMTP command cut between its verb and its path ("--> MAIL" / "From:<a@b> SIZE=4312", RFC 5321 4.1.1.2)
        if (commandCut(text, prevStart, prevStart + prevLength, from, eol)) return true;
        // "... delivering your mail to" / "<a@b>." : an address in the middle of a sentence, not a list's
        // "<a@b>:" item (Postfix) nor an address under a heading (Sendmail's, which ends in "-----"); after a
        // preposition ("550-Verification failed for" / "<a@b>") it is the sentence's, item or not
        if (c == '<' && Character.isLetter(last)
                && (!addressItem(text, from, eol)
                        || (bracketedAddress(text, from, eol) && endsWithPreposition(text, prevStart, prevStart + prevLength)))) return true;
        // "...: 550 5.1.1" / "&lt;a@b&gt;... User Unknown": a reply's code never ends its line, its text follows
        if (endsWithReplyCode(text, prevStart, prevStart + prevLength) && (c == '<' || !opensItem(c))) return true;
        // inside a header block (a quoted original's), a line at column 0 that is no field is a cut fold; but a
        // label of words is a field a mail client names in its language (Outlook's "Enviado el:", "Envoyé :")
        if (fieldName(text, fieldLine, fieldLineEnd) > fieldLine && c != ' ' && c != '\t' && fieldName(text, from, eol) < 0
                && !label(text, from, eol)) {
            return true;
        }
        if (opensItem(c)) return false;
        // a reply line of its own ("550 5.1.1 ...", "550-..."), as Sendmail writes one per line
        if (eol - from >= 4 && isDigit(c) && isDigit(text.charAt(from + 1)) && isDigit(text.charAt(from + 2))
                && (text.charAt(from + 3) == ' ' || text.charAt(from + 3) == '-')) return false;
        // a capitalised word begins a sentence or a label of its own (qmail's "... User Unknown" / "Giving up on
        // 192.0.2.9.", Messaging Server's "Remote system: ..."), unless the line before stops where nothing can
        // end: after a colon, a comma, "..." or a lowercase word ("Recipient address rejected:" / "Greylisted")
        if (Character.isUpperCase(c) && from + 1 < eol && Character.isLowerCase(text.charAt(from + 1))
                && !opensOnto(text, prevStart, prevStart + prevLength, label(text, from, eol))) return false;
        int word = firstWordEnd(text, from, eol);
        // a sentence cut after its preposition goes on with the address ("... could not deliver mail to" /
        // "kim@x.example.  The account ...", Exim's cPanel text re-wrapped): no item starts after "to"
        if (endsWithPreposition(text, prevStart, prevStart + prevLength)) return true;
        // an address list cut after its comma goes on ("*  To: a@x.example," / "b@x.example, c@x.example", as a
        // transcript logs the original's header)
        if (last == ',' && text.lastIndexOf('@', prevStart + prevLength) >= prevStart) return true;
        // an address ("a@b ...", "a@b:") or a field name ("Name:" then a blank) begins an item; "TO:<a@b>:" does not
        int colon = from;
        while (colon < word && text.charAt(colon) != ':') colon++;
        for (int i = from; i < colon; i++) if (text.charAt(i) == '@') return false;
        // (a name with a dot or a bracket is a host name, as Sendmail writes "Name server: host.example.: host
        // name lookup failure" and Postfix "connect to mx.example[192.0.2.1]:" before its reason, and no field label)
        // (nor is a word all in lowercase: Postfix's "host mx.example[192.0.2.1] said:" cut before its last word;
        // a template's labels are capitalised, "Reason:", "Remote-MTA:")
        if (colon == word - 1 && colon > from && !hostName(text, from, colon) && !lowercaseWord(text, from, colon)) return false;
        return true;
    }

    /** True when the line before ends with the word MAIL or RCPT and [from, eol) opens with that command's "FROM:<" or "TO:<". */
    private static boolean commandCut(String text, int prevStart, int prevEnd, int from, int eol) {
        if (prevEnd - prevStart < 4) return false;
        // the verb as a log writes it, in capitals (a sentence's "... by mail" is no command)
        boolean mail = text.startsWith("MAIL", prevEnd - 4);
        if (!mail && !text.startsWith("RCPT", prevEnd - 4)) return false;
        if (prevEnd - prevStart > 4 && Character.isLetterOrDigit(text.charAt(prevEnd - 5))) return false;
        String path = mail ? "from:<" : "to:<";
        return eol - from >= path.length() && text.regionMatches(true, from, path, 0, path.length());
    }

    /** True when [from, eol) opens with an address in angle brackets ("&lt;a@b&gt;"), not a transcript's "&lt;&lt;&lt; ". */
    private static boolean bracketedAddress(String text, int from, int eol) {
        int gt = text.indexOf('>', from);
        if (gt < 0 || gt >= eol) return false;
        int at = text.indexOf('@', from);
        if (at <= from + 1 || at >= gt) return false;
        for (int i = from + 1; i < gt; i++) {
            char c = text.charAt(i);
            if (c == '<' || c == ' ' || c == '\t') return false;
        }
        return true;
    }

    /** Words a sentence cannot end with, before the address it names. */
    private static final java.util.List<String> PREPOSITIONS = java.util.List.of("to", "for", "from", "at");

    /** True when the line [start, end) ends with a blank and one of {@link #PREPOSITIONS}. */
    private static boolean endsWithPreposition(String text, int start, int end) {
        int w = end;
        while (w > start && text.charAt(w - 1) >= 'a' && text.charAt(w - 1) <= 'z') w--;
        if (w == end || w == start || (text.charAt(w - 1) != ' ' && text.charAt(w - 1) != '\t')) return false;
        return PREPOSITIONS.contains(text.substring(w, end));
    }

    /** True when [from, colon) holds only the letters a to z. */
    private static boolean lowercaseWord(String text, int from, int colon) {
        for (int i = from; i < colon; i++) {
            char c = text.charAt(i);
            if (c < 'a' || c > 'z') return false;
        }
        return true;
    }

    /** True when [from, colon) holds a dot or a bracket: a host name or address, which no header field name has. */
    private static boolean hostName(String text, int from, int colon) {
        for (int i = from; i < colon; i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '[') return true;
        }
        return false;
    }

    /** True when a wrap width in [MIN_WIDTH, MAX_WIDTH] would have cut before this line's first word. */
    private static boolean wrapped(String text, int from, int eol, int prevLength) {
        return prevLength <= MAX_WIDTH && prevLength + 1 + (firstWordEnd(text, from, eol) - from) > MIN_WIDTH;
    }

    private static int firstWordEnd(String text, int from, int eol) {
        int word = from;
        while (word < eol && text.charAt(word) != ' ' && text.charAt(word) != '\t') word++;
        return word;
    }

    /** The colon after a header field name at {@code from} ("Name: value", RFC 5322 ftext, no blank inside), or -1. */
    static int fieldName(String text, int from, int eol) {
        for (int i = from; i < eol; i++) {
            char c = text.charAt(i);
            if (c == ':') return i > from && (i + 1 == eol || text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\t') ? i : -1;
            if (c <= ' ' || c > '~') return -1;
        }
        return -1;
    }

    private static final java.util.regex.Pattern STATUS = java.util.regex.Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    /** True when the line [start, end) ends with a reply code, or one and its enhanced status: " 550", " 550 5.1.1". */
    static boolean endsWithReplyCode(String text, int start, int end) {
        int i = end;
        // an enhanced status "5.1.1" (class, subject, detail of 1-3 digits each), then the reply code before it
        int j = i;
        while (j > start && (isDigit(text.charAt(j - 1)) || text.charAt(j - 1) == '.')) j--;
        String tail = text.substring(j, i);
        if (tail.length() >= 5 && STATUS.matcher(tail).matches() && j > start && text.charAt(j - 1) == ' ') i = j - 1;
        if (i - start < 4 || text.charAt(i - 4) != ' ') return false;
        char a = text.charAt(i - 3);
        return (a == '2' || a == '4' || a == '5') && isDigit(text.charAt(i - 2)) && isDigit(text.charAt(i - 1));
    }

    /** A first character that indents or opens an item: a blank, an address, a quote, a rule, a bullet, a bracket. */
    private static boolean opensItem(char c) { return c == ' ' || c == '\t' || "<>-=*#[(|_+.".indexOf(c) >= 0; }

    /**
     * True when the line [start, end) ends where a sentence cannot: a colon, a comma, "..." or (unless the next
     * line is a {@code label} of its own, as Messaging Server's "Remote system: ..." under "... User unknown") a
     * lowercase word.
     */
    private static boolean opensOnto(String text, int start, int end, boolean label) {
        if (end <= start) return false;
        char last = text.charAt(end - 1);
        if (last == ':' || last == ',') return true;
        if (last == '.') return end - start >= 3 && text.startsWith("...", end - 3);
        if (label) return false;
        int w = end;
        while (w > start && Character.isLetter(text.charAt(w - 1))) w--;
        if (w == end || (w > start && text.charAt(w - 1) != ' ' && text.charAt(w - 1) != '\t')) return false;
        for (int i = w; i < end; i++) if (!Character.isLowerCase(text.charAt(i))) return false;
        return true;
    }

    /** Label words a line may start with before its colon ("Remote system:", "Error Type:", "Reason:"). */
    private static final int LABEL_WORDS = 3;

    /** True when the line at {@code from} starts with a label: one to three words, then a colon and a blank or the end. */
    static boolean label(String text, int from, int eol) {
        int words = 1;
        for (int i = from; i < eol; i++) {
            char c = text.charAt(i);
            if (c == ':') return i > from && (i + 1 == eol || text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\t');
            if (c == ' ') {
                if (++words > LABEL_WORDS || i + 1 >= eol || text.charAt(i + 1) == ' ') return false;
            } else if (!Character.isLetter(c) && c != '-') {
                return false;
            }
        }
        return false;
    }

    private static boolean isRule(char c) { return c == '-' || c == '=' || c == '|' || c == '_' || c == '*' || c == '+'; }

    private static boolean onlyRule(String text, int from, int eol) {
        for (int i = from; i < eol; i++) if (!isRule(text.charAt(i)) && text.charAt(i) != ' ') return false;
        return true;
    }

    /** "&lt;a@b&gt;:" or "&lt;a@b&gt;" alone: an address that opens an item of a list. */
    private static boolean addressItem(String text, int from, int eol) {
        int gt = text.indexOf('>', from);
        if (gt < 0 || gt >= eol) return true;
        int next = gt + 1;
        while (next < eol && text.charAt(next) == ' ') next++;
        return next >= eol || text.charAt(next) == ':' || text.charAt(next) == '.' && next + 1 < eol && text.charAt(next + 1) == '.';
    }

    /** The length of a line without its trailing blanks (a wrapper cuts at a blank and drops it). */
    private static int trimmedLength(String text, int from, int eol) {
        int e = eol;
        while (e > from && (text.charAt(e - 1) == ' ' || text.charAt(e - 1) == '\t')) e--;
        return e - from;
    }

    private static int indent(String text, int from, int eol) {
        int i = from;
        while (i < eol && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
        return i - from;
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }
}
