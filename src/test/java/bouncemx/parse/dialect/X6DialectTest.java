package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** X6Dialect: its corpus family (lhost-x6-*), a fixture in its format, and messages that are not its own. */
class X6DialectTest {
    private final X6Dialect dialect = new X6Dialect();

    @Test
    void decodesEveryRecipientOfX6Reports() {
        DialectChecks.corpusFamily("lhost-x6-", "x6", 0.97);
    }

    @Test
    void readsEveryRejectedRecipientSentence() {
        var rs = DialectChecks.decode(dialect, "/dialects/x6/rcpt.eml");
        assertEquals(2, rs.size());
        assertEquals("bob@receiver-test.example", rs.get(0).address());
        assertEquals("mx.receiver-test.example", rs.get(0).remoteMta());
        assertEquals("RCPT", rs.get(0).command());
        assertEquals("550 5.1.1 User unknown", rs.get(0).diagnosticText());
        assertEquals("452", rs.get(1).replyCode());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
