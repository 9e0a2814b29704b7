package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** MailFoundryDialect: its corpus family (lhost-mailfoundry-*), a fixture in its format, and messages that are not its own. */
class MailFoundryDialectTest {
    private final MailFoundryDialect dialect = new MailFoundryDialect();

    @Test
    void decodesEveryRecipientOfMailFoundryReports() {
        DialectChecks.corpusFamily("lhost-mailfoundry-", "mailfoundry", 0.97);
    }

    @Test
    void readsTheServerAndItsReply() {
        var r = DialectChecks.decode(dialect, "/dialects/mailfoundry/failed.eml").get(0);
        assertEquals("bob@receiver-test.example", r.address());
        assertEquals("mx.receiver-test.example", r.remoteMta());
        assertEquals("552 5.2.2 <bob@receiver-test.example> Mailbox full", r.diagnosticText());
        assertEquals("5.2.2", r.status());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
