package bouncemx.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link MimePart#decodeText} (line breaks normalised in the bytes for the ASCII-compatible charsets) gives
 * what decoding the charset and then normalising the String's line breaks gives, the cap included.
 */
class MimeTextDecodeTest {

    private static final String[] CHARSETS = {null, "us-ascii", "utf-8", "UTF8", "iso-8859-1", "windows-1252", "shift_jis",
            "iso-2022-jp", "utf-16le", "no-such-charset"};

    @Property(tries = 4000, seed = "20261203")
    void asDecodingThenNormalising(@ForAll("bodies") byte[] b, @ForAll @IntRange(max = 9) int charset,
                                   @ForAll @IntRange(max = 20) int pos, @ForAll @IntRange(max = 20) int cut) {
        int p = Math.min(pos, b.length);
        int to = Math.max(p, b.length - cut);
        String cs = CHARSETS[charset];
        assertEquals(MimePart.normalizeBreaks(MimePart.decodeCharset(b, p, to, cs), 1024),
                MimePart.decodeText(b, p, to, cs, 1024), "charset " + cs);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        // line breaks, ASCII, UTF-8 lead and continuation bytes (valid and broken sequences), Latin-1 bytes;
        // up to 1,300 bytes, so that some are over the 1,024-character cap
        return Arbitraries.oneOf(Arbitraries.of((byte) '\n', (byte) '\r', (byte) '\r', (byte) 0xC3, (byte) 0xA9, (byte) 0xE2,
                        (byte) 0x82, (byte) 0xAC, (byte) 0xF0, (byte) 0x9F, (byte) 0xFF, (byte) 0x1B, (byte) '$', (byte) 'B'),
                Arbitraries.bytes().between((byte) 32, (byte) 126), Arbitraries.bytes().between((byte) 32, (byte) 126))
                .array(byte[].class).ofMaxSize(1300);
    }

    @Test
    void crlfAndLoneCrBecomeLf() {
        byte[] b = "a\r\nb\rc\r\r\nd\r".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String cs : new String[] {null, "utf-8", "iso-8859-1"}) assertEquals("a\nb\nc\n\nd\n", MimePart.decodeText(b, 0, b.length, cs, 1024));
        byte[] u = "caf\u00e9\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("caf\u00e9\n", MimePart.decodeText(u, 0, u.length, null, 1024));
        assertEquals("caf\u00c3\u00a9\n", MimePart.decodeText(u, 0, u.length, "iso-8859-1", 1024));
    }
}
