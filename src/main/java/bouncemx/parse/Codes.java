package bouncemx.parse;

/**
 * Finds SMTP reply codes (RFC 5321 section 4.2) and enhanced status codes (RFC 3463) inside free text.
 * A status is "class.subject.detail" with class 2, 4 or 5, not part of a longer dotted number (so IP
 * addresses and version numbers do not match). A reply code is three digits 2xx-5xx standing alone,
 * followed by a blank, a hyphen or the end. Stateless, thread-safe; returns "" when absent.
 */
public final class Codes {
    private Codes() {}

    /** First enhanced status code in {@code text}, or "". */
    public static String status(String text) {
        if (text == null) return "";
        int[] span = statusSpan(text, 0);
        return span == null ? "" : text.substring(span[0], span[1]);
    }

    /** Every enhanced status code in {@code text}, in order (at most {@code max}). */
    public static java.util.List<String> statuses(String text, int max) {
        java.util.List<String> out = new java.util.ArrayList<>(2);
        if (text == null) return out;
        int from = 0;
        while (out.size() < max) {
            int[] span = statusSpan(text, from);
            if (span == null) break;
            out.add(text.substring(span[0], span[1]));
            from = span[1];
        }
        return out;
    }

    /**
     * True when the hyphen at {@code dash} ends the reply code of a multi-line reply's line ("550-5.1.1 ..."),
     * as a reply joined onto one line keeps it (OpenSMTPD's notices, Postfix's folded texts): a status code
     * after it is the reply's own, unlike one after any other hyphen ("ID-5.1.1", "2026-5.1").
     */
    private static boolean afterContinuedReply(String text, int dash) {
        int c = dash - 3;
        if (c < 0 || (c > 0 && Character.isLetterOrDigit(text.charAt(c - 1)))) return false;
        char a = text.charAt(c);
        return (a == '4' || a == '5' || a == '2') && isDigit(text.charAt(c + 1)) && isDigit(text.charAt(c + 2));
    }

