package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Exchange2003DialectTest {
    private final Exchange2003Dialect dialect = new Exchange2003Dialect();

    @Test
    void decodesEveryRecipientOfExchange2003ReportsInTheCorpus() {
        DialectChecks.corpusFamily("lhost-exchange2003", "exchange2003", 0.97);
    }

    @Test
    void readsItsOwnFixture() {
        var r = DialectChecks.decode(dialect, "/dialects/exchange2003/unknown-recipient.eml");
        assertEquals(1, r.size());
        assertEquals("bob@corp-test.example", r.get(0).address());
        assertEquals("The recipient name is not recognized (000C05A6) Unknown Recipient", r.get(0).diagnosticText());
        assertEquals("", r.get(0).status());
    }

    @Test
    void leavesOtherMessagesAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
