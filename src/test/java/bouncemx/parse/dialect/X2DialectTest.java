package bouncemx.parse.dialect;

import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** X2Dialect: its corpus family (lhost-x2-*), a fixture in its format, and messages that are not its own. */
class X2DialectTest {
    private final X2Dialect dialect = new X2Dialect();

    @Test
    void decodesEveryRecipientOfX2Reports() {
        DialectChecks.corpusFamily("lhost-x2-", "x2", 0.97);
    }

    @Test
    void readsTheQmailStyleAddressBlocks() {
        var rs = DialectChecks.decode(dialect, "/dialects/x2/yahoo.eml");
        assertEquals(2, rs.size());
        assertEquals("bob@provider-test.example", rs.get(0).address());
        assertEquals("This user doesn't have a provider-test.example account (bob@provider-test.example) [0]",
                rs.get(0).diagnosticText());
        assertEquals("carol@slow-test.example", rs.get(1).address());
        assertEquals(Reason.EXPIRED, rs.get(1).reasonHint());
        assertEquals("unable to connect to remote server [192.0.2.40:25]: Operation timed out", rs.get(1).diagnosticText());
    }

    @Test
    void readsTheDeliveryFailureNoticeTemplate() {
        var r = DialectChecks.decode(dialect, "/dialects/x2/notice.eml").get(0);
        assertEquals("bob@receiver-test.example", r.address());
        assertEquals("554 5.4.14 Hop count exceeded - possible mail loop", r.diagnosticText());
        assertEquals("5.4.14", r.status());
        assertEquals("554", r.replyCode());
        assertEquals("DATA", r.command());
        assertEquals("192.0.2.50", r.remoteMta());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    @Test
    void theNoticesReplyContinuesOnItsIndentedLines() {
        String raw = "From: MAILER-DAEMON@x2-test.example\nSubject: NOTICE: Delivery Failure.\n\n"
                + "This Delivery Status Notification is sent from MTA x2-test.example.\n\n"
                + "Delivery failed: rex@receiver-test.example\n"
                + "Remote host said[Response Message]: 550 5.1.1 <rex@receiver-test.example>:\n"
                + "    Recipient address rejected: User unknown in local recipient table\n"
                + "STEP: RCPT TO\n";
        var r = DialectChecks.decodeText(new X2Dialect(), raw).get(0);
        assertEquals("550 5.1.1 <rex@receiver-test.example>: Recipient address rejected: User unknown in local recipient table",
                r.diagnosticText());
        assertEquals("RCPT", r.command());
    }
}
