package bouncemx.parse.dialect;

import bouncemx.reason.Reason;
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
        assertEquals(Reason.USER_UNKNOWN, r.get(0).reasonHint());
        assertEquals("550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", r.get(0).diagnosticText());
    }

    @Test
    void leavesOtherMessagesAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    @Test
    void readsTheNewerLayoutWithoutADsnPart() {
        // Exchange Online is known by its prod.outlook.com Message-ID; "Recipient Address:" and "Reported error:"
        var r = DialectChecks.decode(new Office365Dialect(), "/dialects/office365/newer-layout-no-dsn.eml");
        assertEquals(1, r.size());
        assertEquals("judy@contoso-test.example", r.get(0).address());
        assertEquals("550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", r.get(0).diagnosticText());
        assertEquals(Reason.USER_UNKNOWN, r.get(0).reasonHint());
    }

    /** Its template under a Subject of a site's or gateway's own, from a mail system (not from a person). */
    @Test
    void readsItsTemplateUnderAnotherSubjectFromAMailSystem() {
        DialectChecks.readsItsTextUnderAnySubject(dialect, "/dialects/office365/recipient-not-found.eml", false);
    }
}
