package bouncemx.parse;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link PhraseAutomaton} gives the answer of {@code text.contains(needle)} over every needle, in order: checked on
 * texts built at random (fixed seed) from pieces of the needles themselves, so that whole needles, prefixes,
 * overlaps and near misses all occur, and on the real tables' needles.
 */
public class PhraseAutomatonTest {

    /** The plain definition of {@link PhraseAutomaton#first}: group by group, needle by needle. */
    private static int firstByScanning(List<List<String>> groups, String text) {
        for (int g = 0; g < groups.size(); g++) {
            for (int n = 0; n < groups.get(g).size(); n++) if (text.contains(groups.get(g).get(n))) return g << 12 | n;
        }
        return -1;
    }

    /** The plain definition of {@link PhraseAutomaton#groupsIn}. */
    private static long groupsByScanning(List<List<String>> groups, String text) {
        long mask = 0;
        for (int g = 0; g < groups.size(); g++) if (groups.get(g).stream().anyMatch(text::contains)) mask |= 1L << g;
        return mask;
    }

    /** A text of random pieces: whole needles, their prefixes and suffixes, single characters, blanks. */
    private static String randomText(Random rnd, List<String> needles, int maxPieces) {
        StringBuilder sb = new StringBuilder();
        int pieces = rnd.nextInt(maxPieces);
        for (int i = 0; i < pieces; i++) {
            String n = needles.get(rnd.nextInt(needles.size()));
            switch (rnd.nextInt(5)) {
                case 0 -> sb.append(n);
                case 1 -> sb.append(n, 0, rnd.nextInt(n.length() + 1));
                case 2 -> sb.append(n, rnd.nextInt(n.length() + 1), n.length());
                case 3 -> sb.append(n.isEmpty() ? "" : String.valueOf(n.charAt(rnd.nextInt(n.length()))));
                default -> sb.append(rnd.nextBoolean() ? " " : "\u00e9x9");
            }
        }
        return sb.toString();
    }

    /**
     * Texts from 0 to {@code maxPieces - 1} pieces: short ones and ones past twice the longest needle. Checks
     * {@link PhraseAutomaton#first} and, for at most 64 groups, {@link PhraseAutomaton#groupsIn}. Public: the
     * classifier's tests run it on the phrase table and the providers' marks.
     */
    public static void assertSameAsScanning(List<List<String>> groups, long seed, int texts, int maxPieces) {
        PhraseAutomaton a = new PhraseAutomaton(groups);
        List<String> all = new ArrayList<>();
        groups.forEach(all::addAll);
        if (all.isEmpty()) all.add("x");
        Random rnd = new Random(seed);
        for (int i = 0; i < texts; i++) {
            String t = randomText(rnd, all, maxPieces);
            assertEquals(firstByScanning(groups, t), a.first(t), t);
            if (groups.size() <= 64) assertEquals(groupsByScanning(groups, t), a.groupsIn(t), t);
        }
    }

    @Test
    void overlappingNeedlesGiveTheContainsAnswer() {
        List<List<String>> groups = List.of(
                List.of("abcd", "bc"),
                List.of("cde", "b"),
                List.of("abcde", "e", "da"),
                List.of(),
                List.of("aaa", "aab", "ab"),
                List.of("\u00e9x", "x9 a", "d d"),
                List.of("mailbox full", "mailbox", "box f"));
        assertSameAsScanning(groups, 13, 20_000, 8);
    }

    @Test
    void groupsInForManyGroupsAndItsLimit() {
        // 64 groups, the most a mask holds, the last one included
        List<List<String>> groups = new ArrayList<>();
        for (int g = 0; g < 64; g++) groups.add(List.of("n" + g + ";", g % 7 == 0 ? "s" + g : "n" + g + ";"));
        assertSameAsScanning(groups, 5, 5_000, 12);
        PhraseAutomaton a = new PhraseAutomaton(groups);
        assertEquals(1L << 63 | 1L, a.groupsIn("n63; and n0;"));
        List<List<String>> tooMany = new ArrayList<>(groups);
        tooMany.add(List.of("x"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> new PhraseAutomaton(tooMany).groupsIn("x"));
    }

    @Test
    void aLongTextFindsANeedleAcrossTheMiddleAndAtEitherEnd() {
        String needle = "mailbox unavailable";                 // the longest needle: texts of 38+ are read in halves
        PhraseAutomaton a = new PhraseAutomaton(List.of(List.of("user unknown"), List.of(needle, "zq")));
        for (int n = 38; n < 120; n++) {
            for (int at = 0; at + needle.length() <= n; at++) {
                String t = "x".repeat(at) + needle + "y".repeat(n - at - needle.length());
                assertEquals(1 << 12, a.first(t), t);
            }
        }
        assertEquals(1 << 12 | 1, a.first("x".repeat(60) + "zq"));
        assertEquals(0, a.first("zq" + "x".repeat(60) + "user unknown"));
    }

    @Test
    void anEmptyNeedleIsInEveryTextAsContainsHasIt() {
        PhraseAutomaton a = new PhraseAutomaton(List.of(List.of("zz"), List.of("", "q")));
        assertEquals(1 << 12, a.first(""));
        assertEquals(1 << 12, a.first("abc"));
        assertEquals(0, a.first("zz"));
        assertEquals(0, a.first("azz"));
    }

    @Test
    void idsNameTheGroupAndTheNeedle() {
        PhraseAutomaton a = new PhraseAutomaton(List.of(List.of("x"), List.of("no", "yes")));
        int id = a.first("oh yes");
        assertEquals(1, PhraseAutomaton.group(id));
        assertEquals(1, PhraseAutomaton.index(id));
        assertEquals(-1, a.first("a n, an o, a y, an e and an s"));
    }
}
