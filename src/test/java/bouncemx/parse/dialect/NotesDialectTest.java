package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.ParseResult;
import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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

    /** Its "Failure Reasons" section under another Subject: claimed when a mail system sent it, not when a person did. */
    @Test
    void readsItsSectionsUnderAnotherSubjectFromAMailSystem() {
        String body = """
                Subject: Delivery Notification

                ------- Failure Reasons  --------
                User not listed in public Name & Address Book
                bob@notes-test.example
                ------- Returned Message --------
                From: alice@sender-test.example
                To: bob@notes-test.example
                """;
        var r = DialectChecks.decodeText(dialect, "From: POSTMASTER@notes-test.example\n" + body);
        assertEquals("bob@notes-test.example", r.get(0).address());
        assertEquals(ParseResult.NOT_MINE, dialect.parse(BounceMessage.parse(("From: bob@notes-test.example\n" + body)
                .getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void leavesOtherMessagesAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    /** Its template under a Subject of a site's or gateway's own, from a mail system (not from a person). */
    @Test
    void readsItsTemplateUnderAnotherSubjectFromAMailSystem() {
        DialectChecks.readsItsTextUnderAnySubject(dialect, "/dialects/notes/not-listed.eml", true);
    }
}
