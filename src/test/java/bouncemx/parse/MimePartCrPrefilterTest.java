package bouncemx.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MimePart#mayHoldCr}, the byte test that lets {@link MimePart#text} skip the search of the decoded text
 * for a CR: when it says no CR can be there, none is, so the text is the same as with {@link MimePart#normalizeBreaks}.
 */
class MimePartCrPrefilterTest {

    private static final String[] CHARSETS = {null, "us-ascii", "utf-8", "UTF-8", "iso-8859-1", "windows-1252",
            "x-unknown", "shift_jis", "iso-2022-jp", "utf-16", "utf-16le", "koi8-r", "big5"};

    @Property(tries = 3000, seed = "20261203")
    void sameTextAsSearchingTheString(@ForAll("bodies") byte[] b, @ForAll("charsets") String charset,
                                      @ForAll("caps") int cap) {
        String decoded = MimePart.decodeCharset(b, 0, b.length, charset);
        String expected = MimePart.normalizeBreaks(decoded, cap);
        if (!MimePart.mayHoldCr(b, 0, b.length, charset)) {
            assertTrue(decoded.indexOf('\r') < 0, "a CR where the bytes held none");
            assertEquals(expected, decoded.length() > cap ? decoded.substring(0, cap) : decoded);
        }
    }

    @Test
    void utf16WritesCrWithoutTheByteAlone() {
        byte[] b = "a\rb".getBytes(StandardCharsets.UTF_16LE);   // 0x0D 0x00: the byte is there, as half a unit
        assertTrue(MimePart.mayHoldCr(b, 0, b.length, "utf-16le"));
        byte[] cr = "\u0d0a".getBytes(StandardCharsets.UTF_16BE);   // no CR in the text, two bytes 0x0D 0x0A
        assertTrue(MimePart.mayHoldCr(cr, 0, cr.length, "utf-16be"), "other charsets are always searched");
    }

    @Test
    void crAnywhereInTheRangeIsSeen() {
        for (int at = 0; at < 20; at++) {
            byte[] b = "0123456789abcdefghij".getBytes(StandardCharsets.ISO_8859_1);
            b[at] = '\r';
            assertTrue(MimePart.mayHoldCr(b, 0, b.length, "utf-8"), "CR at " + at);
            assertFalse(MimePart.mayHoldCr(b, at + 1, b.length, "utf-8"), "range after the CR at " + at);
            assertFalse(MimePart.mayHoldCr(b, 0, at, null), "range before the CR at " + at);
        }
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        // text with CR and LF in every position, 8-bit bytes (UTF-8 lead and continuation bytes, Latin-1 letters),
        // and NUL bytes, as halves of UTF-16 units
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(60),
                Arbitraries.of((byte) '\r', (byte) '\n', (byte) 'a', (byte) ' ', (byte) 0, (byte) 0xC3, (byte) 0xA9,
                        (byte) 0xE2, (byte) 0x80, (byte) 0x1B, (byte) '$', (byte) 'B', (byte) 0x8D)
                        .array(byte[].class).ofMaxSize(60));
    }

    @Provide
    Arbitrary<String> charsets() {
        return Arbitraries.of(CHARSETS);
    }

    @Provide
    Arbitrary<Integer> caps() {
        return Arbitraries.integers().between(0, 70);
    }
}
