package bouncemx.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** {@link TextScan#fold} folds as the straightforward StringBuilder loop does, whatever the string holds. */
class TextScanFoldTest {

    /** The definition: every run of blanks, tabs and line breaks one space, none at either end. */
    private static String naiveFold(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                space = true;
            } else {
                if (space && sb.length() > 0) sb.append(' ');
                space = false;
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Property(tries = 3000, seed = "20261203")
    void sameAsTheStraightforwardLoop(@ForAll("texts") String s) {
        assertEquals(naiveFold(s), TextScan.fold(s));
    }

    @Provide
    Arbitrary<String> texts() {
        // mostly the characters fold looks at, some Latin-1 and some outside it (a UTF-16 string)
        return Arbitraries.strings().withChars("  \t\n\rab:\u00e9\u65e5\u000b\u00a0").ofMaxLength(30);
    }

    @Property(tries = 3000, seed = "20261203")
    void foldLowerHeadAsLowerOfFoldOfTheHead(@ForAll("mixedCase") String s, @ForAll @net.jqwik.api.constraints.IntRange(max = 40) int max) {
        String head = s.length() > max ? s.substring(0, max) : s;
        assertEquals(TextScan.lower(naiveFold(head)), TextScan.foldLowerHead(s, max));
    }

    @Provide
    Arbitrary<String> mixedCase() {
        // blanks and breaks, both cases of ASCII and Latin-1 letters, and characters outside Latin-1 whose
        // lower case depends on context (final sigma) or changes length (U+0130)
        return Arbitraries.strings().withChars("  \t\n\rAbZ?\u00c9\u00e9\u00df\u00ff\u03a3\u0130\u212a").ofMaxLength(40);
    }

    @Test
    void aStringWithNothingToFoldComesBackItself() {
        String s = "550 5.1.1 user unknown";
        assertSame(s, TextScan.fold(s));
        assertEquals("550 5.1.1 user unknown", TextScan.fold("550\t5.1.1 user unknown"));
        assertEquals("a b", TextScan.fold(" a \r\n b\n"));
        assertEquals("", TextScan.fold(" \t\n"));
    }
}
