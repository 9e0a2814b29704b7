package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ZohoDialect: the lhost-zoho corpus family, its own fixture, and what it must leave alone. */
class ZohoDialectTest {
    private final ZohoDialect dialect = new ZohoDialect();

    @Test
    void decodesEveryRecipientOfZohoReports() {
        DialectChecks.corpusFamily("lhost-zoho", "zoho", 0.97);
    }

    @Test
    void readsARecipientLineARelayWrappedOntoIndentedLines() {
        String raw = new String(DialectChecks.bytes("/dialects/zoho/invalid-address.eml"), java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("ERROR_CODE :, Host not reachable.", "ERROR_CODE :, Host not\n    reachable.")
                .replace("5.1.1 <alice@rcpt-test.example>... User Unknown", "5.1.1 <alice@rcpt-test.example>...\n    User Unknown");
        var r = DialectChecks.decodeText(dialect, raw);
        assertEquals(2, r.size());
        assertEquals("5.1.1 <alice@rcpt-test.example>... User Unknown", r.get(0).diagnosticText());
        assertEquals("bob@rcpt-test.example", r.get(1).address());
        assertEquals("Host not reachable.", r.get(1).diagnosticText());
    }

    @Test
    void readsOneErrorCodeLinePerRecipient() {
        var r = DialectChecks.decode(dialect, "/dialects/zoho/invalid-address.eml");
        assertEquals(2, r.size());
        assertEquals("alice@rcpt-test.example", r.get(0).address());
        assertEquals("550", r.get(0).replyCode());
        assertEquals("5.1.1", r.get(0).status());
        assertEquals("5.1.1 <alice@rcpt-test.example>... User Unknown", r.get(0).diagnosticText());
        assertEquals("bob@rcpt-test.example", r.get(1).address());
        assertEquals("421", r.get(1).replyCode());
        assertEquals("Host not reachable.", r.get(1).diagnosticText());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    @Test
    void readsTheStatusAddressResponseCodeLayout() {
        String raw = "From: mailer-daemon@mail.zoho.com\nX-ZohoMail: Si CHF_MF_NL SS_10 UW48 UB48 FMWL UW48 UB48 SGR3_1_2_0_9_1\n"
                + "Subject: Undelivered Mail Returned to Sender\n\n"
                + "This message was created automatically by mail delivery software.\n"
                + "A message that you sent could not be delivered to one or more of its recipients. This is a permanent error.\n\n"
                + "[Status: Error, Address: <max@receiver-test.example>, ResponseCode 421, , Host not reachable.]\n";
        var r = DialectChecks.decodeText(new ZohoDialect(), raw).get(0);
        assertEquals("max@receiver-test.example", r.address());
        assertEquals("421", r.replyCode());
        assertEquals("Host not reachable.", r.diagnosticText());
    }
}
