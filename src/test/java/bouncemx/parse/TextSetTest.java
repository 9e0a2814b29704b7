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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TextSet} answers what {@code contains} answers for each group's texts. */
class TextSetTest {

    @Property(tries = 1500)
    void sameAsContains(@ForAll("groups") List<List<String>> groups, @ForAll("strings") String s) {
        TextSet set = new TextSet(groups);
        long[] mask = set.newMask();
        set.find(s, mask);
        for (int g = 0; g < groups.size(); g++) {
            boolean expected = groups.get(g).stream().anyMatch(s::contains);
            assertEquals(expected, TextSet.has(mask, g), "group " + g + " " + groups.get(g) + " in \"" + s + "\"");
        }
        int first = -1;
        for (int g = groups.size() - 1; g >= 0; g--) if (groups.get(g).stream().anyMatch(s::contains)) first = g;
        assertEquals(first, set.first(s));
    }

    @Provide
    Arbitrary<List<List<String>>> groups() {
        // a small alphabet makes overlapping texts and suffix matches (the failure links) common; up to 90
        // groups crosses the 64-group word of the mask
        Arbitrary<String> text = Arbitraries.strings().withChars("abc \u00e9").ofMinLength(1).ofMaxLength(4);
        return text.list().ofMinSize(0).ofMaxSize(3).list().ofMaxSize(90);
    }

    @Provide
    Arbitrary<String> strings() {
        return Arbitraries.strings().withChars("abcd \u00e9\u65e5").ofMaxLength(30);
    }

    @Test
    void overlappingTextsAndAMaskReusedForAnotherString() {
        TextSet set = new TextSet(List.of(List.of("failure notice"), List.of("notice", "zzz"), List.of("delivery status")));
        long[] mask = set.newMask();
        set.find("re: failure notice", mask);
        assertTrue(TextSet.has(mask, 0));
        assertTrue(TextSet.has(mask, 1));
        assertFalse(TextSet.has(mask, 2));
        set.find("delivery status notification", mask);
        assertFalse(TextSet.has(mask, 0));
        assertFalse(TextSet.has(mask, 1));
        assertTrue(TextSet.has(mask, 2));
    }

    @Test
    void anEmptyTextIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TextSet(List.of(List.of(""))));
    }
}
