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

    @Test
    void readsEveryAffectedRecipientAcrossBlankLines() {
        String raw = "From: postmaster@mm-test.example\nSubject: Undeliverable Mail: \"Weekly\"\n\n"
                + "Could not be delivered because of\n\n550 5.1.1 User unknown\n\nThe following recipients were affected:\n"
                + "    gil@receiver-test.example\n\n    hal@receiver-test.example\n\nAdditional Information\n======================\n";
        var r = DialectChecks.decodeText(new MailMarshalDialect(), raw);
        assertEquals(2, r.size());
        assertEquals("hal@receiver-test.example", r.get(1).address());
        assertEquals("550 5.1.1 User unknown", r.get(1).diagnosticText());
    }
}
