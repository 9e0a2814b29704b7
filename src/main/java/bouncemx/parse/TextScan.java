package bouncemx.parse;

import java.util.Locale;

/**
 * Line-oriented searches over decoded report text ("\n" line breaks), shared by dialects. Stateless.
 */
public final class TextScan {
    private TextScan() {}

    /**
     * {@code s.toLowerCase(Locale.ROOT)}, the same string, faster for the texts dialects lowercase (mostly
     * ASCII and Latin-1): the characters are copied out as bytes in one bulk copy and lowered from a table,
     * where the JDK looks each character's properties up one by one (about 1.4x as fast under C2, 2x under
     * C1, over the corpus texts), and ASCII words eight bytes at a time. A character outside Latin-1 (which
     * the bulk copy writes as '?') sends the string to {@code toLowerCase}.
     */
    public static String lower(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        boolean changed = false;
        int i = 0;
        // eight ASCII bytes at a time (most of every text): 'A'-'Z' get 0x20 added by a mask computed for the
        // whole word (ByteScan.lineEnd's technique). A word with a byte of 0x80 or more or a '?' (which may
        // stand for a character outside Latin-1) goes through the table loop below, byte by byte. Over the
        // main texts of the corpus this made the lowering ~3x as fast under C1.
        for (; i + 8 <= b.length; i += 8) {
            long w = (long) ByteScan.LONGS.get(b, i);
            long q = w ^ 0x3F3F3F3F3F3F3F3FL;                          // a '?' byte becomes zero
            long special = (w | ((q - 0x0101010101010101L) & ~q)) & 0x8080808080808080L;
            if (special != 0) {
                int r = lowerBytes(s, b, i, i + 8);
                if (r < 0) return s.toLowerCase(Locale.ROOT);
                changed |= r > 0;
                continue;
            }
            // per byte (all below 0x80): bit 7 of (byte + 0x80 - 'A') says byte >= 'A', of (byte + 0x80 - 'Z' - 1) byte > 'Z'
            long atLeastA = w + 0x3F3F3F3F3F3F3F3FL;
            long aboveZ = w + 0x2525252525252525L;
            long upper = atLeastA & ~aboveZ & 0x8080808080808080L;
            if (upper != 0) {
                ByteScan.LONGS.set(b, i, w | (upper >>> 2));
                changed = true;
            }
        }
        int r = lowerBytes(s, b, i, b.length);
        if (r < 0) return s.toLowerCase(Locale.ROOT);
        changed |= r > 0;
        return changed ? new String(b, java.nio.charset.StandardCharsets.ISO_8859_1) : s;
    }

