package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** MailMarshalDialect: its corpus family (lhost-mailmarshal-*), a fixture in its format, and messages that are not its own. */
class MailMarshalDialectTest {
    private final MailMarshalDialect dialect = new MailMarshalDialect();

    @Test
    void decodesEveryRecipientOfMailMarshalReports() {
        DialectChecks.corpusFamily("lhost-mailmarshal-", "mailmarshal", 0.97);
    }

    @Test
    void givesTheReasonToEveryAffectedRecipient() {
        var rs = DialectChecks.decode(dialect, "/dialects/mailmarshal/unknown.eml");
        assertEquals(2, rs.size());
        assertEquals("bob@receiver-test.example", rs.get(0).address());
        assertEquals("carol@receiver-test.example", rs.get(1).address());
        assertEquals("550 5.1.1 User unknown", rs.get(1).diagnosticText());
        assertEquals("192.0.2.30", rs.get(0).remoteMta());
        assertEquals("mm.gateway-test.example", rs.get(0).reportingMta());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
