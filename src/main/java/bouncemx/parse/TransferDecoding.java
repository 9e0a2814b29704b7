package bouncemx.parse;

import java.util.Arrays;

/**
 * Content-Transfer-Encoding decoders (RFC 2045): base64 skipping anything outside the alphabet, and
 * quoted-printable with soft line breaks after LF, CRLF or CR. Broken input decodes as far as it can;
 * nothing throws. Stateless, thread-safe.
 */
public final class TransferDecoding {
    private TransferDecoding() {}

    private static final byte[] B64 = new byte[256];
    static {
        Arrays.fill(B64, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) B64[alphabet.charAt(i)] = (byte) i;
        B64['-'] = 62; // tolerate the URL-safe alphabet
        B64['_'] = 63;
    }

    public static byte[] base64(byte[] b, int from, int to) {
        byte[] out = new byte[(to - from) * 3 / 4 + 3];
        int k = 0;
        int acc = 0;
        int bits = 0;
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            if (c == '=') break;
            int v = B64[c];
            if (v < 0) continue;
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[k++] = (byte) (acc >> bits);
                acc &= (1 << bits) - 1;
            }
        }
        return Arrays.copyOf(out, k);
    }

    public static byte[] quotedPrintable(byte[] b, int from, int to) {
        byte[] out = new byte[to - from];
        int k = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c != '=') {
                out[k++] = c;
                continue;
            }
            if (i + 1 >= to) break;
            byte n1 = b[i + 1];
            if (n1 == '\r' || n1 == '\n') {          // soft line break
                i += (n1 == '\r' && i + 2 < to && b[i + 2] == '\n') ? 2 : 1;
                continue;
            }
            if (ByteScan.isWsp(n1)) {                 // "=  \r\n": soft break with trailing blanks
                int j = i + 1;
                while (j < to && ByteScan.isWsp(b[j])) j++;
                if (j >= to || b[j] == '\r' || b[j] == '\n') {
                    i = (j < to && b[j] == '\r' && j + 1 < to && b[j + 1] == '\n') ? j + 1 : j;
                    continue;
                }
            }
            if (i + 2 < to) {
                int h1 = hex((char) (n1 & 0xff));
                int h2 = hex((char) (b[i + 2] & 0xff));
                if (h1 >= 0 && h2 >= 0) {
                    out[k++] = (byte) (h1 * 16 + h2);
                    i += 2;
                    continue;
                }
            }
            out[k++] = c; // a lone "=": keep it
        }
        return Arrays.copyOf(out, k);
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    }
}