    /**
     * Lowers {@code b[from, to)} (Latin-1 bytes of {@code s}) from the table: 1 when a byte changed, 0 when
     * none did, -1 when a '?' stands for a character outside Latin-1 (the caller then lowers the whole string
     * the JDK's way).
     */
    private static int lowerBytes(String s, byte[] b, int from, int to) {
        int changed = 0;
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            int l = LATIN1_LOWER[c];
            if (l != c) {
                b[i] = (byte) l;
                changed = 1;
            } else if (c == '?' && s.charAt(i) != '?') {
                return -1;
            }
        }
        return changed;
    }

    /** Each Latin-1 character's lower case (Character.toLowerCase; every one of them stays in Latin-1). */
    private static final char[] LATIN1_LOWER = new char[256];

    static {
        for (char c = 0; c < 256; c++) LATIN1_LOWER[c] = Character.toLowerCase(c);
    }

    /**
     * The index of the colon when the line at {@code i} of {@code text} opens the field {@code name} (any case),
     * else -1. Blanks may come before the colon: gateways write DSN fields loosely ("Status : 5.1.1").
     */
    public static int fieldColonAt(String text, int i, String name) {
        if (!text.regionMatches(true, i, name, 0, name.length())) return -1;
        int j = i + name.length();
        int n = text.length();
        while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) j++;
        return j < n && text.charAt(j) == ':' ? j : -1;
    }

    /**
     * The name of the field the first non-blank line of {@code text} opens with, as written and stripped ("" when the
     * colon starts the line), or null when that line has no colon or its name is longer than {@code maxName}: how a
     * part's text is told to be a report (a delivery-status or a feedback report) whatever it is labelled.
     */
    public static String firstFieldName(String text, int maxName) {
        int i = 0;
        while (i < text.length() && (text.charAt(i) == '\n' || text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
        int colon = text.indexOf(':', i);
        if (colon < 0 || colon - i > maxName || text.lastIndexOf('\n', colon) >= i) return null;
        return text.substring(i, colon).strip();
    }

    /** A Message-ID in angle brackets right after "message", "msg", "message id" or "reference". */
    private static final java.util.regex.Pattern MESSAGE_ID_BEFORE = java.util.regex.Pattern.compile(
            "\\b(?:message|msg|message-id|reference|ref)(?:[ -]?id)?\\s*:?\\s*<[^\\s<>@]+@");

    /**
     * Whether the first address of a (lowercased) line is a Message-ID that names a message ("Your message
     * &lt;2026...@mail.example&gt; of Thursday", "Reference: message &lt;...&gt;"), not a mailbox.
     */
    public static boolean namesAMessageIdFirst(String lower) {
        if (lower.indexOf('<') < 0) return false;
        java.util.regex.Matcher id = MESSAGE_ID_BEFORE.matcher(lower);
        return id.find() && id.end() - 1 == lower.indexOf('@');
    }

    /** Index of the first line at or after {@code from} that opens the field {@code name} ({@link #fieldColonAt}), or -1. */
    public static int fieldLine(String text, String name, int from) {
        int n = text.length();
        int i = from;
        while (i < n) {
            if ((i == 0 || text.charAt(i - 1) == '\n') && fieldColonAt(text, i, name) >= 0) return i;
            int nl = text.indexOf('\n', i);
            if (nl < 0) return -1;
            i = nl + 1;
        }
        return -1;
    }

    /** The value of the first line that opens the field {@code name} (after its colon, to the line's end, stripped); "" when none. */
    public static String fieldValue(String text, String name) {
        int i = fieldLine(text, name, 0);
        if (i < 0) return "";
        int colon = fieldColonAt(text, i, name);
        int eol = text.indexOf('\n', colon);
        return text.substring(colon + 1, eol < 0 ? text.length() : eol).strip();
    }

    /** Index of the first line at or after {@code from} that starts with {@code prefix} (exact case), or -1. */
    public static int lineStarting(String text, String prefix, int from) {
        int i = text.indexOf(prefix, from);
        while (i >= 0) {
            if (i == 0 || text.charAt(i - 1) == '\n') return i;
            i = text.indexOf(prefix, i + 1);
        }
        return -1;
    }

    /** As {@link #lineStarting}, but the line may indent {@code prefix} with blanks and tabs. */
    public static int lineOpening(String text, String prefix, int from) {
        int i = text.indexOf(prefix, from);
        while (i >= 0) {
            int j = i;
            while (j > 0 && (text.charAt(j - 1) == ' ' || text.charAt(j - 1) == '\t')) j--;
            if (j == 0 || text.charAt(j - 1) == '\n') return i;
            i = text.indexOf(prefix, i + 1);
        }
        return -1;
    }

    /**
     * The paragraph (lines up to a blank line) of {@code text} that mentions {@code address}, with the
     * address line itself included, blanks folded; "" when the address does not appear.
     */
    public static String paragraphNaming(String text, String address) {
        if (address.isEmpty()) return "";
        String lower = lower(text);
        String a = lower(address);
        String first = null;
        int at = lower.indexOf(a);
        for (int guard = 0; at >= 0 && guard < 16; guard++) {
            int start = lower.lastIndexOf("\n\n", at);
            start = start < 0 ? 0 : start + 2;
            int end = lower.indexOf("\n\n", at);
            if (end < 0) end = text.length();
            if (end - start > 2048) end = start + 2048;
            String para = fold(text.substring(start, end));
            if (isDsnFields(para)) {           // DSN fields pasted into the text are not the server's words
                at = lower.indexOf(a, Math.max(end, at + 1));
                continue;
            }
            if (first == null) first = para;
            // prefer the paragraph that quotes the server (a reply code), e.g. a sendmail transcript
            if (!Codes.replyCode(para).isEmpty()) return para;
            at = lower.indexOf(a, Math.max(end, at + 1));
        }
        return first == null ? "" : first;
    }

    private static final String[] DSN_FIELDS = {"final-recipient", "original-recipient", "reporting-mta", "action",
            "status", "arrival-date", "received-from-mta"};

    private static boolean isDsnFields(String para) {
        for (String f : DSN_FIELDS) if (fieldColonAt(para, 0, f) >= 0) return true;
        return false;
    }

    /**
     * The sendmail "----- Transcript of session follows -----" section (up to the next blank line), folded,
     * or "" when the text has none.
     */
    public static String transcript(String text) {
        int i = text.indexOf("Transcript of session follows");
        if (i < 0) return "";
        int nl = text.indexOf('\n', i);
        if (nl < 0) return "";
        int end = text.indexOf("\n\n", nl + 1);
        if (end < 0) end = text.length();
        return fold(text.substring(nl + 1, Math.min(end, nl + 1 + 2048)));
    }

    /**
     * Folds every run of blanks and line breaks into one space, trimmed. The characters are copied out once
     * and folded in place in that array (the output never overtakes the input): a StringBuilder's append per
     * character made this ~4% of the engine's CPU under C1 (dialects fold whole notice texts). The string
     * itself comes back when nothing changes.
     */
    public static String fold(String s) {
        int n = s.length();
        char[] c = new char[n];
        s.getChars(0, n, c, 0);
        int k = 0;
        boolean space = false;
        boolean changed = false;   // a tab or line break turned into a blank (each blank run kept its length)
        for (int i = 0; i < n; i++) {
            char ch = c[i];
            if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
                space = true;
                changed |= ch != ' ';
            } else {
                if (space && k > 0) c[k++] = ' ';
                space = false;
                c[k++] = ch;
            }
        }
        return k == n && !changed ? s : new String(c, 0, k);
    }

    /**
     * {@code lower(fold(s.substring(0, min(length, max))))} in one pass over one copy of the characters: the
     * head of a notice that Exim's and qmail's dialects look for their template lines in (folding and then
     * lowering up to 16 k characters, with a substring, two arrays and two Strings, was ~2% of the engine's
     * CPU under C1; most bounces come from MAILER-DAEMON, which both dialects look at). Lowering each
     * character on its own gives {@link #lower}'s answer for Latin-1; a character outside Latin-1 sends the
     * head the two-step way, as its lower case may depend on its neighbours.
     */
    public static String foldLowerHead(String s, int max) {
        int n = Math.min(s.length(), max);
        char[] c = new char[n];
        s.getChars(0, n, c, 0);
        int k = 0;
        boolean space = false;
        for (int i = 0; i < n; i++) {
            char ch = c[i];
            if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
                space = true;
                continue;
            }
            if (ch > 0xff) return lower(fold(s.substring(0, n)));
            if (space && k > 0) c[k++] = ' ';
            space = false;
            c[k++] = LATIN1_LOWER[ch];
        }
        return new String(c, 0, k);
    }

    /** {@code \s} of java.util.regex (ASCII white space), for code that stands in for a pattern's {@code \s}. */
    public static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** True when {@code s} contains any of {@code texts} (as written). */
    public static boolean containsAny(String s, java.util.List<String> texts) {
        for (String t : texts) if (s.contains(t)) return true;
        return false;
    }

    /** True when {@code s} starts with any of {@code prefixes} (as written). */
    public static boolean startsWithAny(String s, java.util.List<String> prefixes) {
        for (String p : prefixes) if (s.startsWith(p)) return true;
        return false;
    }

    /** {@code s} without the blanks, tabs and carriage returns at its end (other white space is kept). */
    public static String stripTrailingBlanks(String s) {
        int e = s.length();
        while (e > 0 && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t' || s.charAt(e - 1) == '\r')) e--;
        return s.substring(0, e);
    }
}
