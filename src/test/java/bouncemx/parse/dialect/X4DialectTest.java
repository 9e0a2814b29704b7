package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** X4Dialect: its corpus family (lhost-x4-*), a fixture in its format, and messages that are not its own. */
class X4DialectTest {
    private final X4Dialect dialect = new X4Dialect();

    @Test
    void decodesEveryRecipientOfX4Reports() {
        DialectChecks.corpusFamily("lhost-x4-", "x4", 0.97);
    }

    @Test
    void readsTheAddressBlock() {
        var r = DialectChecks.decode(dialect, "/dialects/x4/full.eml").get(0);
        assertEquals("bob@provider-test.example", r.address());
        assertEquals("child status 100...The e-mail message could not be delivered because the user's mailfolder is full.",
                r.diagnosticText());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
