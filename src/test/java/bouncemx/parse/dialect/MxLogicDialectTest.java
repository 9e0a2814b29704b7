package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** MxLogicDialect: its corpus family (lhost-mxlogic-*), a fixture in its format, and messages that are not its own. */
class MxLogicDialectTest {
    private final MxLogicDialect dialect = new MxLogicDialect();

    @Test
    void decodesEveryRecipientOfMxLogicReports() {
        DialectChecks.corpusFamily("lhost-mxlogic-", "mxlogic", 0.97);
    }

    @Test
    void readsEveryFailedAddressWithItsContinuedReply() {
        var rs = DialectChecks.decode(dialect, "/dialects/mxlogic/failed.eml");
        assertEquals(2, rs.size());
        assertEquals("bob@receiver-test.example", rs.get(0).address());
        assertEquals("5.1.1", rs.get(0).status());
        assertEquals("carol@receiver-test.example", rs.get(1).address());
        assertEquals("552 5.2.2 Mailbox full <carol@receiver-test.example>", rs.get(1).diagnosticText());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    @Test
    void anMxlHashHeaderAndEximsOpeningSentenceAreEnough() {
        var r = DialectChecks.decode(new MxLogicDialect(), "/dialects/mxlogic/mxl-hash-exim-form.eml");
        assertEquals(1, r.size());
        assertEquals("dave@receiver-test.example", r.get(0).address());
        assertEquals("RCPT", r.get(0).command());
        assertEquals("mx.receiver-test.example", r.get(0).remoteMta());
    }
}
