package bouncemx.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds, in one pass over a lowercased text, the first row (in table order) that has a phrase contained
 * in the text, and that row's first such phrase: the same answer as trying every phrase with
 * {@code String.contains}, row by row, but without a pass per phrase (an Aho-Corasick automaton, built
 * once as a table over the characters the phrases use). The few rows with word pairs are then checked
 * directly, up to the phrase match's row. Phrases, pairs and the text are compared with their negative
 * contractions written out and "e-mail" as "email" ({@link PhraseTable#plainSpelling}); a match names the phrase as the table
 * writes it. Immutable after construction; thread-safe.
 */
final class PhraseMatcher {
    private static final int NONE = Integer.MAX_VALUE;

    private final List<PhraseTable.Row> rows;
    /** Per row, its pairs with contractions written out (the automaton holds its phrases so written). */
    private final List<List<PhraseTable.Pair>> pairs;
    /** Indexes of the rows that have word pairs, in table order (few: pairs are checked one by one). */
    private final int[] pairRows;
    private final int[] charClass = new int[65536];
    private final int classes;
    private final int[] next;      // state * classes + class -> state (complete, failure links folded in)
    private final int[] best;      // per state: the best (row << 12 | phrase) ending here or at any suffix

    PhraseMatcher(List<PhraseTable.Row> rows) {
        this.rows = List.copyOf(rows);
        this.pairRows = java.util.stream.IntStream.range(0, rows.size()).filter(r -> !rows.get(r).pairs().isEmpty()).toArray();
        this.pairs = rows.stream().map(r -> r.pairs().stream().map(PhraseTable.Pair::plainSpelling).toList()).toList();
        // character classes: 0 for characters no phrase uses, 1.. for each used character
        int c = 1;
        for (PhraseTable.Row r : rows) {
            for (String written : r.phrases()) {
                String p = PhraseTable.plainSpelling(written);
                for (int i = 0; i < p.length(); i++) if (charClass[p.charAt(i)] == 0) charClass[p.charAt(i)] = c++;
            }
        }
        classes = c;
        // trie
        List<int[]> go = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        go.add(new int[classes]);
        out.add(NONE);
        for (int ri = 0; ri < rows.size(); ri++) {
            List<String> phrases = rows.get(ri).phrases();
            if (phrases.size() >= 4096) throw new IllegalArgumentException("too many phrases in one row");
            for (int pi = 0; pi < phrases.size(); pi++) {
                String p = PhraseTable.plainSpelling(phrases.get(pi));
                int s = 0;
                for (int i = 0; i < p.length(); i++) {
                    int k = charClass[p.charAt(i)];
                    if (go.get(s)[k] == 0) {
                        go.add(new int[classes]);
                        out.add(NONE);
                        go.get(s)[k] = go.size() - 1;
                    }
                    s = go.get(s)[k];
                }
                out.set(s, Math.min(out.get(s), ri << 12 | pi));
            }
        }
        int n = go.size();
        next = new int[n * classes];
        best = new int[n];
        int[] fail = new int[n];
        for (int i = 0; i < n; i++) best[i] = out.get(i);
        // breadth-first: complete the transition table and fold outputs along failure links
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int k = 0; k < classes; k++) {
            int t = go.get(0)[k];
            next[k] = t;
            if (t != 0) {
                fail[t] = 0;
                queue.add(t);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            best[s] = Math.min(best[s], best[fail[s]]);
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

    /**
     * The first matching row's match, or null: the phrase automaton's, unless a row before it (or that
     * row, which tries phrases first) matches by a word pair.
     */
    PhraseTable.Match match(String lowerText) {
        String text = PhraseTable.plainSpelling(lowerText);
        PhraseTable.Match byPhrase = matchPhrases(text);
        int limit = byPhrase == null ? rows.size() : byPhrase.row();
        for (int r : pairRows) {
            if (r >= limit) break;
            PhraseTable.Row row = rows.get(r);
            List<PhraseTable.Pair> written = row.pairs();
            for (int i = 0; i < written.size(); i++) {
                if (pairs.get(r).get(i).in(text)) return new PhraseTable.Match(row.reason(), written.get(i).toString(), row.vague(), r);
            }
        }
        return byPhrase;
    }

    private PhraseTable.Match matchPhrases(String lowerText) {
        int s = 0;
        int found = NONE;
        for (int i = 0, n = lowerText.length(); i < n; i++) {
            s = next[s * classes + charClass[lowerText.charAt(i)]];
            int b = best[s];
            if (b < found) found = b;
        }
        if (found == NONE) return null;
        PhraseTable.Row row = rows.get(found >>> 12);
        return new PhraseTable.Match(row.reason(), row.phrases().get(found & 0xfff), row.vague(), found >>> 12);
    }
}
