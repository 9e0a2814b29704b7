package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** MFilterDialect: its corpus family (lhost-mfilter-*), a fixture in its format, and messages that are not its own. */
class MFilterDialectTest {
    private final MFilterDialect dialect = new MFilterDialect();

    @Test
    void decodesEveryRecipientOfMFilterReports() {
        DialectChecks.corpusFamily("lhost-mfilter-", "mfilter", 0.97);
    }

    @Test
    void givesTheServerMessageAndCommandToEveryListedAddress() {
        var rs = DialectChecks.decode(dialect, "/dialects/mfilter/two-recipients.eml");
        assertEquals(2, rs.size());
        assertEquals("bob@receiver-test.example", rs.get(0).address());
        assertEquals("carol@receiver-test.example", rs.get(1).address());
        assertEquals("RCPT", rs.get(0).command());
        assertEquals("5.1.1", rs.get(0).status());
        assertEquals("550", rs.get(1).replyCode());
        assertEquals("550 5.1.1 <bob@receiver-test.example>: Recipient address rejected: User unknown",
                rs.get(0).diagnosticText());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
