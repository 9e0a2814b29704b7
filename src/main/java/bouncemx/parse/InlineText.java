package bouncemx.parse;

import java.util.List;
import java.util.Locale;

/**
 * The notice a mail client carries inside a person's text (issue 13): quoted with "&gt; " under an
 * attribution line ("On &lt;date&gt;, Mail Delivery System wrote:"), or forwarded inline under a client's
 * banner, with or without quoting and with the forwarded message's header lines first:
 * <ul>
 * <li>Gmail: "---------- Forwarded message ---------", then "From:", "Date:", "Subject:", "To:";</li>
 * <li>Thunderbird: "-------- Forwarded Message --------" or "-------- Original Message --------", then
 *     "Subject:", "Date:", "From:", "To:" (a tab after each colon);</li>
 * <li>Apple Mail: "Begin forwarded message:", then the header lines (quoted "&gt; " in some versions);</li>
 * <li>Outlook: "-----Original Message-----" or a rule of underscores, then "From:", "Sent:", "To:",
 *     "Subject:"; newer versions start the block with "From:" directly.</li>
 * </ul>
 * {@link #find} gives the carried text with one level of quoting undone (nested forwards and quotes are
 * unwrapped up to {@link #MAX_DEPTH} levels) and the header lines apart. The introduction must come before
 * anything that reads like a header block (two field lines in a row): a notice that returns the original
 * inline (qmail, Exim without MIME) may carry someone's quoted mail in that original, and that is not the
 * notice. Sendmail's transcript lines ("&gt;&gt;&gt; RCPT To:") are no quote: only lines under an
 * introduction are unquoted, and only one level each time. Stateless and thread-safe.
 */
public final class InlineText {
    private InlineText() {}

    /**
     * A carried message: {@code headers} holds its header lines as the client wrote them (Outlook's "Sent:"
     * renamed "Date:"), one per line, or "" when the client wrote none (a quote); {@code text} its body.
     */
    public record Carried(String headers, String text) {
        public boolean hasHeaders() { return !headers.isEmpty(); }
    }

