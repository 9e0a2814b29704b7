package bouncemx.parse;

import bouncemx.event.Event;
import bouncemx.parse.dialect.AutoReplyDialect;
import bouncemx.parse.rfc3464.Rfc3464Dialect;
import bouncemx.testing.Engine;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * An autoresponder that frames its reply as a delivery report ("Action: delivered" for an address of its own, the
 * away text in the first part; Courier's mailbot -M, fixture mta-generated/mailbot-replydsn.eml) is an auto-reply
 * of the replying person; a mail system's own success report, marked Auto-Submitted too, stays a success.
 */
class AutoReplyFramedAsReportTest {

    private static byte[] report(String from, String subject, String action, String status) {
        return ("From: " + from + "\nTo: news@sender.example\nSubject: " + subject + "\n"
                + "Auto-Submitted: auto-replied\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\n"
                + "--b1\nContent-Type: text/plain\n\nI am on leave until 4 January and do not read this mailbox.\n\n"
                + "--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.far.example\n\n"
                + "Final-Recipient: rfc822; robot@far.example\nAction: " + action + "\nStatus: " + status + "\n\n--b1--\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aReplyFramedAsASuccessReportIsTheRepliersAutoReply() {
        byte[] raw = report("Jo Far <jo@far.example>", "Re: December offers", "delivered", "2.0.0");
        assertSame(ParseResult.NOT_MINE, new Rfc3464Dialect().parse(BounceMessage.parse(raw)));
        var d = assertInstanceOf(ParseResult.Decoded.class, new AutoReplyDialect().parse(BounceMessage.parse(raw)));
        assertEquals(Report.Kind.AUTO_REPLY, d.report().kind());
        List<Event> events = Engine.events(raw);
        assertEquals(1, events.size());
        assertEquals("auto_reply", events.get(0).type());
        assertEquals("jo@far.example", events.get(0).recipientAddress());
    }

    @Test
    void aMailSystemsSuccessReportStaysASuccess() {
        for (byte[] raw : List.of(
                report("MAILER-DAEMON@far.example (Mail Delivery System)", "Re: December offers", "delivered", "2.0.0"),
                report("Jo Far <jo@far.example>", "Successful Mail Delivery Report", "delivered", "2.0.0"))) {
            var d = assertInstanceOf(ParseResult.Decoded.class, new Rfc3464Dialect().parse(BounceMessage.parse(raw)));
            assertEquals(Report.Kind.DELIVERY, d.report().kind());
            assertEquals("delivery.success", Engine.events(raw).get(0).type());
        }
    }

    @Test
    void aFailureReportMarkedAutoRepliedStaysABounce() {
        byte[] raw = report("Jo Far <jo@far.example>", "Re: December offers", "failed", "5.1.1");
        assertInstanceOf(ParseResult.Decoded.class, new Rfc3464Dialect().parse(BounceMessage.parse(raw)));
        assertEquals("bounce.hard", Engine.events(raw).get(0).type());
    }
}
