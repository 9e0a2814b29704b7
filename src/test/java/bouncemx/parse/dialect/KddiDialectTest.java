package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** KddiDialect: its corpus family (lhost-kddi-*), a fixture in its format, and messages that are not its own. */
class KddiDialectTest {
    private final KddiDialect dialect = new KddiDialect();

    @Test
    void decodesEveryRecipientOfKddiReports() {
        DialectChecks.corpusFamily("lhost-kddi-", "kddi", 0.97);
    }

    @Test
    void readsTheRecipientAndTheMailboxFullNotice() {
        var r = DialectChecks.decode(dialect, "/dialects/kddi/full.eml").get(0);
        assertEquals("bob@phone-test.example", r.address());
        assertEquals("As their mailbox is full.", r.diagnosticText());
        assertEquals("mailboxfull", r.reasonHint());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
