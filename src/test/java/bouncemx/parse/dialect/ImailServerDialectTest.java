package bouncemx.parse.dialect;

import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImailServerDialectTest {
    private final ImailServerDialect dialect = new ImailServerDialect();

    @Test
    void decodesEveryRecipientOfImailReportsInTheCorpus() {
        DialectChecks.corpusFamily("lhost-imailserver", "imailserver", 0.97);
    }

    @Test
    void readsItsOwnFixture() {
        var r = DialectChecks.decode(dialect, "/dialects/imailserver/response.eml");
        assertEquals(2, r.size());
        assertEquals("bob@imail-test.example", r.get(0).address());
        assertEquals("Unknown user", r.get(0).diagnosticText());
        assertEquals(Reason.USER_UNKNOWN, r.get(0).reasonHint());
        assertEquals("carol@rcpt-test.example", r.get(1).address());
        assertEquals("550 Message rejected because of its content", r.get(1).diagnosticText());
        assertEquals("550", r.get(1).replyCode());
    }

    @Test
    void leavesOtherMessagesAlone() {
        DialectChecks.refusesOthers(dialect);
    }
}
