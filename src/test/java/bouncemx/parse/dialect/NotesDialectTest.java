package bouncemx.parse.dialect;

import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NotesDialectTest {
    private final NotesDialect dialect = new NotesDialect();

    @Test
    void decodesEveryRecipientOfNotesReportsInTheCorpus() {
        DialectChecks.corpusFamily("lhost-notes", "notes", 0.97);
    }

    @Test
    void readsItsOwnFixture() {
        var r = DialectChecks.decode(dialect, "/dialects/notes/not-listed.eml");
        assertEquals(1, r.size());
        assertEquals("bob@notes-test.example", r.get(0).address());
        assertEquals("User not listed in public Name & Address Book", r.get(0).diagnosticText());
        assertEquals(Reason.USER_UNKNOWN, r.get(0).reasonHint());
    }

    @Test
    void leavesOtherMessagesAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
