package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class V5SendmailDialectTest {
    private final V5SendmailDialect dialect = new V5SendmailDialect();

    @Test
    void decodesEveryRecipientOfSendmail5ReportsInTheCorpus() {
        DialectChecks.corpusFamily("lhost-v5sendmail", "v5sendmail", 0.97);
    }

    @Test
    void readsItsOwnFixture() {
        var r = DialectChecks.decode(dialect, "/dialects/v5sendmail/transcript.eml");
        assertEquals(2, r.size());
        assertEquals("bob@rcpt-test.example", r.get(0).address());
        assertEquals("RCPT", r.get(0).command());
        assertEquals("550 <bob@rcpt-test.example>... Mailbox does not exist", r.get(0).diagnosticText());
        assertEquals("mx.rcpt-test.example", r.get(0).remoteMta());
        assertEquals("dave@nohost.rcpt-test.example", r.get(1).address());
        assertEquals("550", r.get(1).replyCode());
        assertEquals("550 Host unknown (Authoritative answer from name server)", r.get(1).diagnosticText());
    }

    @Test
    void leavesOtherMessagesAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
