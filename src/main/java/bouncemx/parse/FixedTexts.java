package bouncemx.parse;

import java.util.List;

/**
 * A short list of fixed texts looked for in a string in one pass: the answers of {@code s.contains(text)}
 * tried text by text ({@link #first}: the first text in list order that {@code s} contains; {@link #anyIn}),
 * without a pass over {@code s} per text. Each character of {@code s} is looked up in a table of the texts'
 * first characters, and only the texts starting with it are compared there (at a character above
 * Latin-1, the texts that start above it).
 *
 * <p>Why: under C1 (the launcher's {@code classify}) {@code String.indexOf} is a plain loop, and the lists
 * tried on every message or diagnostic (greylisting's nine wordings, the Exchange, Exim and qmail template
 * lines) made it the largest self time of the engine, ~10% (async-profiler over the corpus). For lists
 * whose first characters are rare in the text this also costs no more under C2, whose vectorised indexOf
 * still reads the string once per text. (For tens of texts or more, {@link PhraseAutomaton}.) Immutable;
 * thread-safe.
 */
public final class FixedTexts {
    private final String[] texts;
    /** Per Latin-1 character: the indexes of the texts that start with it, in list order; null for none. */
    private final int[][] byFirst = new int[256][];
    /** The shortest text's length: no text starts after {@code s.length() - shortest}. */
    private final int shortest;
    /** The indexes of the texts that start outside Latin-1, in list order: compared at every such character. */
    private final int[] wide;
    /** A text is empty (contained in every string): answered by {@code contains}, text by text. */
    private final boolean plain;

    public FixedTexts(List<String> texts) {
        this.texts = texts.toArray(String[]::new);
        int min = Integer.MAX_VALUE;
        boolean p = false;
        int[] w = new int[0];
        for (int t = 0; t < this.texts.length; t++) {
            String text = this.texts[t];
            min = Math.min(min, text.length());
            if (text.isEmpty()) {
                p = true;
            } else if (text.charAt(0) > 0xff) {
                w = appended(w, t);
            } else {
                int c = text.charAt(0);
                byFirst[c] = byFirst[c] == null ? new int[] {t} : appended(byFirst[c], t);
            }
        }
        shortest = min;
        wide = w;
        plain = p || this.texts.length == 0;
    }

    private static int[] appended(int[] a, int v) {
        int[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }

    /** The index of the first text (in list order) that {@code s} contains, or -1. */
    public int first(String s) {
        if (plain) {
            for (int t = 0; t < texts.length; t++) if (s.contains(texts[t])) return t;
            return -1;
        }
        int best = texts.length;
        for (int i = 0, last = s.length() - shortest; i <= last; i++) {
            char c = s.charAt(i);
            int[] b = c > 0xff ? wide : byFirst[c];
            if (b == null) continue;
            for (int t : b) {
                if (t >= best) break;                     // the bucket is in list order
                if (s.startsWith(texts[t], i)) {
                    best = t;
                    if (t == 0) return 0;
                    break;
                }
            }
        }
        return best == texts.length ? -1 : best;
    }

    /** True when {@code s} contains any of the texts. */
    public boolean anyIn(String s) {
        if (plain) {
            for (String t : texts) if (s.contains(t)) return true;
            return false;
        }
        for (int i = 0, last = s.length() - shortest; i <= last; i++) {
            char c = s.charAt(i);
            int[] b = c > 0xff ? wide : byFirst[c];
            if (b == null) continue;
            for (int t : b) if (s.startsWith(texts[t], i)) return true;
        }
        return false;
    }

    /** The text at {@code index}. */
    public String text(int index) { return texts[index]; }
}
