package bouncemx.parse.dialect;

import bouncemx.parse.Codes;
import bouncemx.parse.TextScan;

/**
 * Joins the lines of a multi-line SMTP reply as an MTA quotes it ("550-5.7.26 first line", "550-5.7.26
 * more", "550 5.7.26 last": RFC 5321 section 4.2.1) into one diagnostic text that names the reply code
 * and the enhanced status once: "550 5.7.26 first line more last". Lines that do not repeat the code
 * (a reply wrapped by the MTA) are kept as they are. Stateless.
 */
public final class ReplyText {
    private ReplyText() {}

    /** {@code lines} separated by "\n"; the result has blanks folded. */
    public static String join(String lines) {
        String text = lines.strip();
        String code = Codes.leadingReplyCode(text);
        if (code.isEmpty()) return TextScan.fold(text);
        StringBuilder sb = new StringBuilder(text.length());
        String status = "";
        int pos = 0;
        int n = 0;
        while (pos <= text.length() && n++ < 2000) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) eol = text.length();
            String s = text.substring(pos, eol).strip();
            pos = eol + 1;
            boolean repeated = s.startsWith(code) && (s.length() == 3 || s.charAt(3) == '-' || s.charAt(3) == ' ');
            if (repeated) s = s.substring(Math.min(4, s.length())).strip();
            if (n == 1) {
                String st = Codes.status(s);
                if (!st.isEmpty() && s.startsWith(st)) status = st;
                sb.append(code).append(' ');
            } else if (repeated && !status.isEmpty() && s.startsWith(status)
                    && (s.length() == status.length() || s.charAt(status.length()) == ' ')) {
                s = s.substring(status.length()).strip();
            }
            if (!s.isEmpty()) sb.append(s).append(' ');
        }
        return TextScan.fold(sb.toString());
    }

    /** Most lines of one reply read from a notice's text. */
    private static final int MAX_REPLY_LINES = 50;

    /** Longest quoting prefix before a reply line ("&lt;&lt;&lt; ", "    "). */
    private static final int MAX_PREFIX = 8;

    /**
     * A diagnostic that holds only the first line of a multi-line reply ("552-5.7.0 ... presents a potential": a
     * sendmail DSN's Diagnostic-Code keeps no more), completed from {@code text} where the notice quotes the whole
     * reply: that line and the lines after it with the same prefix ("&lt;&lt;&lt; " or none) and the same code, up to
     * the reply's last line ("552 5.7.0 ..."), joined as {@link #join} does. Else {@code diagnostic} itself.
     */
    public static String completed(String diagnostic, String text) {
        String d = diagnostic.strip();
        if (d.length() < 6 || d.charAt(3) != '-' || !Codes.leadingReplyCode(d).equals(d.substring(0, 3))) return diagnostic;
        // the first place the text quotes it as a reply line (sendmail also repeats it as "(reason: 552-...)")
        int at = text.indexOf(d);
        int start = 0;
        String prefix = null;
        for (int n = 0; at >= 0 && n < MAX_REPLY_LINES; n++, at = text.indexOf(d, at + 1)) {
            start = text.lastIndexOf('\n', at) + 1;
            String p = text.substring(start, at);
            if (p.length() <= MAX_PREFIX && p.chars().noneMatch(Character::isLetterOrDigit)) {
                prefix = p;
                break;
            }
        }
        if (prefix == null) return diagnostic;
        String code = d.substring(0, 3);
        StringBuilder lines = new StringBuilder();
        int pos = start;
        for (int n = 0; n < MAX_REPLY_LINES && pos < text.length(); n++) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) eol = text.length();
            String line = text.substring(pos, eol);
            pos = eol + 1;
            if (!line.startsWith(prefix)) break;
            String reply = line.substring(prefix.length()).stripTrailing();
            if (reply.length() < 4 || !reply.startsWith(code) || (reply.charAt(3) != '-' && reply.charAt(3) != ' ')) break;
            lines.append(reply).append('\n');
            if (reply.charAt(3) == ' ') break;   // the reply's last line
        }
        String joined = join(lines.toString());
        return joined.length() > TextScan.fold(d).length() ? joined : diagnostic;
    }
}
