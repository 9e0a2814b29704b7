package bouncemx.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The word-at-a-time line end search finds what a byte-by-byte search finds. */
class ByteScanTest {

    private static int naiveLineEnd(byte[] b, int pos, int to) {
        for (int i = pos; i < to; i++) if (b[i] == '\n' || b[i] == '\r') return i;
        return to;
    }

    @Property(tries = 3000)
    void lineEndAsByteByByte(@ForAll("lines") byte[] b, @ForAll @IntRange(max = 80) int pos, @ForAll @IntRange(max = 80) int cut) {
        int p = Math.min(pos, b.length);
        int to = Math.max(p, b.length - cut);
        assertEquals(naiveLineEnd(b, p, to), ByteScan.lineEnd(b, p, to));
    }

    @Provide
    Arbitrary<byte[]> lines() {
        // line breaks, bytes one off them and with the high bit set (0x8A, 0x8D, 0x0B, 0x0C, 0x09), zeros
        return Arbitraries.oneOf(Arbitraries.of((byte) '\n', (byte) '\r', (byte) 0x8A, (byte) 0x8D, (byte) 0x0B,
                        (byte) 0x0C, (byte) 0x09, (byte) 0, (byte) 0x80, (byte) 0xFF), Arbitraries.bytes().between((byte) 32, (byte) 126),
                Arbitraries.bytes().between((byte) 32, (byte) 126), Arbitraries.bytes().between((byte) 32, (byte) 126))
                .array(byte[].class).ofMaxSize(120);
    }

    @Property(tries = 3000, seed = "20261203")
    void isAsciiAsByteByByte(@ForAll("lines") byte[] b, @ForAll @IntRange(max = 80) int pos, @ForAll @IntRange(max = 80) int cut) {
        int p = Math.min(pos, b.length);
        int to = Math.max(p, b.length - cut);
        boolean ascii = true;
        for (int i = p; i < to; i++) if (b[i] < 0) ascii = false;
        assertEquals(ascii, ByteScan.isAscii(b, p, to));
    }

    @Property(tries = 3000, seed = "20261203")
    void indexOfAsByteByByte(@ForAll("lines") byte[] b, @ForAll @IntRange(max = 80) int pos, @ForAll @IntRange(max = 80) int cut) {
        int p = Math.min(pos, b.length);
        int to = Math.max(p, b.length - cut);
        for (byte c : new byte[] {'\n', '-', (byte) 0x8A, 0, 'x'}) {
            int expected = -1;
            for (int i = p; i < to && expected < 0; i++) if (b[i] == c) expected = i;
            assertEquals(expected, ByteScan.indexOf(b, c, p, to));
        }
    }

    /** The definition: MimePart's former search, every line that opens with "--", then the delimiter tested there. */
    private static int naiveDelimiterLine(byte[] b, byte[] delim, int pos, int to, int floor) {
        for (int i = pos; i + 1 < to; i++) {
            if (b[i] == '-' && b[i + 1] == '-' && (i == floor || b[i - 1] == '\n' || b[i - 1] == '\r')
                    && ByteScan.startsWith(b, i, to, delim)) return i;
        }
        return -1;
    }

    /** The definition of the pattern search: the pattern tested at every position. */
    private static int naiveIndexOf(byte[] b, byte[] p, int from, int to) {
        for (int i = from; i + p.length <= to; i++) if (ByteScan.startsWith(b, i, to, p)) return i;
        return -1;
    }

    @Property(tries = 3000, seed = "20261203")
    void delimiterLineAsBefore(@ForAll("dashes") byte[] b, @ForAll("boundaries") byte[] boundary,
                               @ForAll @IntRange(max = 40) int floor, @ForAll @IntRange(max = 40) int pos,
                               @ForAll @IntRange(max = 40) int cut) {
        byte[] delim = new byte[boundary.length + 2];
        delim[0] = '-';
        delim[1] = '-';
        System.arraycopy(boundary, 0, delim, 2, boundary.length);
        int f = Math.min(floor, b.length);
        int p = Math.min(f + pos, b.length);
        int to = Math.max(p, b.length - cut);
        assertEquals(naiveDelimiterLine(b, delim, p, to, f), MimePart.nextDelimiterLine(b, delim, ByteScan.shifts(delim), p, to, f));
    }

    @Property(tries = 3000, seed = "20261203")
    void patternSearchAsTestingEveryPosition(@ForAll("dashes") byte[] b, @ForAll("boundaries") byte[] p,
                                             @ForAll @IntRange(max = 40) int from, @ForAll @IntRange(max = 40) int cut) {
        if (p.length == 0) return;
        int f = Math.min(from, b.length);
        int to = Math.max(f, b.length - cut);
        assertEquals(naiveIndexOf(b, p, f, to), ByteScan.indexOf(b, p, ByteScan.shifts(p), f, to));
    }

    @Provide
    Arbitrary<byte[]> dashes() {
        return Arbitraries.of((byte) '-', (byte) '-', (byte) '\n', (byte) '\r', (byte) 'a', (byte) 'b', (byte) 0xAD, (byte) 0x2C)
                .array(byte[].class).ofMaxSize(100);
    }

    @Provide
    Arbitrary<byte[]> boundaries() {
        // short boundaries over the same few bytes, so that they occur in the text, whole and in part
        return Arbitraries.of((byte) '-', (byte) 'a', (byte) 'b', (byte) 0xAD).array(byte[].class).ofMaxSize(5);
    }

    @Test
    void aDelimiterAtEveryPositionAmongNearMisses() {
        byte[] delim = "--b1".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (byte filler : new byte[] {'-', 'b', '1', 'x', '\r'}) {
            for (int at = 1; at < 36; at++) {
                byte[] b = new byte[40];
                for (int i = 0; i < b.length; i++) b[i] = i % 3 == 0 ? filler : (byte) '-';
                b[at - 1] = '\n';
                System.arraycopy(delim, 0, b, at, delim.length);
                for (int pos = 0; pos <= at; pos++) {
                    int first = naiveDelimiterLine(b, delim, pos, 40, 0);
                    assertEquals(first, MimePart.nextDelimiterLine(b, delim, ByteScan.shifts(delim), pos, 40, 0));
                    assertEquals(at, MimePart.nextDelimiterLine(b, delim, ByteScan.shifts(delim), Math.max(pos, at - 1), 40, 0));
                }
            }
        }
    }

    @Test
    void everyPositionOfEachBreakInALongLine() {
        for (byte br : new byte[] {'\n', '\r'}) {
            for (int at = 0; at < 40; at++) {
                byte[] b = new byte[40];
                java.util.Arrays.fill(b, (byte) 'x');
                b[at] = br;
                for (int pos = 0; pos <= at; pos++) assertEquals(at, ByteScan.lineEnd(b, pos, 40));
                assertEquals(at, ByteScan.lineEnd(b, 0, 40));
                assertEquals(Math.min(at, 20), ByteScan.lineEnd(b, 0, 20));
            }
        }
    }

    @Test
    void asciiLowerLowersOnlyAsciiLettersAndTrimsTrailingBlanks() {
        byte[] b = {'X', '-', 'M', 'a', 'i', 'l', (byte) 0xC9, 'R', ' ', '\t'};
        assertEquals("x-mail\u00c9r", ByteScan.asciiLower(b, 0, b.length));
    }
}
