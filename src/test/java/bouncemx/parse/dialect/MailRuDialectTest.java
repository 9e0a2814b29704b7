package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MailRuDialect: the lhost-mailru corpus family, its own fixture, and what it must leave alone. */
class MailRuDialectTest {
    private final MailRuDialect dialect = new MailRuDialect();

    @Test
    void decodesEveryRecipientOfMailRuReports() {
        DialectChecks.corpusFamily("lhost-mailru", "mailru", 0.97);
    }

    @Test
    void readsEximBlocksWithCommandAndHost() {
        var r = DialectChecks.decode(dialect, "/dialects/mailru/rcpt-refused.eml");
        assertEquals(2, r.size());
        assertEquals("alice@rcpt-test.example", r.get(0).address());
        assertEquals("RCPT", r.get(0).command());
        assertEquals("mx.rcpt-test.example", r.get(0).remoteMta());
        assertEquals("550 5.1.1 <alice@rcpt-test.example>... User Unknown", r.get(0).diagnosticText());
        assertEquals("5.1.1", r.get(0).status());
        assertEquals("550", r.get(0).replyCode());
        assertEquals("bob@nowhere-test.example", r.get(1).address());
        assertEquals("Unrouteable address", r.get(1).diagnosticText());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
