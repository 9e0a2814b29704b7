package bouncemx.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds which of many fixed strings (needles, in ordered groups) a text contains, in one pass over the
 * text: an Aho-Corasick automaton (Aho and Corasick, "Efficient string matching", CACM 1975) with its
 * failure links folded into a complete transition table over the characters the needles use, so each
 * character of the text costs one table load. Answers two questions, exactly as {@code text.contains(needle)}
 * over every needle would ({@code PhraseAutomatonTest}): the first needle in (group, index) order that the text
 * contains ({@link #first}: the phrase table's "first row wins", the SMTP-command tables), and every group
 * with a needle in the text ({@link #groupsIn}: the dialect hints on a Subject, From or X-Mailer).
 *
 * <p>For a handful of needles {@code String.contains}, which C2 vectorises, is about as fast: on the
 * project's machine the 19 providers' marks by {@code contains} cost 6.7 ns a character of text, an
 * automaton over them 4.8 ns and the phrase table's (9,953 states) 7.3 ns. Short lists (greylisting's rows,
 * the dialects' template lines) use {@link FixedTexts}, one pass through a table of first characters. Under
 * C1 (the launcher's {@code classify}) {@code indexOf} is a plain loop, and the hint and command tables, tens
 * of needles tried on every message, gain more.
 * Immutable after construction; thread-safe.
 */
public final class PhraseAutomaton {
    /** No needle: larger than every (group, index) id. */
    private static final int NONE = Integer.MAX_VALUE;
    /** Needles in one group: an id is {@code group << INDEX_BITS | index}. */
    private static final int INDEX_BITS = 12;
    /** States are table entries of type char. */
    private static final int MAX_STATES = 1 << 16;

    private final int groups;
    /** The length of the longest needle. */
    private final int longest;
    /** Per character: its class, 0 for characters no needle uses. */
    private final char[] charClass = new char[65536];
    private final int classes;
    /** state * classes + class -> state: complete, the failure links folded in. */
    private final char[] next;
    /** Per state: the smallest needle id ending here or at any suffix of this state, or {@link #NONE}. */
    private final int[] first;
    /** Per state: the groups of every needle ending here or at any suffix (only when groups <= 64), else null. */
    private final long[] groupMask;

    /**
     * @param needleGroups the needles, group by group, in the order that {@link #first} ranks them; at most
     *                     4,095 a group (an empty needle is in every text, as {@code contains} has it)
     */
    public PhraseAutomaton(List<List<String>> needleGroups) {
        groups = needleGroups.size();
        longest = needleGroups.stream().flatMap(List::stream).mapToInt(String::length).max().orElse(0);
        // character classes: 0 for characters no needle uses, 1.. for each used character
        int c = 1;
        for (List<String> group : needleGroups) {
            if (group.size() >= 1 << INDEX_BITS) throw new IllegalArgumentException("too many needles in one group");
            for (String p : group) {
                for (int i = 0; i < p.length(); i++) if (charClass[p.charAt(i)] == 0) charClass[p.charAt(i)] = (char) c++;
            }
        }
        if (c > 0xffff) throw new IllegalArgumentException("needles use too many distinct characters");
        classes = c;
        // the trie: goto edges per state (class -> state, 0 for none), the classes that have one, and the needles
        // ending at each state
        List<char[]> go = new ArrayList<>();
        List<int[]> edges = new ArrayList<>(); // per state: its edges' classes, [0] the count
        List<Integer> ends = new ArrayList<>();
        List<Long> endGroups = new ArrayList<>();
        go.add(new char[classes]);
        edges.add(new int[1]);
        ends.add(NONE);
        endGroups.add(0L);
        for (int g = 0; g < groups; g++) {
            List<String> group = needleGroups.get(g);
            for (int n = 0; n < group.size(); n++) {
                String p = group.get(n);
                int s = 0;
                for (int i = 0; i < p.length(); i++) {
                    int k = charClass[p.charAt(i)];
                    if (go.get(s)[k] == 0) {
                        if (go.size() >= MAX_STATES) {
                            throw new IllegalArgumentException("more than " + MAX_STATES + " states: a char table holds no more");
                        }
                        go.add(new char[classes]);
                        edges.add(new int[1]);
                        ends.add(NONE);
                        endGroups.add(0L);
                        go.get(s)[k] = (char) (go.size() - 1);
                        int[] e = edges.get(s);
                        if (e[0] + 1 == e.length) edges.set(s, e = java.util.Arrays.copyOf(e, 2 * e.length + 1));
                        e[++e[0]] = k;
                    }
                    s = go.get(s)[k];
                }
                ends.set(s, Math.min(ends.get(s), g << INDEX_BITS | n));
                if (groups <= 64) endGroups.set(s, endGroups.get(s) | 1L << g);
            }
        }
        int states = go.size();
        // breadth-first over the trie: each state's row is its failure state's row with its own edges written
        // over it (a missing edge goes where the failure state's does), and the outputs fold along the failure
        // links. Copying rows and visiting only the edges keeps this start-up work small: a loop over every
        // class of every state (~2 M steps for the phrase table) was hot enough for C2 to compile it on stack;
        // building all the tables in a fresh JVM now takes 210 ms of CPU, JIT included, where it took 220-300.
        char[][] rows = new char[states][];
        int[] fail = new int[states];
        first = new int[states];
        groupMask = groups <= 64 ? new long[states] : null;
        for (int s = 0; s < states; s++) {
            first[s] = ends.get(s);
            if (groupMask != null) groupMask[s] = endGroups.get(s);
        }
        int[] queue = new int[states];
        int queued = 0;
        rows[0] = go.get(0);
        for (int j = 1; j <= edges.get(0)[0]; j++) queue[queued++] = rows[0][edges.get(0)[j]];
        for (int q = 0; q < queued; q++) {
            int s = queue[q];
            int f = fail[s];
            first[s] = Math.min(first[s], first[f]);
            if (groupMask != null) groupMask[s] |= groupMask[f];
            char[] row = rows[f].clone();
            int[] e = edges.get(s);
            char[] own = go.get(s);
            for (int j = 1; j <= e[0]; j++) {
                int k = e[j];
                int t = own[k];
                fail[t] = rows[f][k];
                row[k] = (char) t;
                queue[queued++] = t;
            }
            rows[s] = row;
            go.set(s, null); // no longer needed
        }
        // chars, not ints: half the memory (the phrase table's is 3.5 MB so), and the same speed as measured
        next = new char[states * classes];
        for (int s = 0; s < states; s++) System.arraycopy(rows[s], 0, next, s * classes, classes);
    }

    /** The state after reading character {@code ch} in state {@code s}. */
    private int step(int s, char ch) {
        return next[s * classes + charClass[ch]];
    }

    /**
     * The smallest id ({@code group << 12 | index}) of a needle that {@code text} contains, or -1: the
     * first group with a needle in the text, and its first such needle.
     *
     * <p>A text of at least twice the longest needle is read as two overlapping halves, stepped side by side
     * in one loop: each character's step waits for the one before it (the state is the next load's index),
     * and two independent chains of steps keep the processor busy where one leaves it waiting. The second
     * half starts {@code longest - 1} characters before the first one ends, so every occurrence lies whole in
     * one of them, and an automaton started afresh finds exactly the occurrences that lie whole in what it
     * reads: the smallest id over both halves is the answer over the text. Measured on the corpus texts:
     * 5.3 ns a character against 6.7 for one pass.
     */
    public int first(String text) {
        int n = text.length();
        if (n < 2 * longest || longest == 0) return first(text, 0, n, first[0]);
        int mid = (n + longest - 1) / 2;                  // first half [0, mid), second [mid - longest + 1, n)
        int from = mid - longest + 1;
        int a = 0;
        int b = 0;
        int found = first[0];
        for (int i = 0; i < mid; i++) {
            a = step(a, text.charAt(i));
            b = step(b, text.charAt(from + i));
            found = Math.min(found, Math.min(first[a], first[b]));
        }
        // the second half is as long as the first, or one character longer
        for (int i = from + mid; i < n; i++) {
            b = step(b, text.charAt(i));
            found = Math.min(found, first[b]);
        }
        return found == NONE ? -1 : found;
    }

    /** {@link #first(String)} over {@code text[from, to)} in one pass, starting from {@code found}. */
    private int first(String text, int from, int to, int found) {
        int s = 0;
        for (int i = from; i < to; i++) {
            s = step(s, text.charAt(i));
            int f = first[s];
            if (f < found) found = f;
        }
        return found == NONE ? -1 : found;
    }

    /** The group of an id from {@link #first}. */
    public static int group(int id) { return id >>> INDEX_BITS; }

    /** The index within its group of an id from {@link #first}. */
    public static int index(int id) { return id & ((1 << INDEX_BITS) - 1); }

    /** Bit {@code g} set for every group {@code g} with a needle that {@code text} contains; at most 64 groups. */
    public long groupsIn(String text) {
        if (groupMask == null) throw new IllegalStateException(groups + " groups: groupsIn answers for at most 64");
        int s = 0;
        long found = groupMask[0];
        for (int i = 0, n = text.length(); i < n; i++) {
            s = step(s, text.charAt(i));
            found |= groupMask[s];
        }
        return found;
    }
}
