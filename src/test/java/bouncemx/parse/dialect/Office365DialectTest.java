package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Office365DialectTest {
    private final Office365Dialect dialect = new Office365Dialect();

    @Test
    void decodesEveryRecipientOfExchangeOnlineReportsInTheCorpus() {
        DialectChecks.corpusFamily("lhost-office365", "office365", 0.97);
    }

    @Test
    void readsItsOwnFixture() {
        var r = DialectChecks.decode(dialect, "/dialects/office365/recipient-not-found.eml");
        assertEquals(1, r.size());
        assertEquals("bob@rcpt-test.example", r.get(0).address());
        assertEquals("5.1.10", r.get(0).status());
        assertEquals("userunknown", r.get(0).reasonHint());
        assertEquals("550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", r.get(0).diagnosticText());
    }

    @Test
    void leavesOtherMessagesAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
