package bouncemx.classify;

import bouncemx.parse.PhraseAutomatonTest;
import org.junit.jupiter.api.Test;

import java.util.List;

/** The automaton over the real tables (the phrase table's rows, the providers' marks) answers as contains does. */
class PhraseTableAutomatonTest {

    @Test
    void theTablesNeedlesGiveTheContainsAnswer() {
        List<List<String>> rows = PhraseTable.ROWS.stream()
                .map(r -> r.phrases().stream().map(PhraseTable::plainSpelling).toList()).toList();
        PhraseAutomatonTest.assertSameAsScanning(rows, 42, 5_000, 8);
        PhraseAutomatonTest.assertSameAsScanning(rows, 43, 5_000, 40);            // long texts: read as two halves
        List<List<String>> marks = bouncemx.classify.rhost.Providers.ALL.stream()
                .map(bouncemx.classify.rhost.RemoteHostRules.RuleSet::marks).toList();
        PhraseAutomatonTest.assertSameAsScanning(marks, 7, 5_000, 12);
    }
}
