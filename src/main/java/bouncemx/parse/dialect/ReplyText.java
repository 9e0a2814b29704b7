package bouncemx.parse.dialect;

import bouncemx.parse.Codes;
import bouncemx.parse.TextScan;

/**
 * Joins the lines of a multi-line SMTP reply as an MTA quotes it ("550-5.7.26 first line", "550-5.7.26
 * more", "550 5.7.26 last": RFC 5321 section 4.2.1) into one diagnostic text that names the reply code
 * and the enhanced status once: "550 5.7.26 first line more last". Lines that do not repeat the code
 * (a reply wrapped by the MTA) are kept as they are. Stateless.
 */
final class ReplyText {
    private ReplyText() {}

    /** {@code lines} separated by "\n"; the result has blanks folded. */
    static String join(String lines) {
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
}
