package bouncemx.parse.rfc3464;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.testing.Samples;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class Rfc3464DialectTest {
    private final Rfc3464Dialect dialect = new Rfc3464Dialect();

    private Report decode(byte[] raw) {
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(BounceMessage.parse(raw)));
        assertEquals("rfc3464", d.dialect());
        return d.report();
    }

    @Test
    void readsEveryPerMessageAndPerRecipientField() {
        Report r = decode(Samples.sample("dsn-userunknown.eml"));
        assertEquals("mta.sender-test.example", r.reportingMta());
        assertEquals("Mon, 23 Nov 2026 09:59:58 +0000 (UTC)", r.arrivalDate());
        RecipientStatus s = r.recipients().get(0);
        assertEquals("alice@customer-test.example", s.address());
        assertEquals("dsn", s.addressSource());
        assertEquals("alice@customer-test.example", s.originalRecipient());
        assertEquals("failed", s.action());
        assertEquals("5.1.1", s.status());
        assertEquals("550", s.replyCode());
        assertEquals("smtp", s.diagnosticType());
        assertEquals("550 5.1.1 <alice@customer-test.example>: Recipient address rejected: User unknown in virtual mailbox table",
                s.diagnosticText());
        assertEquals("mx.customer-test.example", s.remoteMta());
    }

    @Test
    void keepsSeveralRecipientsInOrderWithTheirOwnFields() {
        Report r = decode(Samples.sample("dsn-two-recipients-delayed.eml"));
        assertEquals(2, r.recipients().size());
        assertEquals("env-42", r.originalEnvelopeId());
        RecipientStatus bob = r.recipients().get(0);
        RecipientStatus carol = r.recipients().get(1);
        assertEquals("bob@full-test.example", bob.address());
        assertEquals("Thu, 26 Nov 2026 11:00:00 +0000", bob.willRetryUntil());
        assertEquals("452", bob.replyCode());
        assertEquals("carol@slow-test.example", carol.address());
        assertEquals("4.4.1", carol.status());
        assertEquals("delayed", carol.action());
    }

    @Test
    void readsTheInternationalisedGlobalDeliveryStatus() {
        RecipientStatus s = decode(Samples.sample("dsn-global-utf8.eml")).recipients().get(0);
        assertEquals("jörg@exempel-test.example", s.address());
        assertEquals("jörg@exempel-test.example", s.originalRecipient()); // \x{00F6} unescaped
        assertEquals("5.2.1", s.status());
    }

    @Test
    void readsDsnFieldsPastedIntoTheTextOfABrokenReport() {
        String msg = """
                From: MAILER-DAEMON@old-test.example
                Subject: Returned mail: see transcript
                Content-Type: multipart/report; report-type=delivery-status; boundary="never-used"

                   ----- The following addresses had permanent fatal errors -----
                <henry@customer-test.example>

                Reporting-MTA: dns; old-test.example

                Final-Recipient: RFC822; <henry@customer-test.example>
                Action: failed
                Status: 5.1.1
                """;
        RecipientStatus s = decode(msg.getBytes(StandardCharsets.US_ASCII)).recipients().get(0);
        assertEquals("henry@customer-test.example", s.address());
        assertEquals("5.1.1", s.status());
    }

    @Test
    void fillsAnEmptyDiagnosticFromTheParagraphNamingTheRecipient() {
        String msg = """
                Content-Type: multipart/report; report-type=delivery-status; boundary=x

                --x
                Content-Type: text/plain

                Delivery failed.

                <ivy@customer-test.example>: mailbox is full

                --x
                Content-Type: message/delivery-status

                Final-Recipient: rfc822; ivy@customer-test.example
                Action: failed
                Status: 5.2.2
                --x--
                """;
        RecipientStatus s = decode(msg.getBytes(StandardCharsets.US_ASCII)).recipients().get(0);
        assertEquals("<ivy@customer-test.example>: mailbox is full", s.diagnosticText());
    }

    @Test
    void leavesMessagesWithoutDeliveryStatusAlone() {
        assertSame(ParseResult.NOT_MINE, dialect.parse(BounceMessage.parse(Samples.sample("not-a-bounce.eml"))));
        assertSame(ParseResult.NOT_MINE, dialect.parse(BounceMessage.parse(Samples.sample("auto-reply.eml"))));
        assertSame(ParseResult.NOT_MINE, dialect.parse(BounceMessage.parse(Samples.sample("arf-abuse.eml"))));
    }

    @Test
    void aDeliveryStatusWithoutRecipientsIsUndecodable() {
        String msg = "Content-Type: multipart/report; boundary=x\n\n--x\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; a.example\n--x--\n";
        assertInstanceOf(ParseResult.Undecodable.class, dialect.parse(BounceMessage.parse(msg.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void recipientsWhoseFieldsAreNotSeparatedByABlankLineAreEachKept() {
        byte[] raw = ("From: MAILER-DAEMON@mx-test.example\n"
                + "Subject: Delivery Status Notification\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\nFailed.\n\n"
                + "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx-test.example\n\n"
                + "Final-Recipient: rfc822; a5@receiver-test.example\nAction: failed\nStatus: 5.1.1\n"
                + "Final-Recipient: rfc822; a6@receiver-test.example\nAction: failed\nStatus: 5.2.2\n\n--B--\n")
                .getBytes(StandardCharsets.US_ASCII);
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(BounceMessage.parse(raw)));
        var rs = d.report().recipients();
        assertEquals(2, rs.size());
        assertEquals("a6@receiver-test.example", rs.get(1).address());
        assertEquals("5.2.2", rs.get(1).status());
        assertEquals("5.1.1", rs.get(0).status());
    }
}