    /** Start and end of the first status code at or after {@code from}, or null. */
    private static int[] statusSpan(String text, int from) {
        int n = text.length();
        for (int i = from; i + 4 < n; i++) {
            char c = text.charAt(i);
            if ((c != '2' && c != '4' && c != '5') || text.charAt(i + 1) != '.') continue;
            if (i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '.'
                    || (text.charAt(i - 1) == '-' && !afterContinuedReply(text, i - 1)) || text.charAt(i - 1) == '/')) continue;
            int j = i + 2;
            int s = j;
            while (j < n && j - s < 3 && isDigit(text.charAt(j))) j++;
            if (j == s || j >= n || text.charAt(j) != '.') continue;
            int d = ++j;
            while (j < n && j - d < 3 && isDigit(text.charAt(j))) j++;
            if (j == d) continue;
            if (j < n && (isDigit(text.charAt(j)) || Character.isLetter(text.charAt(j)))) continue;
            if (j + 1 < n && text.charAt(j) == '.' && isDigit(text.charAt(j + 1))) continue;
            return new int[]{i, j};
        }
        return null;
    }

    /** First stand-alone SMTP reply code (2xx to 5xx) in {@code text}, or "". */
    public static String replyCode(String text) {
        int at = text == null ? -1 : replyCodeAt(text, 0);
        return at < 0 ? "" : text.substring(at, at + 3);
    }

    /**
     * First stand-alone 4xx or 5xx reply code in {@code text}, or "": the code of a failure. A greeting or an
     * acceptance quoted before it ("220-mx.example.org 421 4.2.1 Service refused", "250 ok ... 554 ...") is
     * the server's earlier word, not its refusal.
     */
    public static String failureReplyCode(String text) {
        if (text == null) return "";
        for (int at = replyCodeAt(text, 0); at >= 0; at = replyCodeAt(text, at + 3)) {
            if ((text.charAt(at) == '4' || text.charAt(at) == '5') && readsAsReply(text, at)) return text.substring(at, at + 3);
        }
        return "";
    }

    /**
     * Whether the three digits at {@code at} stand where a server's reply does (H10): at the start of the text
     * or of a line, after punctuation that introduces a quote ("said: 550", "smtp;550", "returned '550",
     * "&lt;&lt;&lt; 550", "&lt;-- 550", "(550"), or followed by a multi-line reply's hyphen, by the address the
     * reply is about ("unknown user: jane 554 &lt;jane@example.org&gt;... Service unavailable", a Sendmail
     * transcript folded onto one line) or by a status code of the same class ("then 554 5.7.1 rejected",
     * "error 550-'5.1.1 ..."). A number inside a sentence
     * ("delayed for 450 minutes", "error 550 in the log") is a count or a reference, not the reply.
     */
    static boolean readsAsReply(String text, int at) {
        int n = text.length();
        int after = at + 3;
        if (after >= n) return precededByQuote(text, at);
        char f = text.charAt(after);
        if (f == '-' && after + 1 < n && !isDigit(text.charAt(after + 1))) return true;
        int s = after + 1;
        // Sendmail's and Postfix's "554 <a@example.org>... Service unavailable", "550 <a@example.org>: ..."
        if (f == ' ' && s < n && text.charAt(s) == '<') return true;
        if (s < n && (text.charAt(s) == '\'' || text.charAt(s) == '"')) s++;
        if (s + 4 < n && text.charAt(s) == text.charAt(at) && text.charAt(s + 1) == '.') {
            int[] span = statusSpan(text, s);
            if (span != null && span[0] == s) return true;
        }
        return precededByQuote(text, at);
    }

    /**
     * The text, blanks aside, starts at {@code at}, or a line does, or one of {@code : ; ' " ( [ ] < > -} stands
     * before it, or {@code "], "} (a bracketed host address, then its reply), or a status code ("5.1.1 550 User
     * unknown"), or a word that names a reply ("error 550", "code 550", "replied 550"; see {@link #REPLY_WORDS}).
     */
    private static boolean precededByQuote(String text, int at) {
        int i = at - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i--;
        if (i < 0) return true;
        char p = text.charAt(i);
        if (p == '\n' || p == '\r' || p == ':' || p == ';' || p == '\'' || p == '"' || p == '(' || p == '['
                || p == ']' || p == '<' || p == '>' || p == '-') return true;
        // a host's address in brackets, a comma, then its reply: SurfControl's "addr: [192.0.2.1], 552 ..."
        if (p == ',' && i > 0 && text.charAt(i - 1) == ']') return true;
        int w = i;
        if (isDigit(p)) {
            while (w > 0 && (isDigit(text.charAt(w - 1)) || text.charAt(w - 1) == '.')) w--;
            int[] span = statusSpan(text, w);
            return span != null && span[0] == w && span[1] == i + 1;
        }
        while (w > 0 && Character.isLetter(text.charAt(w - 1))) w--;
        if (!Character.isLetter(p) || i - w + 1 > 9) return false;
        for (String word : REPLY_WORDS) {
            if (word.length() == i - w + 1 && text.regionMatches(true, w, word, 0, word.length())) return true;
        }
        return false;
    }

    /** Words after which a number is the server's reply ("SMTP error 550 ...", "reply code 550 ..."). */
    private static final String[] REPLY_WORDS = {"error", "code", "reply", "replied", "response", "responded",
            "said", "returned", "smtp", "esmtp", "lmtp"};

    /** Index of the first stand-alone reply code (2xx to 5xx) at or after {@code from}, or -1. */
    private static int replyCodeAt(String text, int from) {
        int n = text.length();
        for (int i = from; i + 2 < n; i++) {
            char c = text.charAt(i);
            if (c < '2' || c > '5') continue;
            if (i > 0) {
                char p = text.charAt(i - 1);
                if (Character.isLetterOrDigit(p) || p == '.' || p == '-' || p == ':' || p == '/' || p == '+'
                        || p == '_' || p == '=' || p == '#' || p == '$') continue;
            }
            char d1 = text.charAt(i + 1);
            char d2 = text.charAt(i + 2);
            if (!isDigit(d1) || !isDigit(d2) || d1 > '5') continue;
            if (i + 3 < n) {
                char f = text.charAt(i + 3);
                // "550: 5.1.1 No such user": a colon after the code, then the status of the same class (H10)
                if (f == ':' && i + 5 < n && text.charAt(i + 4) == ' ' && text.charAt(i + 5) == c) {
                    int[] span = statusSpan(text, i + 5);
                    if (span != null && span[0] == i + 5) return i;
                }
                if (!(f == ' ' || f == '-' || f == '\t' || f == '\n')) continue;
                // "500-1000" is a range; "550-5.7.1" is a multi-line reply followed by its status code
                if (f == '-' && i + 5 < n && isDigit(text.charAt(i + 4)) && isDigit(text.charAt(i + 5))) continue;
            }
            return i;
        }
        return -1;
    }

    /** The reply code that a diagnostic text starts with ("550 5.1.1 ...", "550-5.1.1 ..."), or "". */
    public static String leadingReplyCode(String text) {
        if (text == null) return "";
        int i = 0;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
        // Exchange's NDR writes the reply after a '#' ("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##")
        if (i + 1 < text.length() && text.charAt(i) == '#' && isDigit(text.charAt(i + 1))) i++;
        if (i + 3 > text.length()) return "";
        // the code must be the first thing: "[2016-04-22 ...]" (a pipe's log line) is not a reply
        if (text.charAt(i) < '2' || text.charAt(i) > '5') return "";
        String r = replyCode(text.substring(i, Math.min(text.length(), i + 4)));
        return r;
    }

    /**
     * Lead-ins after which MTAs quote the remote server's reply, lowercase, each with the writer that uses
     * it; the reply code follows (after blanks and an opening quote). Ordered longest first where one
     * contains another.
     */
    static final String[] LEAD_INS = {
            "remote host said:",                 // qmail-remote.c ("Remote host said: 550 ...")
            "remote mail server told me:",       // Apache James RemoteDelivery's bounce (Bouncer.explanationText)
            "said:",                             // Postfix smtp_proto.c ("host %s said: %s (in reply to %s command)")
            "responded with failure:",           // gateway notices quoted in issue 13 (list 2)
            "the error that the other server returned was:", // Gmail's delivery-failure notice text
            "the response from the remote server was:",      // Gmail's delivery-failure notice text
            "remote server returned",            // Exchange 2007+ NDR diagnostic ("Remote Server returned '550 5.1.1 ...'")
            "response was:",                     // the generic "the server's response was: 550 ..."
    };

    /**
     * The reply code a diagnostic text starts with, or else the one right after the first lead-in that
     * introduces the remote server's words ("host mx.example.com[192.0.2.1] said: 550 5.1.1 ...",
     * "Remote Server returned '550 5.1.1 ...'"); "" when neither. Issue 13, list 2: the code is not
     * always the first thing in the text.
     */
    public static String replyCodeOfDiagnostic(String text) {
        String code = leadingReplyCode(text);
        if (!code.isEmpty() || text == null) return code;
        int[] found = leadInsAt(text);
        for (int k = 0; k < LEAD_INS.length; k++) {
            String lead = LEAD_INS[k];
            int at = found[k];
            if (at < 0) continue;
            int i = at + lead.length();
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\n'
                    || text.charAt(i) == '\'' || text.charAt(i) == '"' || text.charAt(i) == '<' || text.charAt(i) == '(')) i++;
            code = leadingReplyCode(text.substring(i, Math.min(text.length(), i + 5)));
            if (!code.isEmpty()) return code;
        }
        return "";
    }

    /** Per ASCII character: whether a lead-in starts with it (each starts with a lowercase letter). */
    private static final boolean[] LEAD_IN_FIRST = new boolean[128];

    static {
        for (String lead : LEAD_INS) LEAD_IN_FIRST[lead.charAt(0)] = true;
    }

    /**
     * Per lead-in of {@link #LEAD_INS}, the first index where the text holds it ignoring case (regionMatches),
     * or -1, for positions whose character, or it with bit 0x20 set, is the lead-in's first. In one pass over
     * the text, where a search per lead-in read it seven times (~1.4% of the engine's CPU under C1, for every
     * diagnostic that does not start with its code; CodesLeadInTest keeps that search to compare).
     */
    static int[] leadInsAt(String text) {
        int[] at = new int[LEAD_INS.length];
        java.util.Arrays.fill(at, -1);
        int missing = LEAD_INS.length;
        for (int i = 0, n = text.length(); i < n && missing > 0; i++) {
            char c = text.charAt(i);
            int l = c | 0x20;   // a lead-in's first letter, or its upper case, gives its lower case here
            if (l >= 128 || !LEAD_IN_FIRST[l]) continue;
            for (int k = 0; k < LEAD_INS.length; k++) {
                String lead = LEAD_INS[k];
                if (at[k] >= 0 || i > n - lead.length()) continue;
                char first = lead.charAt(0);
                if ((c | 0x20) != first && c != first) continue;
                if (text.regionMatches(true, i, lead, 0, lead.length())) {
                    at[k] = i;
                    missing--;
                }
            }
        }
        return at;
    }

    /**
     * RFC 5321 4.2.1 leaves the second digits 3 and 4 unspecified; the only codes defined there since are
     * RFC 4954's 432, 530, 534, 535 and 538 (AUTH). "541 ..." or "542 ..." is a vendor's number, and
     * Exchange's "441 4.4.1 Error encountered while communicating ..." its own, not a server's reply code.
     * For a three-digit code 2xx to 5xx as {@link #replyCode} finds them.
     */
    public static boolean isDefinedReplyCode(String code) {
        if (code.length() != 3) return false;
        char c = code.charAt(0), d1 = code.charAt(1), d2 = code.charAt(2);
        if (d1 == '3') return (c == '5' && (d2 == '0' || d2 == '4' || d2 == '5' || d2 == '8')) || (c == '4' && d2 == '2');
        return d1 != '4';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
