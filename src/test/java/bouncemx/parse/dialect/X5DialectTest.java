package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** X5Dialect: its corpus family (lhost-x5-*), a fixture in its format, and messages that are not its own. */
class X5DialectTest {
    private final X5Dialect dialect = new X5Dialect();

    @Test
    void decodesEveryRecipientOfX5Reports() {
        DialectChecks.corpusFamily("lhost-x5-", "x5", 0.97);
    }

    @Test
    void readsTheForwardedDeliveryStatus() {
        var r = DialectChecks.decode(dialect, "/dialects/x5/forwarded.eml").get(0);
        assertEquals("bob@receiver-test.example", r.address());
        assertEquals("5.1.1", r.status());
        assertEquals("550 5.1.1 User unknown", r.diagnosticText());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
