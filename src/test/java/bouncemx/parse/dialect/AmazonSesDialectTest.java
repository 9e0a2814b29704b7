package bouncemx.parse.dialect;

import bouncemx.parse.ParseResult;
import bouncemx.parse.Report;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AmazonSesDialect: the lhost-amazonses corpus family, its own fixture, and what it must leave alone. */
class AmazonSesDialectTest {
    private final AmazonSesDialect dialect = new AmazonSesDialect();

    @Test
    void decodesEveryRecipientOfAmazonSesReports() {
        DialectChecks.corpusFamily("lhost-amazonses", "amazonses", 0.97);
    }

    @Test
    void readsAFoldedSnsBounceNotification() {
        var r = DialectChecks.decode(dialect, "/dialects/amazonses/sns-bounce.eml");
        assertEquals(2, r.size());
        assertEquals("alice@rcpt-test.example", r.get(0).address());
        assertEquals("5.1.1", r.get(0).status());
        assertEquals("550", r.get(0).replyCode());
        assertEquals("550 5.1.1 user unknown", r.get(0).diagnosticText());
        assertEquals("smtp", r.get(0).diagnosticType());
        assertEquals("bob@rcpt-test.example", r.get(1).address());
        assertEquals("5.2.2", r.get(1).status());
    }

    @Test
    void readsAnSnsFoldWithBlanksAfterItsMark() {
        // a relay that pads lines (or a client that re-saves the message) leaves blanks after the "!"
        String raw = new String(DialectChecks.bytes("/dialects/amazonses/sns-bounce.eml"), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(raw.contains("!\n "), "the fixture carries an SNS fold");
        var r = DialectChecks.decodeText(dialect, raw.replace("!\n ", "!  \n "));
        assertEquals(2, r.size());
        assertEquals("alice@rcpt-test.example", r.get(0).address());
        assertEquals("bob@rcpt-test.example", r.get(1).address());
        assertEquals("5.2.2", r.get(1).status());
    }

    @Test
    void turnsAComplaintNotificationIntoAComplaint() {
        var d = assertInstanceOf(ParseResult.Decoded.class,
                dialect.parse(DialectChecks.resource("/dialects/amazonses/sns-complaint.eml")));
        assertEquals(Report.Kind.COMPLAINT, d.report().kind());
        assertEquals("carol@rcpt-test.example", d.report().recipients().get(0).address());
        assertEquals("abuse", d.report().recipients().get(0).feedbackType());
    }

    @Test
    void turnsADeliveryNotificationIntoADeliveredRecipient() {
        var r = DialectChecks.decode(dialect, "/dialects/amazonses/sns-delivery.eml");
        assertEquals("dave@rcpt-test.example", r.get(0).address());
        assertEquals("delivered", r.get(0).action());
        assertEquals("2.6.0", r.get(0).status());
        assertEquals("250", r.get(0).replyCode());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
