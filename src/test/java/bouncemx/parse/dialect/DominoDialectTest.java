package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DominoDialectTest {
    private final DominoDialect dialect = new DominoDialect();

    @Test
    void decodesEveryRecipientOfDominoReportsInTheCorpus() {
        DialectChecks.corpusFamily("lhost-domino", "domino", 0.97);
    }

    @Test
    void readsItsOwnFixture() {
        var r = DialectChecks.decode(dialect, "/dialects/domino/not-listed.eml");
        assertEquals(1, r.size());
        assertEquals("bob@domino-test.example", r.get(0).address());
        assertEquals("User Bob (bob@domino-test.example) not listed in Domino Directory", r.get(0).diagnosticText());
        assertEquals("userunknown", r.get(0).reasonHint());
    }

    @Test
    void leavesOtherMessagesAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
