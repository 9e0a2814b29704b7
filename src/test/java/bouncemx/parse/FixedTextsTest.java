package bouncemx.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FixedTexts} answers what {@code contains}, text by text in list order, answers. */
class FixedTextsTest {

    private static int straightforwardFirst(String s, List<String> texts) {
        for (int t = 0; t < texts.size(); t++) if (s.contains(texts.get(t))) return t;
        return -1;
    }

    @Property(tries = 5000, seed = "20261203")
    void asContainsTextByText(@ForAll("texts") List<String> texts, @ForAll("strings") String s) {
        FixedTexts f = new FixedTexts(texts);
        int expected = straightforwardFirst(s, texts);
        assertEquals(expected, f.first(s), () -> texts + " in " + s);
        assertEquals(expected >= 0, f.anyIn(s));
    }

    @Provide
    Arbitrary<String> strings() {
        // a small alphabet, so that texts occur, overlap and start at the same character; one character above Latin-1
        return Arbitraries.strings().withChars("abca \u00e9\u0416").ofMaxLength(40);
    }

    @Provide
    Arbitrary<List<String>> texts() {
        return Arbitraries.strings().withChars("abc \u00e9\u0416").ofMinLength(0).ofMaxLength(4).list().ofMaxSize(6);
    }

    @Test
    void theFirstInListOrderNotInTextOrder() {
        FixedTexts f = new FixedTexts(List.of("greylist", "graylist", "[gl01]"));
        assertEquals(0, f.first("graylisted, then greylisted"));   // the list's first, though later in the text
        assertEquals(1, f.first("graylisted, then [gl01]"));
        assertEquals(2, f.first("421 4.7.0 [gl01] message deferred"));
        assertEquals(-1, f.first("user unknown"));
        assertTrue(f.anyIn("xx[gl01]"));
        assertFalse(f.anyIn("gl01"));
        assertEquals(-1, new FixedTexts(List.of()).first("text"));
        assertEquals(0, new FixedTexts(List.of("无法投递")).first("邮件无法投递"));
    }
}
