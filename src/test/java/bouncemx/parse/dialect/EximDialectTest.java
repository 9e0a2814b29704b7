package bouncemx.parse.dialect;

import bouncemx.parse.RecipientStatus;
import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EximDialectTest {
    private final EximDialect dialect = new EximDialect();

    /** Every labelled lhost-exim row: decoded by this dialect, the recipient and the status as labelled. */
    @Test
    void decodesEveryRecipientOfEximReports() {
        DialectChecks.corpusFamily("lhost-exim", "exim", 0.97); // every row passes today
    }

    @Test
    void readsEachAddressWithItsCommandHostAndReply() {
        var r = decode("three-recipients.eml");
        assertEquals(3, r.size());

        assertEquals("bob@rcpt-test.example", r.get(0).address());
        assertEquals("RCPT", r.get(0).command());
        assertEquals("mx1.rcpt-test.example", r.get(0).remoteMta());
        assertEquals("550", r.get(0).replyCode());
        assertEquals("5.1.1", r.get(0).status());
        assertEquals("550 5.1.1 <bob@rcpt-test.example>: Recipient address rejected: User unknown", r.get(0).diagnosticText());
        assertNull(r.get(0).reasonHint());

        assertEquals("carol@rcpt-test.example", r.get(1).address());   // not the alias it was generated from
        assertEquals("MAIL", r.get(1).command());
        assertEquals("mx2.rcpt-test.example", r.get(1).remoteMta());
        assertEquals("554 5.7.1 Your sending host is not welcome here. See the policy page of this site for details",
                r.get(1).diagnosticText());

        assertEquals("dave@nodomain-test.example", r.get(2).address());
        assertEquals("Unrouteable address", r.get(2).diagnosticText());
        assertEquals(Reason.HOST_UNKNOWN, r.get(2).reasonHint());         // Exim's own router text, no remote reply
        assertEquals("", r.get(2).replyCode());
        for (RecipientStatus s : r) assertEquals("failed", s.action());
    }

    @Test
    void readsADelayWarningAsDelayed() {
        var r = decode("delay-warning.eml");
        assertEquals(2, r.size());
        assertEquals("erin@slow-test.example", r.get(0).address());
        assertEquals("delayed", r.get(0).action());
        assertEquals("RCPT", r.get(0).command());
        assertEquals("mx.slow-test.example", r.get(0).remoteMta());
        assertEquals("451 4.2.0 Mailbox temporarily locked, try later", r.get(0).diagnosticText());
        assertEquals("4.2.0", r.get(0).status());
        assertNull(r.get(0).reasonHint());

        assertEquals("grace@slow-test.example", r.get(1).address());
        assertEquals("delayed", r.get(1).action());
        assertEquals("DATA", r.get(1).command());
        assertEquals("mx.slow-test.example", r.get(1).remoteMta());
        assertEquals("Remote host closed connection in response to end of data", r.get(1).diagnosticText());
    }

    @Test
    void takesTheParentOfAFailedPipeAndTheStatusOfItsDeliveryStatusPart() {
        var r = decode("pipe-with-dsn.eml");
        assertEquals(1, r.size());
        assertEquals("frank@host.sender-test.example", r.get(0).address());
        assertEquals("5.0.0", r.get(0).status());
        assertEquals("ticket-import: cannot open queue \"support\": permission denied", r.get(0).diagnosticText());
        assertEquals(Reason.MAILER_ERROR, r.get(0).reasonHint());
        assertEquals("host.sender-test.example", r.get(0).reportingMta());
    }

    @Test
    void readsTheSameReportWithCrlfAndCrLineEnds() {
        DialectChecks.sameOnEveryLineEnding(dialect, "/dialects/exim/three-recipients.eml");
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.leavesAlone(dialect, "/samples/not-a-bounce.eml", "/samples/dsn-userunknown.eml",
                "/dialects/qmail/three-recipients.eml");
    }

    private List<RecipientStatus> decode(String fixture) {
        return DialectChecks.decode(dialect, "/dialects/exim/" + fixture);
    }


    @Test
    void aGreylistReplyThatRanOutOfRetriesIsExpiredAndDsnParametersAfterRcptToAreSkipped() {
        String raw = "From: Mail Delivery System <Mailer-Daemon@mx-test.example>\nSubject: Mail delivery failed: returning message to sender\n\n"
                + "This message was created automatically by mail delivery software.\n\n"
                + "A message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n"
                + "  tom@receiver-test.example\n"
                + "    SMTP error from remote mail server after RCPT TO:<tom@receiver-test.example> NOTIFY=FAILURE ORCPT=rfc822;tom@receiver-test.example:\n"
                + "    host mx.receiver-test.example [192.0.2.9]: 451 4.7.1 Greylisted: retry timeout exceeded\n";
        var r = DialectChecks.decodeText(new EximDialect(), raw).get(0);
        assertEquals("RCPT", r.command());
        assertEquals("mx.receiver-test.example", r.remoteMta());
        assertEquals("451", r.replyCode());
        assertEquals(Reason.EXPIRED, r.reasonHint());
    }
}
