package bouncemx.classify;

/**
 * Normalises a server's diagnostic text before phrases are matched: a multi-line SMTP reply arrives
 * joined as "550-5.7.1 first line 550-5.7.1 second line 550 5.7.1 last", and the repeated reply-code
 * prefixes split phrases apart ("multiple 550-5.7.1 addresses in From:"). Every repetition of the
 * leading reply code (with its status code, if any) after the first is removed. Stateless.
 */
final class DiagnosticText {
    private DiagnosticText() {}

    /** True when an enhanced status code ("5.7.1") starts at {@code i} and ends at a blank or the end. */
    private static boolean statusFollows(String text, int i) {
        int e = i;
        while (e < text.length() && (Character.isDigit(text.charAt(e)) || text.charAt(e) == '.')) e++;
        return e > i && (e == text.length() || text.charAt(e) == ' ') && dots(text, i, e) == 2;
    }

    /** The dots in {@code text[from, to)} (a loop, not a stream over a substring: this runs per recipient). */
    private static int dots(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) if (text.charAt(i) == '.') n++;
        return n;
    }

    /**
     * {@code lower} with each mail address ("local@domain.tld", as it stands between blanks, brackets, quotes or
     * punctuation) cut down to its "@": an address is the recipient's or the sender's name, not the server's
     * words, so a domain such as "spamfilter.example" or "blocked-co.example" must not match a phrase (H9).
     * Returns {@code lower} itself when it holds no address.
     */
    static String withoutAddresses(String lower) {
        int at = lower.indexOf('@');
        if (at < 0) return lower;
        StringBuilder sb = null;
        int copied = 0;
        while (at >= 0) {
            int l = at;
            while (l > 0 && !addressEdge(lower.charAt(l - 1))) l--;
            int r = at + 1;
            while (r < lower.length() && !addressEdge(lower.charAt(r))) r++;
            if (l < at && lower.lastIndexOf('.', r - 1) > at + 1 && l >= copied) {
                if (sb == null) sb = new StringBuilder(lower.length());
                sb.append(lower, copied, l).append('@');
                copied = r;
            }
            at = lower.indexOf('@', r);
        }
        if (sb == null) return lower;
        return sb.append(lower, copied, lower.length()).toString();
    }

    private static boolean addressEdge(char c) {
        return c <= ' ' || "<>()[]\"',;:".indexOf(c) >= 0;
    }

    /**
     * The words a relaying Exchange server puts around the next server's reply ("451 4.4.0 Primary target IP
     * address responded with: \"421 4.3.0 Temporary System Problem\""), left out of {@code lower}: the reply
     * quoted after them says what happened, and their "IP address" is no block list's. Returns {@code lower}
     * itself when they are not there.
     */
    static String withoutRelayWords(String lower) {
        int i = lower.indexOf(PRIMARY_TARGET);
        if (i < 0) return lower;
        return lower.substring(0, i) + lower.substring(i + PRIMARY_TARGET.length());
    }

    private static final String PRIMARY_TARGET = "primary target ip address responded with";

    static String clean(String text) {
        if (text.length() < 8) return text;
        String code = bouncemx.parse.Codes.leadingReplyCode(text);
        if (code.isEmpty()) return text;
        int start = text.indexOf(code) + 3;
        if (text.indexOf(code, start) < 0) return text;
        StringBuilder sb = new StringBuilder(text.length());
        sb.append(text, 0, start);
        int i = start;
        while (i < text.length()) {
            int k = text.indexOf(code, i);
            if (k < 0 || k + 3 >= text.length()) break;
            char before = k > 0 ? text.charAt(k - 1) : ' ';
            char after = text.charAt(k + 3);
            // a repetition is the prefix of a reply line: "550-" (more lines follow), or "550 " with the status
            // code of the last line (RFC 5321 4.2.1); "error 550 returned" quotes the code and keeps it
            if ((before == ' ' || before == '\n') && (after == '-' || (after == ' ' && statusFollows(text, k + 4)))) {
                sb.append(text, i, k);
                int j = k + 4;
                // drop the status code repeated after it ("550-5.7.1 ")
                int e = j;
                while (e < text.length() && (Character.isDigit(text.charAt(e)) || text.charAt(e) == '.')) e++;
                if (e > j && e < text.length() && text.charAt(e) == ' ' && dots(text, j, e) == 2) j = e + 1;
                i = j;
            } else {
                sb.append(text, i, k + 3);
                i = k + 3;
            }
        }
        sb.append(text, Math.min(i, text.length()), text.length());
        return sb.toString();
    }
}
