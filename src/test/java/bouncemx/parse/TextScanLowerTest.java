package bouncemx.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link TextScan#lower} is {@code toLowerCase(Locale.ROOT)}, whatever the string holds. */
class TextScanLowerTest {

    @Property(tries = 2000)
    void sameAsTheJdk(@ForAll("texts") String s) {
        assertEquals(s.toLowerCase(Locale.ROOT), TextScan.lower(s));
    }

    @Property(tries = 2000, seed = "20261203")
    void sameAsTheJdkOverLongerTexts(@ForAll("longTexts") String s) {
        // several eight-byte words: ASCII words lowered whole, words with a '?' or a byte of 0x80 or more by the table
        assertEquals(s.toLowerCase(Locale.ROOT), TextScan.lower(s));
    }

    @Provide
    Arbitrary<String> longTexts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("AZaz@[`{?09 \u00c0\u00de\u00df\u00ff").withCharRange('A', 'Z').ofMaxLength(70),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(70),
                Arbitraries.strings().withChars("ABCXYZ?\u03a3\u0130").withCharRange('a', 'z').ofMaxLength(70));
    }

    @Test
    void everyAsciiCharacterAtEachPositionOfAWord() {
        for (char c = 0; c < 128; c++) {
            for (int at = 0; at < 17; at++) {
                String s = "Mixed Case Text!".substring(0, at) + c + "Mixed Case Text!".substring(at);
                assertEquals(s.toLowerCase(Locale.ROOT), TextScan.lower(s), "U+" + Integer.toHexString(c) + " at " + at);
            }
        }
    }

    @Provide
    Arbitrary<String> texts() {
        // ASCII, Latin-1 letters of both cases, the '?' a bulk copy writes for other characters, and
        // characters outside Latin-1 whose lower case depends on context (final sigma) or changes length
        return Arbitraries.strings().withChars("AZaz?09 :@<>\u00c0\u00de\u00d7\u00df\u00ff\u00b5\u0130\u03a3\u212a\u65e5")
                .withCharRange('\u0000', '\u00ff').ofMaxLength(40);
    }

    @Test
    void everyLatin1CharacterAlone() {
        for (char c = 0; c < 256; c++) {
            String s = "X" + c + "Y";
            assertEquals(s.toLowerCase(Locale.ROOT), TextScan.lower(s), "U+" + Integer.toHexString(c));
        }
    }

    @Test
    void aQuestionMarkOfItsOwnIsKeptAndAnUnencodableOneIsLowered() {
        assertEquals("why? now", TextScan.lower("WHY? NOW"));
        assertEquals("\u03c3\u03b1\u03c2?", TextScan.lower("\u03a3\u0391\u03a3?"));
        assertEquals("a\u65e5b", TextScan.lower("A\u65e5B"));
    }
}
