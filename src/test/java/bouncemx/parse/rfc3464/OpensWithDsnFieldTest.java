package bouncemx.parse.rfc3464;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What makes an unlabelled text (text/plain, application/octet-stream) a delivery-status part by its content. */
class OpensWithDsnFieldTest {

    @Test
    void aPerMessageFieldFirstIsEnough() {
        assertTrue(DeliveryStatus.opensWithDsnField("Reporting-MTA: dns; gw.test\n\nFinal-Recipient: rfc822; a@b.test\n"));
        assertTrue(DeliveryStatus.opensWithDsnField("\nreporting-mta : dns; gw.test\n"));
    }

    /** RFC 3464 2.1 extension fields may open the per-message block (SendGrid's "X-SendGrid-QueueID:"). */
    @Test
    void anExtensionFieldFirstCountsWhenARecipientFieldFollows() {
        assertTrue(DeliveryStatus.opensWithDsnField("X-Vendor-QueueID: 77120\nArrival-Date: today\n\n"
                + "Final-Recipient: rfc822; a@b.test\nAction: failed\nStatus: 5.0.0\n"));
        assertFalse(DeliveryStatus.opensWithDsnField("X-Vendor-QueueID: 77120\nSome text about the order.\n"));
    }

    @Test
    void aPerRecipientFieldFirstCountsWhenARecipientFieldFollows() {
        assertTrue(DeliveryStatus.opensWithDsnField("Action: failed\nFinal-Recipient: rfc822; a@b.test\n"));
        assertFalse(DeliveryStatus.opensWithDsnField("Status: shipped\nYour order is on its way.\n"));
    }

    @Test
    void otherFieldsOrProseAreNot() {
        assertFalse(DeliveryStatus.opensWithDsnField("Subject: hello\nFinal-Recipient: rfc822; a@b.test\n"));
        assertFalse(DeliveryStatus.opensWithDsnField("Dear customer, Final-Recipient: rfc822; a@b.test\n"));
    }
}
