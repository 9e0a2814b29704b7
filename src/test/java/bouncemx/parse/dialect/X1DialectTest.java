package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** X1Dialect: its corpus family (lhost-x1-*), a fixture in its format, and messages that are not its own. */
class X1DialectTest {
    private final X1Dialect dialect = new X1Dialect();

    @Test
    void decodesEveryRecipientOfX1Reports() {
        DialectChecks.corpusFamily("lhost-x1-", "x1", 0.97);
    }

    @Test
    void readsEachAddressWithItsBracketedReason() {
        var rs = DialectChecks.decode(dialect, "/dialects/x1/errors.eml");
        assertEquals(2, rs.size());
        assertEquals("bob@receiver-test.example", rs.get(0).address());
        assertEquals("User unknown", rs.get(0).diagnosticText());
        assertEquals("carol@receiver-test.example", rs.get(1).address());
        assertEquals("Mailbox full", rs.get(1).diagnosticText());
        assertEquals("", rs.get(1).reasonHint());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
