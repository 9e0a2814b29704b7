package bouncemx.parse.dialect;

import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GoogleWorkspaceDialect: the lhost-googleworkspace corpus family, its own fixture, and what it must leave alone. */
class GoogleWorkspaceDialectTest {
    private final GoogleWorkspaceDialect dialect = new GoogleWorkspaceDialect();

    @Test
    void decodesEveryRecipientOfGoogleWorkspaceReports() {
        DialectChecks.corpusFamily("lhost-googleworkspace", "googleworkspace", 0.97);
    }

    @Test
    void takesTheResponseTextWhenTheDsnPartIsEmpty() {
        var r = DialectChecks.decode(dialect, "/dialects/googleworkspace/send-mail-as.eml");
        assertEquals(1, r.size());
        assertEquals("team@rcpt-test.example", r.get(0).address());
        assertEquals("Unspecified Error (SENT_SECOND_EHLO): Smtp server does not advertise AUTH capability",
                r.get(0).diagnosticText());
        assertEquals(Reason.REJECTED, r.get(0).reasonHint());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    @Test
    void withoutADsnPartTheRecipientIsTheReturnedOriginalsTo() {
        var r = DialectChecks.decode(new GoogleWorkspaceDialect(), "/dialects/googleworkspace/no-dsn-part.eml");
        assertEquals(1, r.size());
        assertEquals("erin@receiver-test.example", r.get(0).address());
        assertTrue(r.get(0).diagnosticText().startsWith("DNS Error: DNS type 'mx' lookup"), r.get(0).diagnosticText());
    }
}
