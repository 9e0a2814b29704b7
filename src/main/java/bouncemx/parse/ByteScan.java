package bouncemx.parse;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Small primitives over byte arrays used by the reader: line ends (LF, CRLF and lone CR are all line
 * breaks), ASCII case folding and text decoding with a safe fallback. Stateless, thread-safe.
 */
public final class ByteScan {
    private ByteScan() {}

    /** Index of the first CR or LF at or after {@code pos}, or {@code to} when the line runs to the end. */
    public static int lineEnd(byte[] b, int pos, int to) {
        int i = pos;
        // eight bytes at a time: XOR with a repeated CR (LF) turns a CR (LF) into a zero byte, and the zero-byte
        // test marks a word exactly when it holds one (a false mark can only follow a true one).
        // The reader splits every header and MIME line with this; byte by byte it was ~3% of decoding.
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i);
            long lf = w ^ 0x0A0A0A0A0A0A0A0AL;
            long cr = w ^ 0x0D0D0D0D0D0D0D0DL;
            long zero = ((lf - 0x0101010101010101L) & ~lf | (cr - 0x0101010101010101L) & ~cr) & 0x8080808080808080L;
            if (zero != 0) break; // the byte loop below finds which: under C1, Long.numberOfTrailingZeros is
        }                         // no intrinsic, and its shifts took longer than eight byte tests
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '\n' || c == '\r') return i;
        }
        return to;
    }

    /**
     * Index of the first {@code c} in {@code b[from, to)}, or -1. Eight bytes at a time, as {@link #lineEnd}
     * (the XOR makes each {@code c} a zero byte).
     */
    public static int indexOf(byte[] b, byte c, int from, int to) {
        long pattern = (c & 0xffL) * 0x0101010101010101L;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ pattern;
            long zero = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (zero != 0) return i + (Long.numberOfTrailingZeros(zero) >>> 3);
        }
        for (; i < to; i++) if (b[i] == c) return i;
        return -1;
    }

    /**
     * Horspool's shift table for {@code pattern} (at least one byte), for {@link #indexOf(byte[], byte[], int[], int, int)}:
     * for each byte value, how far a window may move when that byte is its last; the pattern's length for a byte
     * it does not hold before its last place.
     */
    public static int[] shifts(byte[] pattern) {
        int m = pattern.length;
        int[] s = new int[256];
        java.util.Arrays.fill(s, m);
        for (int k = 0; k < m - 1; k++) s[pattern[k] & 0xff] = m - 1 - k;
        return s;
    }

    /**
     * Index of the first {@code pattern} in {@code b[from, to)}, or -1 ({@code shifts} is {@link #shifts} of
     * it): Horspool's search, which looks at a window's last byte and moves on by up to the pattern's length.
     */
    public static int indexOf(byte[] b, byte[] pattern, int[] shifts, int from, int to) {
        int last = pattern.length - 1;
        byte end = pattern[last];
        for (int i = from; i + last < to; i += shifts[b[i + last] & 0xff]) {
            if (b[i + last] == end && startsWith(b, i, to, pattern)) return i;
        }
        return -1;
    }

    /**
     * True when no byte of {@code b[from, to)} has its high bit set. Eight bytes at a time, as {@link #lineEnd}:
     * every header value and text part goes through this test before it becomes a String.
     */
    static boolean isAscii(byte[] b, int from, int to) {
        int i = from;
        long high = 0;
        for (; i + 8 <= to; i += 8) high |= (long) LONGS.get(b, i);
        if ((high & 0x8080808080808080L) != 0) return false;
        for (; i < to; i++) if (b[i] < 0) return false;
        return true;
    }

    /** Eight bytes of a byte array as one little-endian long (the word-at-a-time scans here and in {@link TextScan}). */
    static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Start of the line after the line break at {@code eol} (which is a CR, LF or {@code to}). */
    public static int nextLine(byte[] b, int eol, int to) {
        if (eol >= to) return to;
        if (b[eol] == '\r' && eol + 1 < to && b[eol + 1] == '\n') return eol + 2;
        return eol + 1;
    }

    /** True when {@code b[pos..]} starts with the ASCII {@code prefix}, ignoring ASCII case of letters. */
    public static boolean startsWithIgnoreCase(byte[] b, int pos, int to, String prefix) {
        int n = prefix.length();
        if (to - pos < n) return false;
        for (int i = 0; i < n; i++) {
            if (lower(b[pos + i]) != Character.toLowerCase(prefix.charAt(i))) return false;
        }
        return true;
    }

    /**
     * True when {@code b[pos..to)} starts with {@code lowerPrefix} (lowercase ASCII bytes) ignoring ASCII case:
     * {@link #startsWithIgnoreCase} for a prefix already in bytes, with no case mapping of the prefix per byte.
     */
    public static boolean startsWithLower(byte[] b, int pos, int to, byte[] lowerPrefix) {
        int n = lowerPrefix.length;
        if (to - pos < n) return false;
        for (int i = 0; i < n; i++) if (lower(b[pos + i]) != lowerPrefix[i]) return false;
        return true;
    }

    /** True when {@code b[pos..]} starts with {@code prefix} exactly. */
    public static boolean startsWith(byte[] b, int pos, int to, byte[] prefix) {
        int n = prefix.length;
        if (to - pos < n) return false;
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != prefix[i]) return false;
        }
        return true;
    }

    public static int lower(byte c) {
        return (c >= 'A' && c <= 'Z') ? c + 32 : c & 0xff;
    }

    public static boolean isWsp(byte c) {
        return c == ' ' || c == '\t';
    }

    /** Lowercase ASCII name from bytes, trailing blanks removed. */
    public static String asciiLower(byte[] b, int from, int to) {
        while (to > from && isWsp(b[to - 1])) to--;
        byte[] out = new byte[to - from];
        for (int i = from; i < to; i++) out[i - from] = (byte) lower(b[i]);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /**
     * Decodes bytes that carry no declared charset: ASCII fast path, then strict UTF-8 (RFC 6532 headers,
     * SMTPUTF8 mail), else ISO-8859-1 so that no byte is lost.
     */
    public static String text(byte[] b, int from, int to) {
        return text(b, from, to, StandardCharsets.ISO_8859_1);
    }

    /**
     * As {@link #text(byte[], int, int)}, but bytes that are not valid UTF-8 are read in {@code fallback}: the
     * charset a text is labelled with when relays are known to get that label wrong (a UTF-8 text labelled
     * iso-8859-1 or windows-1252; a non-ASCII sequence that is valid UTF-8 is no Latin text).
     */
    public static String text(byte[] b, int from, int to, java.nio.charset.Charset fallback) {
        if (isAscii(b, from, to)) return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, from, to - from, fallback);
        }
    }
}
