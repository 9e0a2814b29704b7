package bouncemx.parse.dialect;

import bouncemx.parse.RecipientStatus;
import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class QmailDialectTest {
    private final QmailDialect dialect = new QmailDialect();

    /** Every labelled lhost-qmail row: decoded by this dialect, the recipient and the status as labelled. */
    @Test
    void decodesEveryRecipientOfQmailReports() {
        DialectChecks.corpusFamily("lhost-qmail", "qmail", 0.97); // every row passes today
    }

    @Test
    void readsEachParagraphWithItsCommandHostAndRemoteReply() {
        var r = decode("three-recipients.eml");
        assertEquals(3, r.size());

        assertEquals("bob@rcpt-test.example", r.get(0).address());
        assertEquals("RCPT", r.get(0).command());
        assertEquals("192.0.2.30", r.get(0).remoteMta());
        assertEquals("550", r.get(0).replyCode());
        assertEquals("5.1.1", r.get(0).status());
        assertEquals("550 5.1.1 The email account that you tried to reach does not exist. Please check the address and try again",
                r.get(0).diagnosticText());

        assertEquals("carol@strict-test.example", r.get(1).address());
        assertEquals("MAIL", r.get(1).command());
        assertEquals("553 5.7.1 <alice@sender-test.example>: Sender address rejected: not owned by user", r.get(1).diagnosticText());
        assertNull(r.get(1).reasonHint());   // the remote server said why: the classifier decides

        assertEquals("dave@mail.sender-test.example", r.get(2).address());
        assertEquals("Sorry, no mailbox here by that name. (#5.1.1)", r.get(2).diagnosticText());
        assertEquals("5.1.1", r.get(2).status());
        assertEquals("", r.get(2).replyCode());
        for (RecipientStatus s : r) assertEquals("failed", s.action());
    }

    @Test
    void givesExpiredOnlyWhenTheQueueLifetimeNoticeIsAllThereIs() {
        var r = decode("queue-lifetime.eml");
        assertEquals(2, r.size());
        assertEquals("Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)", r.get(0).diagnosticText());
        assertEquals(Reason.NETWORK_ERROR, r.get(0).reasonHint());
        assertEquals("frank@slow-test.example", r.get(1).address());
        assertEquals("", r.get(1).diagnosticText());
        assertEquals(Reason.EXPIRED, r.get(1).reasonHint());
    }

    @Test
    void readsTheSameReportWithCrlfAndCrLineEnds() {
        DialectChecks.sameOnEveryLineEnding(dialect, "/dialects/qmail/three-recipients.eml");
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.leavesAlone(dialect, "/samples/not-a-bounce.eml", "/samples/dsn-userunknown.eml",
                "/dialects/exim/three-recipients.eml");
    }

    private List<RecipientStatus> decode(String fixture) {
        return DialectChecks.decode(dialect, "/dialects/qmail/" + fixture);
    }

    @Test
    void anAddressLineMayCarryItsTextAndTheMailHeaderCopyEndsTheReport() {
        String raw = "From: MAILER-DAEMON@qmail-test.example\nSubject: failure notice\n\n"
                + "Hi. This is the qmail-send program at qmail-test.example.\n"
                + "I'm afraid I wasn't able to deliver your message to the following addresses.\n\n"
                + "<uma@receiver-test.example>: Sorry, no mailbox here by that name. (#5.1.1)\n\n"
                + "--- Below this line is a copy of the mail header.\n\nReturn-Path: <news@sender-test.example>\nTo: uma@receiver-test.example\n";
        var r = DialectChecks.decodeText(new QmailDialect(), raw);
        assertEquals(1, r.size());
        assertEquals("uma@receiver-test.example", r.get(0).address());
        assertEquals("Sorry, no mailbox here by that name. (#5.1.1)", r.get(0).diagnosticText());
    }
}
