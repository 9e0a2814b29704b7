package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GmxDialect: the lhost-gmx corpus family, its own fixture, and what it must leave alone. */
class GmxDialectTest {
    private final GmxDialect dialect = new GmxDialect();

    @Test
    void decodesEveryRecipientOfGmxReports() {
        DialectChecks.corpusFamily("lhost-gmx", "gmx", 0.97);
    }

    @Test
    void readsEveryQuotedAddressBlock() {
        var r = DialectChecks.decode(dialect, "/dialects/gmx/two-blocks.eml");
        assertEquals(2, r.size());
        assertEquals("alice@rcpt-test.example", r.get(0).address());
        assertEquals("RCPT", r.get(0).command());
        assertEquals("mx.rcpt-test.example", r.get(0).remoteMta());
        assertEquals("5.1.1", r.get(0).status());
        assertEquals("5.1.1 <alice@rcpt-test.example>... User Unknown", r.get(0).diagnosticText());
        assertEquals("bob@rcpt-test.example", r.get(1).address());
        assertEquals("5.2.2", r.get(1).status());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
