package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GmailDialect: the lhost-gmail corpus family, its own fixture, and what it must leave alone. */
class GmailDialectTest {
    private final GmailDialect dialect = new GmailDialect();

    @Test
    void decodesEveryRecipientOfGmailReports() {
        DialectChecks.corpusFamily("lhost-gmail", "gmail", 0.97);
    }

    @Test
    void readsEveryRecipientAndTheServerReplyOfItsFixture() {
        var r = DialectChecks.decode(dialect, "/dialects/gmail/two-recipients.eml");
        assertEquals(2, r.size());
        assertEquals("alice@rcpt-test.example", r.get(0).address());
        assertEquals("bob@rcpt-test.example", r.get(1).address());
        assertEquals("5.1.1", r.get(0).status());
        assertEquals("550", r.get(0).replyCode());
        assertEquals("mx.rcpt-test.example", r.get(0).remoteMta());
        assertEquals("550 5.1.1 <alice@rcpt-test.example>... User Unknown", r.get(0).diagnosticText());
        assertEquals("failed", r.get(0).action());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    @Test
    void readsTheHyphenWrappedServerLineAndTheStateThatNamesRcpt() {
        String raw = "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nSubject: Delivery Status Notification (Failure)\n\n"
                + "Delivery to the following recipient failed permanently:\n\n     val@receiver-test.example\n\n"
                + "Technical details of permanent failure:\nGoogle tried to deliver your message, but it was rejected by the server\n"
                + "for the recipient domain receiver-test.example by mx.receiver-test.example. [192.0.2.4].\n\n"
                + "The error that the other server re-\nturned was: 550 550 5.1.1 <val@receiver-test.example>: User unknown (state 14).\n\n"
                + "----- Original message -----\n";
        var r = DialectChecks.decodeText(new GmailDialect(), raw).get(0);
        assertEquals("550 5.1.1 <val@receiver-test.example>: User unknown", r.diagnosticText());
        assertEquals("RCPT", r.command());
        assertEquals("550", r.replyCode());
    }

    /**
     * Gmail's notice whose From a relay or an archive rewrote to another mail system's address is still its (by
     * "Technical details of permanent failure:"); from a person, not.
     */
    @Test
    void readsItsNoticeUnderAnotherMailSystemsAddress() {
        String path = "dialects/gmail/two-recipients.eml";
        var original = DialectChecks.decode(dialect, path);
        var r = dialect.parse(DialectChecks.rewritten(path, "Delivery Status Notification (Failure)",
                "Mail Delivery Subsystem <MAILER-DAEMON@relay.example>"));
        org.junit.jupiter.api.Assertions.assertEquals(original,
                org.junit.jupiter.api.Assertions.assertInstanceOf(bouncemx.parse.ParseResult.Decoded.class, r).report().recipients());
        org.junit.jupiter.api.Assertions.assertInstanceOf(bouncemx.parse.ParseResult.NotMine.class, dialect.parse(
                DialectChecks.rewritten(path, "Delivery Status Notification (Failure)", "Ann Lee <ann@people.example>")));
    }
}
