package bouncemx.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * HeaderBlock's field names (shared Strings for the common ones, hash codes for the lookups) are what
 * {@link ByteScan#asciiLower} makes of each name, and get / has / all find what a scan by equals finds.
 */
class HeaderBlockNamesTest {

    @Property(tries = 2000, seed = "20261203")
    void namesAndLookupsAsTheStraightforwardOnes(@ForAll("blocks") List<String> names, @ForAll("lookups") String asked) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) sb.append(names.get(i)).append(": v").append(i).append("\r\n");
        byte[] b = sb.append("\r\nbody").toString().getBytes(StandardCharsets.ISO_8859_1);
        HeaderBlock h = HeaderBlock.parse(b, 0, b.length, Limits.DEFAULT);
        assertEquals(names.size(), h.size());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            byte[] n = names.get(i).getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(ByteScan.asciiLower(n, 0, n.length), h.name(i));
            if (h.name(i).equals(asked)) expected.add("v" + i);
        }
        assertEquals(expected, h.all(asked));
        assertEquals(!expected.isEmpty(), h.has(asked));
        assertEquals(expected.isEmpty() ? null : expected.get(0), h.get(asked));
    }

    @Provide
    Arbitrary<List<String>> blocks() {
        // common names in any case, with a blank before the colon, near misses and other names (ASCII: a byte of
        // 0x80 or more ends the block, as no field name has one)
        Arbitrary<String> name = Arbitraries.oneOf(
                Arbitraries.of("Received", "FROM", "to", "Content-Type", "content-typ", "content-types", "Status",
                        "X-Failed-Recipients", "Message-ID", "Subject ", "Date\t", "X-Other", "RECEIVED", "X-OTHER "),
                Arbitraries.strings().withChars("abAB-x").ofMinLength(1).ofMaxLength(6));
        return name.list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> lookups() {
        return Arbitraries.of("received", "from", "to", "content-type", "status", "x-failed-recipients", "message-id",
                "subject", "date", "x-other", "ab", "a", "x-b");
    }

    @Test
    void aCommonNameIsOneSharedString() {
        byte[] b = "CONTENT-TYPE : text/plain\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] c = "Content-Type: text/html\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        String one = HeaderBlock.parse(b, 0, b.length, Limits.DEFAULT).name(0);
        assertEquals("content-type", one);
        assertSame(one, HeaderBlock.parse(c, 0, c.length, Limits.DEFAULT).name(0));
    }

    @Property(tries = 5000, seed = "20261203")
    void colonAndHashAsFieldColonThenNameHash(@ForAll("lines") byte[] line) {
        long both = HeaderBlock.colonAndHash(line, 0, line.length);
        int colon = HeaderBlock.fieldColon(line, 0, line.length);
        assertEquals(colon, (int) both);
        if (colon >= 0) assertEquals(HeaderBlock.nameHash(line, 0, colon), (int) (both >>> 32));
        else assertEquals(-1L, both);
    }

    @Provide
    Arbitrary<byte[]> lines() {
        // name letters of both cases, colons, blanks, other control bytes, DEL and high bytes
        return Arbitraries.oneOf(Arbitraries.of((byte) ':', (byte) ' ', (byte) '\t', (byte) 0, (byte) 0x0B, (byte) 127,
                        (byte) 0xC9, (byte) '-'), Arbitraries.bytes().between((byte) 'A', (byte) 'Z'),
                Arbitraries.bytes().between((byte) 'a', (byte) 'z'), Arbitraries.bytes().between((byte) 'a', (byte) 'z'))
                .array(byte[].class).ofMaxSize(30);
    }
}
