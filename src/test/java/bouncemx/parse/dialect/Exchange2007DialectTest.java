package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Exchange2007DialectTest {
    private final Exchange2007Dialect dialect = new Exchange2007Dialect();

    @Test
    void decodesEveryRecipientOfExchange2007ReportsInTheCorpus() {
        DialectChecks.corpusFamily("lhost-exchange2007", "exchange2007", 0.97);
    }

    @Test
    void readsItsOwnFixture() {
        var r = DialectChecks.decode(dialect, "/dialects/exchange2007/mailbox-full.eml");
        assertEquals(1, r.size());
        assertEquals("bob@corp-test.example", r.get(0).address());
        assertEquals("5.2.2", r.get(0).status());
        assertEquals("550", r.get(0).replyCode());
        assertEquals("550 5.2.2 STOREDRV.Deliver: mailbox full", r.get(0).diagnosticText());
    }

    @Test
    void leavesOtherMessagesAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    @Test
    void readsAFrenchReportAndARemoteServersHashErrorWithItsHostInFront() {
        var r = DialectChecks.decode(new Exchange2007Dialect(), "/dialects/exchange2007/french-remote-hash-error.eml");
        assertEquals(1, r.size());
        assertEquals("ivan@receiver-test.example", r.get(0).address());
        assertEquals("550 5.1.1 <ivan@receiver-test.example>: Recipient address rejected: User unknown", r.get(0).diagnosticText());
        assertEquals("ex01.corp-test.example", r.get(0).reportingMta());
    }

    /** Its template under a Subject of a site's or gateway's own, from a mail system (not from a person). */
    @Test
    void readsItsTemplateUnderAnotherSubjectFromAMailSystem() {
        DialectChecks.readsItsTextUnderAnySubject(dialect, "/dialects/exchange2007/mailbox-full.eml", false);
    }
}
