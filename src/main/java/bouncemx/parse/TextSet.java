package bouncemx.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed set of texts, each belonging to a numbered group, and which groups have a text contained in a
 * given string: the answer of {@code string.contains(text)} for every text, found in one pass over the
 * string (an Aho-Corasick automaton, its transitions a complete table over the characters the texts use).
 * For many short texts tried against the same string (the dialect hints against a Subject), the
 * {@code contains} calls cost more than the one pass: the JDK's vector {@code indexOf} runs only in C2 code,
 * and the command line's {@code classify} runs C1 code. Immutable; thread-safe.
 */
public final class TextSet {
    private final int groups;
    private final int words;         // longs per group mask
    private final int[] charClass;   // char -> class, 0 for every character no text uses
    private final int classes;
    private final int[] next;        // state * classes + class -> state (failure links folded in)
    private final long[] found;      // state * words .. + words: the groups of every text ending here

    /** @param texts per group, its texts (non-empty strings); group {@code g} is {@code texts.get(g)} */
    public TextSet(List<List<String>> texts) {
        groups = texts.size();
        words = Math.max(1, (groups + 63) >>> 6);
        int maxChar = 0;
        for (List<String> g : texts) {
            for (String t : g) {
                if (t.isEmpty()) throw new IllegalArgumentException("empty text in a TextSet");
                for (int i = 0; i < t.length(); i++) maxChar = Math.max(maxChar, t.charAt(i));
            }
        }
        charClass = new int[maxChar + 1];
        int c = 1;
        for (List<String> g : texts) {
            for (String t : g) {
                for (int i = 0; i < t.length(); i++) if (charClass[t.charAt(i)] == 0) charClass[t.charAt(i)] = c++;
            }
        }
        classes = c;
        // the trie, with the groups of the texts that end at each node
        List<int[]> go = new ArrayList<>();
        List<long[]> out = new ArrayList<>();
        go.add(new int[classes]);
        out.add(new long[words]);
        for (int g = 0; g < groups; g++) {
            for (String t : texts.get(g)) {
                int s = 0;
                for (int i = 0; i < t.length(); i++) {
                    int k = charClass[t.charAt(i)];
                    if (go.get(s)[k] == 0) {
                        go.add(new int[classes]);
                        out.add(new long[words]);
                        go.get(s)[k] = go.size() - 1;
                    }
                    s = go.get(s)[k];
                }
                out.get(s)[g >>> 6] |= 1L << (g & 63);
            }
        }
        int n = go.size();
        next = new int[n * classes];
        found = new long[n * words];
        int[] fail = new int[n];
        // breadth first: complete the table and add to each state the groups found at its failure state
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int k = 0; k < classes; k++) {
            int t = go.get(0)[k];
            next[k] = t;
            if (t != 0) queue.add(t);
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int w = 0; w < words; w++) found[s * words + w] = out.get(s)[w] | found[fail[s] * words + w];
            for (int k = 0; k < classes; k++) {
                int t = go.get(s)[k];
                if (t != 0) {
                    fail[t] = next[fail[s] * classes + k];
                    next[s * classes + k] = t;
                    queue.add(t);
                } else {
                    next[s * classes + k] = next[fail[s] * classes + k];
                }
            }
        }
    }

    /** Number of groups. */
    public int groups() { return groups; }

    /**
     * The groups with a text contained in {@code s}, as a bit mask ({@code (mask[g >>> 6] >>> (g & 63)) & 1});
     * {@code mask} (at least {@code (groups + 63) / 64} longs) is cleared first.
     */
    public void find(String s, long[] mask) {
        java.util.Arrays.fill(mask, 0, words, 0L);
        int state = 0;
        int top = charClass.length;
        for (int i = 0, n = s.length(); i < n; i++) {
            char ch = s.charAt(i);
            state = next[state * classes + (ch < top ? charClass[ch] : 0)];
            int base = state * words;
            for (int w = 0; w < words; w++) mask[w] |= found[base + w];
        }
    }

    /** The lowest group with a text contained in {@code s}, or -1 when none. */
    public int first(String s) {
        long[] mask = newMask();
        find(s, mask);
        for (int w = 0; w < words; w++) if (mask[w] != 0) return (w << 6) + Long.numberOfTrailingZeros(mask[w]);
        return -1;
    }

    /** A mask array the size {@link #find} needs. */
    public long[] newMask() { return new long[words]; }

    /** Whether group {@code g} is set in {@code mask}. */
    public static boolean has(long[] mask, int g) {
        return (mask[g >>> 6] >>> (g & 63) & 1L) != 0;
    }
}