    /**
     * {@code c} written as a message of its own: its header lines, a UTF-8 text/plain body. A header line
     * that is not ASCII is kept as UTF-8 (RFC 6532).
     */
    public static byte[] asMessage(Carried c) {
        String m = c.headers() + "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + c.text();
        return m.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Forwards or quotes inside forwards or quotes that are unwrapped. */
    static final int MAX_DEPTH = 3;

    /** Lines of a person's own words looked through for the introduction. */
    static final int MAX_LEADING_LINES = 40;

    /** Lines an attribution may be wrapped over ("On Thu, ... Mail Delivery System &lt;" / "MAILER-DAEMON@x&gt; wrote:"). */
    private static final int ATTRIBUTION_LINES = 3;

    /**
     * Banners a client writes above a forwarded or original message (lowercase, dashes and underscores
     * around them dropped): Gmail, Thunderbird, Outlook, Apple Mail.
     */
    private static final List<String> BANNERS = List.of("forwarded message", "original message", "begin forwarded message:",
            // Gmail's and Thunderbird's forward (mailnews.forward_header_originalmessage), Thunderbird's original
            // (mime.properties 1041) and Outlook's original, in French, German, Spanish, Italian, Dutch, Portuguese
            "message transféré", "message d'origine", "message d’origine", "message original",
            "weitergeleitete nachricht", "ursprüngliche nachricht", "original-nachricht",
            "mensaje reenviado", "mensaje original", "messaggio inoltrato", "messaggio originale",
            "doorgestuurd bericht", "oorspronkelijk bericht", "mensagem encaminhada", "mensagem reencaminhada", "mensagem original");

    /**
     * Endings of an attribution line ("On &lt;date&gt;, &lt;name&gt; wrote:") in the clients' languages; the
     * line must also start with the matching word (lowercase pairs: start, end).
     */
    private static final List<String[]> ATTRIBUTIONS = List.of(
            new String[] {"on ", "wrote:"}, new String[] {"am ", "schrieb"}, new String[] {"le ", "a écrit :"},
            new String[] {"le ", "a écrit:"}, new String[] {"el ", "escribió:"}, new String[] {"il ", "ha scritto:"},
            new String[] {"op ", "geschreven:"},
            // Thunderbird's mailnews.reply_header_ondateauthorwrote: de "Am #2 um #3 schrieb #1:", nl "Op #2 om #3
            // schreef #1:", pt-BR "Em #2 #3, #1 escreveu:", pt-PT "Às #3 de #2, #1 escreveu:" (the name comes
            // after the verb: a third word the attribution must hold)
            new String[] {"am ", ":", " schrieb "}, new String[] {"op ", ":", " schreef "},
            new String[] {"em ", "escreveu:"}, new String[] {"às ", "escreveu:"});

    /** The first letters of {@link #ATTRIBUTIONS}' first words. */
    private static final String ATTRIBUTION_FIRST = "oalei";

    /** Header names of a forwarded message's block, as clients write them (lowercase, with the colon). */
    private static final List<String> FORWARD_FIELDS = List.of("from:", "sent:", "date:", "to:", "cc:", "subject:", "reply-to:");

    /**
     * The same names in the clients' languages (lowercase, without the colon; French puts a blank before it),
     * each with the English name it stands for: Outlook's (From, Sent, To, Cc, Subject), Thunderbird's
     * (mime.properties 1000 Subject, 1007 Date, 1009 From, 1012 To, 1013 Cc) and Gmail's localised "From:",
     * in French, German, Spanish, Italian, Dutch and Portuguese. Longer names first ("enviado el" before "enviado").
     */
    private static final String[][] LOCAL_FIELDS = {
            {"de", "from:"}, {"von", "from:"}, {"da", "from:"}, {"van", "from:"}, {"mittente", "from:"},
            {"envoyé", "sent:"}, {"gesendet", "sent:"}, {"enviado el", "sent:"}, {"enviado", "sent:"}, {"enviada", "sent:"},
            {"inviato", "sent:"}, {"verzonden", "sent:"},
            {"date", "date:"}, {"datum", "date:"}, {"fecha", "date:"}, {"data", "date:"},
            {"à", "to:"}, {"an", "to:"}, {"para", "to:"}, {"a", "to:"}, {"aan", "to:"}, {"pour", "to:"},
            {"copie à", "cc:"}, {"kopie (cc)", "cc:"},
            {"objet", "subject:"}, {"betreff", "subject:"}, {"asunto", "subject:"}, {"oggetto", "subject:"},
            {"onderwerp", "subject:"}, {"assunto", "subject:"}, {"sujet", "subject:"}};

    /** The English name (from {@link #FORWARD_FIELDS}) of {@link #LOCAL_FIELDS}' names that starts {@code lower}, and its length. */
    private record Named(String english, int length) {}

    /**
     * True when {@code lower} (a stripped, lowercased line) opens with one of a mail client's localised names of a
     * quoted message's header fields ("von:", "gesendet:", "objet :", ...; {@link #LOCAL_FIELDS}).
     */
    public static boolean opensWithLocalisedField(String lower) {
        return localField(lower) != null;
    }

    private static Named localField(String lower) {
        for (String[] f : LOCAL_FIELDS) {
            if (!lower.startsWith(f[0])) continue;
            int i = f[0].length();
            if (i < lower.length() && (lower.charAt(i) == ' ' || lower.charAt(i) == '\u00a0' || lower.charAt(i) == '\u202f')) i++;
            if (i >= lower.length() || lower.charAt(i) != ':') continue;
            i++;
            if (i == lower.length() || lower.charAt(i) == ' ' || lower.charAt(i) == '\t' || lower.charAt(i) == '\u00a0') return new Named(f[1], i);
        }
        return null;
    }

    /**
     * Subject prefixes of a person's forward (lowercase): English, French "TR:", German "WG:", Spanish "RV:",
     * Italian "I:", Dutch "Doorst:", Swedish "VB:", Finnish "VS:", Brazilian Portuguese Outlook's "ENC:".
     */
    private static final List<String> FORWARD_PREFIXES = List.of("fwd:", "fw:", "tr:", "wg:", "rv:", "i:", "doorst:", "vb:", "vs:", "enc:",
            "[fwd:", "fwd ");

    /** Reply prefixes that may stand before a forward's ("Re: Fwd: ..."). */
    private static final List<String> REPLY_PREFIXES = List.of("re:", "aw:", "sv:", "antw:", "r:");

    /** True when a Subject (lowercase) is a person's reply ("Re:", "AW:", "SV:", ...) or forward ({@link #isForwardSubject}). */
    public static boolean isReplyOrForwardSubject(String subjectLower) {
        String s = subjectLower.strip();
        for (String r : REPLY_PREFIXES) if (s.startsWith(r)) return true;
        return isForwardSubject(s);
    }

    /** True when a Subject (lowercase) is a person's forward: "Fwd:", "FW:", ..., also after "Re:". */
    public static boolean isForwardSubject(String subjectLower) {
        String s = subjectLower.strip();
        // every prefix has its colon in its first seven characters, or is "fwd ": most Subjects (a notice's
        // "Undelivered Mail Returned to Sender") have neither and need no prefix test (this runs twice per message)
        int colon = s.indexOf(':');
        if ((colon < 0 || colon > 6) && !s.startsWith("fwd ")) return false;
        for (int guard = 0; guard < 4; guard++) {
            boolean stripped = false;
            for (String r : REPLY_PREFIXES) {
                if (s.startsWith(r)) { s = s.substring(r.length()).strip(); stripped = true; break; }
            }
            if (!stripped) break;
        }
        for (String f : FORWARD_PREFIXES) if (s.startsWith(f)) return true;
        return false;
    }

    /**
     * The carried message of {@code text}, or null when the text carries none. A quote (under an attribution,
     * or a text that starts quoted) is taken whatever the Subject; a forward that is not quoted only when
     * {@code forward} (the Subject is a person's forward, {@link #isForwardSubject}): a notice may write the
     * original under "--- Original message ---" itself, as Exchange 5.5-2003 do.
     */
    public static Carried find(String text, boolean forward) {
        Carried found = null;
        // the innermost header lines name the notice; an outer block named a forward of it
        for (Carried c : chain(text, forward)) found = c.hasHeaders() || found == null ? c : new Carried(found.headers(), c.text());
        return found;
    }

    /**
     * The texts {@link #find} unwraps, outermost first: {@code text} itself, then each carried text in turn (at most
     * {@link #MAX_DEPTH} more). A text of one level still holds the deeper levels, quoted.
     */
    public static List<String> levels(String text, boolean forward) {
        List<Carried> chain = chain(text, forward);
        List<String> out = new java.util.ArrayList<>(chain.size() + 1);
        out.add(text);
        for (Carried c : chain) out.add(c.text());
        return out;
    }

    /** The messages carried one in another in {@code text}, outermost first, at most {@link #MAX_DEPTH}; often none. */
    private static List<Carried> chain(String text, boolean forward) {
        List<Carried> out = List.of();
        String t = text;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            Carried c = once(t, forward);
            if (c == null) break;
            if (out.isEmpty()) out = new java.util.ArrayList<>(2);
            out.add(c);
            t = c.text();
            // the carried message is itself a forward only when its own Subject says so: a notice writes its
            // returned original under "----- Original message -----" (Gmail, Exchange), and that is not the notice
            if (c.hasHeaders()) forward = isForwardSubject(subjectOf(c.headers()));
        }
        return out;
    }

