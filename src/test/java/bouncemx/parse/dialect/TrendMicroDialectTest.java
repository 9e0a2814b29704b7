package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** TrendMicroDialect: its corpus family (lhost-trendmicro-*), a fixture in its format, and messages that are not its own. */
class TrendMicroDialectTest {
    private final TrendMicroDialect dialect = new TrendMicroDialect();

    @Test
    void decodesEveryRecipientOfTrendMicroReports() {
        DialectChecks.corpusFamily("lhost-trendmicro-", "trendmicro", 0.97);
    }

    @Test
    void readsTheSentCommandAndTheReceivedReply() {
        var r = DialectChecks.decode(dialect, "/dialects/trendmicro/rcpt.eml").get(0);
        assertEquals("bob@receiver-test.example", r.address());
        assertEquals("RCPT", r.command());
        assertEquals("550 5.1.1 <bob@receiver-test.example>... user unknown", r.diagnosticText());
        assertEquals("550", r.replyCode());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
