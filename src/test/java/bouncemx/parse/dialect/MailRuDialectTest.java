package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MailRuDialect: the lhost-mailru corpus family, its own fixture, and what it must leave alone. */
class MailRuDialectTest {
    private final MailRuDialect dialect = new MailRuDialect();

    @Test
    void decodesEveryRecipientOfMailRuReports() {
        DialectChecks.corpusFamily("lhost-mailru", "mailru", 0.97);
    }

    @Test
    void readsEximBlocksWithCommandAndHost() {
        var r = DialectChecks.decode(dialect, "/dialects/mailru/rcpt-refused.eml");
        assertEquals(2, r.size());
        assertEquals("alice@rcpt-test.example", r.get(0).address());
        assertEquals("RCPT", r.get(0).command());
        assertEquals("mx.rcpt-test.example", r.get(0).remoteMta());
        assertEquals("550 5.1.1 <alice@rcpt-test.example>... User Unknown", r.get(0).diagnosticText());
        assertEquals("5.1.1", r.get(0).status());
        assertEquals("550", r.get(0).replyCode());
        assertEquals("bob@nowhere-test.example", r.get(1).address());
        assertEquals("Unrouteable address", r.get(1).diagnosticText());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    @Test
    void readsEximsDelayWarningAsDelayedRecipients() {
        String raw = "From: Mail Delivery System <mailer-daemon@corp.mail.ru>\nSubject: Warning: message 1tAbc-0001 delayed 24 hours\n\n"
                + "This message was created automatically by mail delivery software.\n"
                + "A message that you sent has not yet been delivered to one or more of its\nrecipients after more than 24 hours on the queue on fallback.mail.ru.\n\n"
                + "The address to which the message has not yet been delivered is:\n\n  ned@receiver-test.example\n"
                + "    Delay reason: SMTP error from remote mail server after RCPT TO:<ned@receiver-test.example>:\n"
                + "    host mx.receiver-test.example [192.0.2.8]: 451 4.7.1 Greylisted, try again later\n\n"
                + "No action is required on your part. Delivery attempts will continue for\nsome time.\n";
        var r = DialectChecks.decodeText(new MailRuDialect(), raw);
        assertEquals(1, r.size());
        assertEquals("ned@receiver-test.example", r.get(0).address());
        assertEquals("delayed", r.get(0).action());
        assertEquals("451 4.7.1 Greylisted, try again later", r.get(0).diagnosticText());
        assertEquals("RCPT", r.get(0).command());
    }
}
