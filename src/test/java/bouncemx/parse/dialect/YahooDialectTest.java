package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** YahooDialect: the lhost-yahoo corpus family, its own fixture, and what it must leave alone. */
class YahooDialectTest {
    private final YahooDialect dialect = new YahooDialect();

    @Test
    void decodesEveryRecipientOfYahooReports() {
        DialectChecks.corpusFamily("lhost-yahoo", "yahoo", 0.97);
    }

    @Test
    void readsEachAddressBlockWithItsCommandTag() {
        var r = DialectChecks.decode(dialect, "/dialects/yahoo/failure-notice.eml");
        assertEquals(2, r.size());
        assertEquals("alice@rcpt-test.example", r.get(0).address());
        assertEquals("5.2.2", r.get(0).status());
        assertEquals("550", r.get(0).replyCode());
        assertEquals("RCPT", r.get(0).command());
        assertEquals("550 5.2.2 <alice@rcpt-test.example>... Mailbox Full", r.get(0).diagnosticText());
        assertEquals("bob@rcpt-test.example", r.get(1).address());
        assertEquals("MAIL", r.get(1).command());
        assertEquals("501", r.get(1).replyCode());
        assertEquals("5.1.8", r.get(1).status());
    }

    @Test
    void leavesPlainMessagesAndStandardReportsAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    /** Its template under a Subject of a site's or gateway's own, from a mail system (not from a person). */
    @Test
    void readsItsTemplateUnderAnotherSubjectFromAMailSystem() {
        DialectChecks.readsItsTextUnderAnySubject(dialect, "/dialects/yahoo/failure-notice.eml", true);
    }
}
