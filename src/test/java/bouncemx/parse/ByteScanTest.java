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

    /** The definition: MimePart's former search, stepping by two bytes. */
    private static int naiveDelimiterCandidate(byte[] b, int pos, int to, int floor) {
        int i = pos;
        while (i + 1 < to) {
            if (b[i + 1] != '-') {
                i += 2;
                continue;
            }
            if (b[i] == '-' && (i == floor || b[i - 1] == '\n' || b[i - 1] == '\r')) return i;
            i++;
        }
        return -1;
    }

    @Property(tries = 3000, seed = "20261203")
    void delimiterCandidateAsBefore(@ForAll("dashes") byte[] b, @ForAll @IntRange(max = 40) int floor,
                                    @ForAll @IntRange(max = 40) int pos, @ForAll @IntRange(max = 40) int cut) {
        int f = Math.min(floor, b.length);
        int p = Math.min(f + pos, b.length);
        int to = Math.max(p, b.length - cut);
        assertEquals(naiveDelimiterCandidate(b, p, to, f), MimePart.nextDelimiterCandidate(b, p, to, f));
    }

    @Provide
    Arbitrary<byte[]> dashes() {
        return Arbitraries.of((byte) '-', (byte) '-', (byte) '\n', (byte) '\r', (byte) 'a', (byte) 0xAD, (byte) 0x2C)
                .array(byte[].class).ofMaxSize(100);
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
