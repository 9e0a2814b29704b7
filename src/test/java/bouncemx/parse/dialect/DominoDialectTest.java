package bouncemx.parse.dialect;

import bouncemx.reason.Reason;
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
        assertEquals(Reason.USER_UNKNOWN, r.get(0).reasonHint());
    }

    @Test
    void leavesOtherMessagesAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    @Test
    void readsTheUnderscoreSubjectAndTheSpanishDirectorySentence() {
        String raw = "From: Postmaster@notes.example\nSubject: DELIVERY_FAILURE: Weekly\nContent-Type: text/plain; charset=utf-8\n\n"
                + "Your message\n\n  Subject: Weekly\n\nwas not delivered to:\n\n  ana@notes.example\n\nbecause:\n\n"
                + "  El usuario ana (ana@notes.example) no se encuentra en el Directorio de Domino\n";
        var r = DialectChecks.decodeText(new DominoDialect(), raw).get(0);
        assertEquals("ana@notes.example", r.address());
        assertEquals(Reason.USER_UNKNOWN, r.reasonHint());
    }

    /** Its template under a Subject of a site's or gateway's own, from a mail system (not from a person). */
    @Test
    void readsItsTemplateUnderAnotherSubjectFromAMailSystem() {
        DialectChecks.readsItsTextUnderAnySubject(dialect, "/dialects/domino/not-listed.eml", true);
    }
}
