package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EinsUndEinsDialect: the lhost-einsundeins corpus family, its own fixture, and what it must leave alone. */
class EinsUndEinsDialectTest {
    private final EinsUndEinsDialect dialect = new EinsUndEinsDialect();

    @Test
    void decodesEveryRecipientOfEinsUndEinsReports() {
        DialectChecks.corpusFamily("lhost-einsundeins", "einsundeins", 0.97);
    }

    @Test
    void readsTheOneLineReplyOfTheTextCommand() {
        var r = DialectChecks.decode(dialect, "/dialects/einsundeins/text-command.eml");
        assertEquals(1, r.size());
        assertEquals("alice@rcpt-test.example", r.get(0).address());
        assertEquals("DATA", r.get(0).command());
        assertEquals("mx.rcpt-test.example", r.get(0).remoteMta());
        assertEquals("550 5.7.1 Message rejected as spam", r.get(0).diagnosticText());
        assertEquals("550", r.get(0).replyCode());
        assertEquals("5.7.1", r.get(0).status());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
