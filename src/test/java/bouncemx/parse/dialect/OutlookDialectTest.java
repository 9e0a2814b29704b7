package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutlookDialectTest {
    private final OutlookDialect dialect = new OutlookDialect();

    @Test
    void decodesEveryRecipientOfHotmailReportsInTheCorpus() {
        DialectChecks.corpusFamily("lhost-outlook", "outlook", 0.97);
    }

    @Test
    void readsItsOwnFixture() {
        var r = DialectChecks.decode(dialect, "/dialects/outlook/unreachable.eml");
        assertEquals(1, r.size());
        assertEquals("bob@rcpt-test.example", r.get(0).address());
        assertEquals("4.4.7", r.get(0).status());
        assertEquals("Unable to deliver message to the following recipients, due to being unable to connect successfully to the destination mail server.", r.get(0).diagnosticText());
    }

    @Test
    void leavesOtherMessagesAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
