package bouncemx.parse.rfc3464;

import bouncemx.parse.Limits;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one DSN field reader (DeliveryStatus.recipientFields and typed) as dialects use it. */
class DsnFieldReaderTest {

    private static java.util.List<DeliveryStatus.Fields> read(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return DeliveryStatus.recipientFields(b, 0, b.length, Limits.DEFAULT);
    }

    @Test
    void givesEachRecipientsFieldsInOrderAndSkipsThePerMessageBlock() {
        var groups = read("Reporting-MTA: dns; mx.sender.test\n\n"
                + "Final-Recipient: rfc822; a@dest.test\nAction: failed\nStatus: 5.1.1\n\n"
                + "Final-Recipient: rfc822; b@dest.test\nAction: delayed\nStatus: 4.2.2\n");
        assertEquals(2, groups.size());
        assertEquals("rfc822; a@dest.test", groups.get(0).get("final-recipient"));
        assertEquals("delayed", groups.get(1).get("action"));
    }

    @Test
    void cutsABlockAtEachFinalRecipientWhenNoBlankLineSeparatesThem() {
        var groups = read("Final-Recipient: rfc822; a@dest.test\nStatus: 5.1.1\n"
                + "Final-Recipient: rfc822; b@dest.test\nStatus: 5.2.2\n");
        assertEquals(2, groups.size());
        assertEquals("5.2.2", groups.get(1).get("status"));
    }

    /** A line of blanks only separates blocks as an empty one does: a padded DSN keeps its recipients apart. */
    @Test
    void aLineOfBlanksOnlySeparatesTwoRecipientsBlocks() {
        var groups = read("Original-Recipient: <a@dest.test>  \nAction: failed  \nDiagnostic-Code: smtp; 552 full  \n  \n"
                + "Original-Recipient: <b@dest.test>  \r\nAction: failed\r\nDiagnostic-Code: smtp; 550 unknown\r\n\t\r\n");
        assertEquals(2, groups.size());
        assertEquals("<b@dest.test>", groups.get(1).get("original-recipient"));
        assertEquals("smtp; 552 full", groups.get(0).get("diagnostic-code"));
    }

    @Test
    void foldsAMultiLineReplyWrittenAtColumnZeroIntoItsField() {
        var groups = read("Final-Recipient: rfc822; a@dest.test\nDiagnostic-Code: smtp; 550-5.1.1 first\n"
                + "550 5.1.1 second\nStatus: 5.1.1\n");
        assertEquals(1, groups.size());
        String diag = DeliveryStatus.typed(groups.get(0).get("diagnostic-code")).value();
        assertTrue(diag.startsWith("550-5.1.1 first") && diag.endsWith("550 5.1.1 second"), diag);
        assertEquals("5.1.1", groups.get(0).get("status"));
    }

    @Test
    void aTypeIsOneWordBeforeTheSemicolonWrittenTightOrLoose() {
        assertEquals(new DeliveryStatus.Typed("smtp", "550 no such user"), DeliveryStatus.typed("smtp; 550 no such user"));
        assertEquals(new DeliveryStatus.Typed("smtp", "550 no"), DeliveryStatus.typed("SMTP ; 550 no"));
        assertEquals(new DeliveryStatus.Typed("", "550 user unknown; try later"), DeliveryStatus.typed("550 user unknown; try later"));
        assertEquals(new DeliveryStatus.Typed("", ""), DeliveryStatus.typed(null));
    }
}
