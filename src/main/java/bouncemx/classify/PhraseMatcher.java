package bouncemx.classify;

import bouncemx.parse.PhraseAutomaton;

import java.util.List;

/**
 * Finds, in one pass over a lowercased text, the first row (in table order) that has a phrase contained
 * in the text, and that row's first such phrase: the same answer as trying every phrase with
 * {@code String.contains}, row by row, but without a pass per phrase ({@link PhraseAutomaton}, built once). The few rows with word pairs are then checked
 * directly, up to the phrase match's row. Phrases, pairs and the text are compared with their negative
 * contractions written out and "e-mail" as "email" ({@link PhraseTable#plainSpelling}); a match names the phrase as the table
 * writes it. Immutable after construction; thread-safe.
 */
final class PhraseMatcher {
    private final List<PhraseTable.Row> rows;
    /** Per row, its pairs with contractions written out (the automaton holds its phrases so written). */
    private final List<List<PhraseTable.Pair>> pairs;
    /** Indexes of the rows that have word pairs, in table order (few: pairs are checked one by one). */
    private final int[] pairRows;
    /** Every row's phrases, plainly spelt, one group a row. */
    private final PhraseAutomaton phrases;

    PhraseMatcher(List<PhraseTable.Row> rows) {
        this.rows = List.copyOf(rows);
        this.pairRows = java.util.stream.IntStream.range(0, rows.size()).filter(r -> !rows.get(r).pairs().isEmpty()).toArray();
        this.pairs = rows.stream().map(r -> r.pairs().stream().map(PhraseTable.Pair::plainSpelling).toList()).toList();
        this.phrases = new PhraseAutomaton(rows.stream()
                .map(r -> r.phrases().stream().map(PhraseTable::plainSpelling).toList()).toList());
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
        int found = phrases.first(lowerText);
        if (found < 0) return null;
        PhraseTable.Row row = rows.get(PhraseAutomaton.group(found));
        return new PhraseTable.Match(row.reason(), row.phrases().get(PhraseAutomaton.index(found)), row.vague(),
                PhraseAutomaton.group(found));
    }
}
