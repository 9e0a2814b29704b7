package bouncemx.parse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Decodes RFC 2047 encoded words ({@code =?charset?B|Q?text?=}) in a header value. Whitespace between
 * two adjacent encoded words is dropped (RFC 2047 section 6.2). An encoded word in an unknown charset or
 * with a broken encoding is left as written: nothing is lost and nothing throws. The charsets are the
 * JDK's (which include ISO-2022-JP, Shift_JIS, EUC-KR, GB18030, KOI8-R...), so no Jakarta Mail fallback
 * is needed here. Stateless, thread-safe.
 */
public final class Rfc2047 {
    private Rfc2047() {}

    public static String decode(String value) {
        if (value == null || value.indexOf("=?") < 0) return value;
        StringBuilder out = new StringBuilder(value.length());
        int pos = 0;
        int lastWordEnd = -1;
        while (pos < value.length()) {
            int start = value.indexOf("=?", pos);
            if (start < 0) break;
            int q1 = value.indexOf('?', start + 2);
            int q2 = q1 < 0 ? -1 : value.indexOf('?', q1 + 1);
            int end = q2 < 0 ? -1 : value.indexOf("?=", q2 + 1);
            if (q1 < 0 || q2 != q1 + 2 || end < 0) {
                out.append(value, pos, start + 2);
                pos = start + 2;
                continue;
            }
            String decoded = decodeWord(value.substring(start + 2, q1), value.charAt(q1 + 1),
                    value.substring(q2 + 1, end));
            if (decoded == null) {
                out.append(value, pos, end + 2);
            } else {
                String between = value.substring(pos, start);
                if (!(lastWordEnd == pos && between.isBlank())) out.append(between);
                out.append(decoded);
            }
            pos = end + 2;
            lastWordEnd = pos;
        }
        out.append(value, pos, value.length());
        return out.toString();
    }

    private static String decodeWord(String charsetName, char encoding, String text) {
        int star = charsetName.indexOf('*'); // RFC 2231 language suffix
        if (star >= 0) charsetName = charsetName.substring(0, star);
        Charset cs = Charsets.lookup(charsetName);
        if (cs == null) return null;
        byte[] bytes;
        if (encoding == 'B' || encoding == 'b') {
            bytes = TransferDecoding.base64(text.getBytes(StandardCharsets.ISO_8859_1), 0, text.length());
        } else if (encoding == 'Q' || encoding == 'q') {
            bytes = qWord(text);
        } else {
            return null;
        }
        return new String(bytes, cs);
    }

    private static byte[] qWord(String text) {
        byte[] out = new byte[text.length()];
        int k = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out[k++] = ' ';
            } else if (c == '=' && i + 2 < text.length()
                    && TransferDecoding.hex(text.charAt(i + 1)) >= 0 && TransferDecoding.hex(text.charAt(i + 2)) >= 0) {
                out[k++] = (byte) (TransferDecoding.hex(text.charAt(i + 1)) * 16 + TransferDecoding.hex(text.charAt(i + 2)));
                i += 2;
            } else {
                out[k++] = (byte) c;
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }
}
