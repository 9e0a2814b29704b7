package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** X3Dialect: its corpus family (lhost-x3-*), a fixture in its format, and messages that are not its own. */
class X3DialectTest {
    private final X3Dialect dialect = new X3Dialect();

    @Test
    void decodesEveryRecipientOfX3Reports() {
        DialectChecks.corpusFamily("lhost-x3-", "x3", 0.97);
    }

    @Test
    void splitsTheTechnicalDetailsLine() {
        var r = DialectChecks.decode(dialect, "/dialects/x3/permanent.eml").get(0);
        assertEquals("bob@receiver-test.example", r.address());
        assertEquals("RCPT", r.command());
        assertEquals("192.0.2.60", r.remoteMta());
        assertEquals("550 5.1.1 <bob@receiver-test.example>... User unknown", r.diagnosticText());
        assertEquals("5.1.1", r.status());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
