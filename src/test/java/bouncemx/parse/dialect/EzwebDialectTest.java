package bouncemx.parse.dialect;

import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** EzwebDialect: its corpus family (lhost-ezweb-*), a fixture in its format, and messages that are not its own. */
class EzwebDialectTest {
    private final EzwebDialect dialect = new EzwebDialect();

    @Test
    void decodesEveryRecipientOfEzwebReports() {
        DialectChecks.corpusFamily("lhost-ezweb-", "ezweb", 0.97);
    }

    @Test
    void readsEachRejectedRecipientWithItsCommandAndReply() {
        var rs = DialectChecks.decode(dialect, "/dialects/ezweb/rejected.eml");
        assertEquals(2, rs.size());
        assertEquals("bob@receiver-test.example", rs.get(0).address());
        assertEquals("RCPT", rs.get(0).command());
        assertEquals("550 5.1.1 <bob@receiver-test.example>: User unknown", rs.get(0).diagnosticText());
        assertEquals("5.1.1", rs.get(0).status());
        assertEquals("carol@receiver-test.example", rs.get(1).address());
        assertEquals("552", rs.get(1).replyCode());
        assertNull(rs.get(0).reasonHint());
    }

    @Test
    void readsTheDisabledAccountTemplateAsSuspend() {
        var r = DialectChecks.decode(dialect, "/dialects/ezweb/disabled.eml").get(0);
        assertEquals("dave@phone-test.example", r.address());
        assertEquals(Reason.SUSPEND, r.reasonHint());
        assertEquals("The user(s) account is disabled.", r.diagnosticText());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    @Test
    void aWrappedReplyLineIsNotAnotherRecipientAndAMultiLineReplyIsOneText() {
        String raw = "From: Postmaster@ezweb.ne.jp\nSubject: Mail System Error - Returned Mail\n\n"
                + "Each of the following recipients was rejected by a remote mail server.\n"
                + "    Recipient: <quin@receiver-test.example>\n    >>> RCPT TO:<quin@receiver-test.example>\n"
                + "    <<< 550-5.1.1 <quin@receiver-test.example>: Recipient address\n"
                + "    <<< 550 5.1.1 rejected: User unknown\n"
                + "    <quin@receiver-test.example>: see above\n";
        var r = DialectChecks.decodeText(new EzwebDialect(), raw);
        assertEquals(1, r.size());
        assertEquals("quin@receiver-test.example", r.get(0).address());
        assertEquals("RCPT", r.get(0).command());
        assertEquals("550 5.1.1 <quin@receiver-test.example>: Recipient address rejected: User unknown", r.get(0).diagnosticText());
    }
}