    /** The value of the "Subject:" line of header lines as {@link #split} writes them, lowercase, or "". */
    private static String subjectOf(String headers) {
        return TextScan.lower(field(headers, "subject"));
    }

    /**
     * The value of the first line named {@code lowerName} (any case, then a colon) in a carried message's header
     * lines ({@link Carried#headers}: one "Name: value" line each, with English names), as written; "" when none.
     */
    public static String field(String headers, String lowerName) {
        int n = lowerName.length();
        for (int at = 0; at < headers.length(); ) {
            int eol = headers.indexOf('\n', at);
            if (eol < 0) eol = headers.length();
            if (eol - at > n && headers.regionMatches(true, at, lowerName, 0, n) && headers.charAt(at + n) == ':') {
                return headers.substring(at + n + 1, eol);
            }
            at = eol + 1;
        }
        return "";
    }

    private static Carried once(String text, boolean forward) {
        // only the first lines are looked at, by index; the text is split only once an introduction is found
        // (a "From:" line or an attribution's first word is checked on the lines at hand: split for them, the
        // whole text was ~0.7% of the engine's CPU under C1, mostly for a returned original's "From:" line)
        int n = text.length();
        int[] starts = new int[MAX_LEADING_LINES + ATTRIBUTION_LINES];
        int[] ends = new int[starts.length];
        int count = 0;
        for (int pos = 0; pos <= n && count < starts.length; count++) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) eol = n;
            starts[count] = pos;
            ends[count] = eol;
            pos = eol + 1;
        }
        Carried leading = leadingQuote(text, starts, ends, count);
        if (leading != null) return leading;
        String[] lines = null;
        boolean prevField = false;
        for (int i = 0; i < Math.min(count, MAX_LEADING_LINES); i++) {
            int s = starts[i];
            int e = ends[i];
            while (s < e && (text.charAt(s) == ' ' || text.charAt(s) == '\t')) s++;
            if (s == e) { prevField = false; continue; }
            // a header block before any introduction: a notice returning its original inline, or mail
            boolean field = s == starts[i] && isField(text, s, e);
            if (field && prevField) return null;
            prevField = field;
            char c = text.charAt(s);
            if ((c == '-' || c == '_' || c == 'B' || c == 'b') && isBanner(text.substring(s, e).strip().toLowerCase(Locale.ROOT))) {
                if (lines == null) lines = text.split("\n", -1);
                Carried carried = carried(lines, i + 1, !forward);
                if (carried != null) return carried;
            } else if ((c == 'f' || c == 'F' || c == '*' || c == 'd' || c == 'D' || c == 'v' || c == 'V' || c > 0x7f)
                    && (text.regionMatches(true, s, "from:", 0, 5) || text.regionMatches(true, s, "*from:*", 0, 7)
                    || c != 'f' && c != 'F' && isLocalFrom(text, s, e))) {
                if (outlookBlock(text, starts, ends, count, i)) {
                    if (lines == null) lines = text.split("\n", -1);
                    Carried carried = carried(lines, i, !forward);
                    if (carried != null) return carried;
                }
            } else if (attributionStart(text, s, e)) {
                int end = attributionEnd(text, starts, ends, count, i);
                if (end >= 0) {
                    if (lines == null) lines = text.split("\n", -1);
                    Carried carried = carried(lines, end + 1, true);
                    if (carried != null) return carried;
                }
            }
        }
        return null;
    }

    /** {@code text} without its quoted lines (those starting with "&gt;"): the writer's own words around a quote. */
    public static String withoutQuotedLines(String text) {
        if (text.indexOf('>') < 0) return text;
        StringBuilder b = new StringBuilder(text.length());
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) eol = n;
            if (text.charAt(pos) != '>') b.append(text, pos, eol).append('\n');
            pos = eol + 1;
        }
        return b.toString();
    }

    /** Quoted lines a text must start with to be read as a quote without an introduction. */
    static final int MIN_LEADING_QUOTE_LINES = 3;

    /**
     * A text that starts with a quote and no introduction (a client that quotes a whole forwarded text):
     * the leading block of quoted lines, when it has {@link #MIN_LEADING_QUOTE_LINES} lines and at least
     * one quoted as a mail client quotes ("&gt; " or "&gt;" alone); Sendmail's transcript lines
     * ("&gt;&gt;&gt; DATA", then "&lt;&lt;&lt; 550 ...") never make such a block.
     */
    private static Carried leadingQuote(String text, int[] starts, int[] ends, int count) {
        int i = 0;
        while (i < count && isBlank(text, starts[i], ends[i])) i++;
        if (i >= count || starts[i] == ends[i] || text.charAt(starts[i]) != '>') return null;
        boolean clientQuote = false;
        for (int j = i; j < i + MIN_LEADING_QUOTE_LINES; j++) {
            if (j >= count || starts[j] == ends[j] || text.charAt(starts[j]) != '>') return null;
            int after = starts[j] + 1;
            clientQuote |= after < ends[j] && text.charAt(after) == ' ' || isBlank(text, after, ends[j]);
        }
        return clientQuote ? carried(text.split("\n", -1), i, true) : null;
    }

    private static boolean isBlank(String text, int from, int to) {
        for (int k = from; k < to; k++) if (text.charAt(k) != ' ' && text.charAt(k) != '\t') return false;
        return true;
    }

    /** True when the line at {@code s} starts with an attribution's first word ("On ", "Am ", "Le ", ...). */
    private static boolean attributionStart(String text, int s, int e) {
        // the first words start with o, a, l, e or i: other ASCII letters need no regionMatches per word (this
        // runs on up to 40 lines of every main text); a character outside ASCII may still match ignoring case
        // ('\u0130' and '\u0131' against "i")
        char c = text.charAt(s);
        if (c <= 0x7f && ATTRIBUTION_FIRST.indexOf(c | 0x20) < 0) return false;
        for (String[] a : ATTRIBUTIONS) if (e - s > a[0].length() && text.regionMatches(true, s, a[0], 0, a[0].length())) return true;
        return false;
    }

    /** A header field line "Name: value" at {@code from} (RFC 5322 ftext name, a blank after the colon). */
    private static boolean isField(String text, int from, int eol) {
        for (int i = from; i < eol; i++) {
            char c = text.charAt(i);
            if (c == ':') return i > from && i + 1 < eol && (text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\t');
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) return false;
        }
        return false;
    }

    /**
     * The message from line {@code from} on: when its first line is quoted, the quoted block with one level
     * undone; else (not for an attribution, which introduces only a quote) the rest of the text. Its
     * leading header lines go apart. Null when nothing is there.
     */
    private static Carried carried(String[] lines, int from, boolean quoteOnly) {
        int i = from;
        while (i < lines.length && lines[i].isBlank()) i++;
        if (i >= lines.length) return null;
        StringBuilder body = new StringBuilder();
        if (lines[i].startsWith(">")) {
            int last = i;
            for (int j = i; j < lines.length; j++) {
                if (lines[j].startsWith(">")) last = j;
                // a line between quoted lines is a quoted line's re-wrapped rest: the quote goes on
                else if (!lines[j].isBlank() && !(j + 1 < lines.length && lines[j + 1].startsWith(">"))) break;
            }
            for (int j = i; j <= last; j++) body.append(unquote(lines[j])).append('\n');
        } else {
            if (quoteOnly) return null;
            for (int j = i; j < lines.length; j++) {
                body.append(lines[j]);
                if (j < lines.length - 1) body.append('\n');
            }
        }
        return split(body.toString());
    }

    /** Leading forward header lines apart from the body; a block needs two lines and a From or Subject. */
    private static Carried split(String body) {
        int pos = 0;
        int n = body.length();
        while (pos < n && body.charAt(pos) == '\n') pos++;
        int start = pos;
        int fields = 0;
        boolean named = false;
        StringBuilder headers = new StringBuilder();
        while (pos < n) {
            int eol = body.indexOf('\n', pos);
            if (eol < 0) eol = n;
            String line = stripMarkup(body.substring(pos, eol));
            String lower = TextScan.lower(line);
            String field = forwardField(lower);
            Named local = field == null ? localField(lower) : null;
            if (field != null || local != null) {
                int length = field != null ? field.length() : local.length();
                if (field == null) field = local.english();
                fields++;
                named |= field.equals("from:") || field.equals("subject:");
                String value = line.substring(length).strip();
                String name = field.equals("sent:") ? "Date:" : local != null ? englishName(field) : line.substring(0, length);
                headers.append(name).append(' ').append(value).append('\n');
            } else if (fields > 0 && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                headers.setLength(headers.length() - 1);
                headers.append(' ').append(line.strip()).append('\n');
            } else {
                break;
            }
            pos = eol + 1;
        }
        if (fields < 2 || !named) return new Carried("", body.substring(start));
        while (pos < n && body.charAt(pos) == '\n') pos++;
        return new Carried(headers.toString(), pos >= n ? "" : body.substring(pos));
    }

    private static String englishName(String lower) {
        return switch (lower) {
            case "from:" -> "From:";
            case "to:" -> "To:";
            case "cc:" -> "Cc:";
            case "subject:" -> "Subject:";
            default -> "Date:";
        };
    }

    /** Outlook's plain-text bold markers around a field name ("*From:* Mail Delivery System"). */
    private static String stripMarkup(String line) {
        if (line.startsWith("*")) {
            int close = line.indexOf(":*");
            if (close > 1 && close < 12) return line.substring(1, close + 1) + line.substring(close + 2);
        }
        return line;
    }

    private static String forwardField(String lower) {
        for (String f : FORWARD_FIELDS) if (isFieldStart(lower, f)) return f;
        return null;
    }

    private static boolean isFieldStart(String lower, String field) {
        return lower.startsWith(field) && (lower.length() == field.length() || lower.charAt(field.length()) == ' '
                || lower.charAt(field.length()) == '\t');
    }

    /**
     * Line {@code j} of the text whose first {@code count} lines start and end at {@code starts} and {@code ends}
     * (what {@code text.split("\n", -1)[j]} is, for a line among them).
     */
    private static String line(String text, int[] starts, int[] ends, int j) {
        return text.substring(starts[j], ends[j]);
    }

    /**
     * "From: ..." at line {@code i} followed, within the next two lines, by Outlook's "Sent: ..." (a field no MTA
     * writes). The lines are {@link #once}'s first {@code count}: all of the text's when fewer than
     * {@code starts.length}, and {@code i + 2} is below that.
     */
    private static boolean outlookBlock(String text, int[] starts, int[] ends, int count, int i) {
        for (int j = i + 1; j <= i + 2 && j < count; j++) {
            String lower = stripMarkup(line(text, starts, ends, j)).toLowerCase(Locale.ROOT);
            if (isFieldStart(lower, "sent:")) return true;
            Named local = localField(lower);
            if (local != null && local.english().equals("sent:")) return true;
        }
        return false;
    }

    /** A localised "From:" of Outlook's block at {@code s} ("De :", "Von:", "Da:", "Van:"), bold markers allowed. */
    private static boolean isLocalFrom(String text, int s, int e) {
        // the longest name, "*mittente :*", has its colon in the first 12 characters: most lines have none there
        int colon = text.indexOf(':', s);
        if (colon < 0 || colon >= e || colon - s > 12) return false;
        Named local = localField(stripMarkup(text.substring(s, Math.min(e, s + 16))).toLowerCase(Locale.ROOT));
        return local != null && local.english().equals("from:");
    }

    private static boolean isBanner(String lower) {
        int s = 0;
        int e = lower.length();
        while (s < e && (lower.charAt(s) == '-' || lower.charAt(s) == '_' || lower.charAt(s) == ' ')) s++;
        while (e > s && (lower.charAt(e - 1) == '-' || lower.charAt(e - 1) == '_' || lower.charAt(e - 1) == ' ')) e--;
        if (s == e) return false;
        String core = lower.substring(s, e);
        if (core.equals("begin forwarded message:")) return true;
        // the others are rules: dashes on both sides ("-----Original Message-----")
        if (s < 2 || e > lower.length() - 2) return false;
        return BANNERS.contains(core);
    }

    /** The index of the line that ends an attribution starting at line {@code i}, or -1 (lines as {@link #outlookBlock}'s). */
    private static int attributionEnd(String text, int[] starts, int[] ends, int count, int i) {
        // compared ignoring case as attributionStart does: TextScan.lower leaves 'À' of pt-PT "Às" as it is
        String first = line(text, starts, ends, i);
        for (String[] a : ATTRIBUTIONS) {
            if (!first.regionMatches(true, 0, a[0], 0, a[0].length())) continue;
            StringBuilder seen = a.length > 2 ? new StringBuilder() : null;
            for (int j = i; j < i + ATTRIBUTION_LINES && j < count; j++) {
                // a narrow or non-breaking space before the colon is French typography ("a écrit\u202f:")
                String l = line(text, starts, ends, j).strip().toLowerCase(Locale.ROOT).replace('\u00a0', ' ').replace('\u202f', ' ');
                if (seen != null) seen.append(' ').append(l);
                if (l.endsWith(a[1]) && (seen == null || seen.indexOf(a[2]) >= 0)) return j;
                if (l.isEmpty()) break;
            }
        }
        return -1;
    }

    /** One level of quoting off a line: "&gt; " or "&gt;". */
    private static String unquote(String line) {
        if (line.startsWith("> ")) return line.substring(2);
        if (line.startsWith(">")) return line.substring(1);
        return line;
    }
}
