package bouncemx.parse.dialect;

import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class CourierDialectTest {
    private final CourierDialect dialect = new CourierDialect();

    @Test
    void decodesEveryRecipientOfCourierReports() {
        DialectChecks.corpusFamily("lhost-courier-", "courier", 0.97);
    }

    @Test
    void readsTheCommandAndTheServersReplyOfEachEntry() {
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(DialectChecks.resource("dialects/courier/rcpt-refused.eml")));
        List<RecipientStatus> r = d.report().recipients();
        assertEquals(2, r.size());
        assertEquals("heidi@customer-test.example", r.get(0).address());
        assertEquals("RCPT", r.get(0).command());
        assertEquals("5.1.1", r.get(0).status());
        assertEquals("550", r.get(0).replyCode());
        assertEquals("550 5.1.1 <heidi@customer-test.example>: no such mailbox", r.get(0).diagnosticText());
        assertEquals("ivan@gone-test.example", r.get(1).address());
        assertEquals(Reason.HOST_UNKNOWN, r.get(1).reasonHint(), "Courier's own 'No such domain.'");
        assertEquals("", r.get(1).command());
    }

    /**
     * Issue 13: Courier 1.0.16 indents its transcript by one space (" >>> RCPT TO:", " <<< 421 ..."), and its delay
     * notice's delivery-status part has no Diagnostic-Code: the server's reply is only in that transcript
     * (mta-generated/courier-delay-rate-limited.eml, written by Courier itself).
     */
    @Test
    void readsTheIndentedTranscriptOfADelayNotice() {
        var d = assertInstanceOf(ParseResult.Decoded.class,
                dialect.parse(DialectChecks.resource("mta-generated/courier-delay-rate-limited.eml")));
        List<RecipientStatus> r = d.report().recipients();
        assertEquals(1, r.size());
        assertEquals("ratelim@remote.example", r.get(0).address());
        assertEquals("delayed", r.get(0).action());
        assertEquals("RCPT", r.get(0).command());
        assertEquals("421", r.get(0).replyCode());
        assertEquals("4.7.0", r.get(0).status());
        assertEquals("421 4.7.0 Too many messages from 127.0.0.1 in a short time, try again later", r.get(0).diagnosticText());
    }

    /**
     * Issue 13: Courier 1.0.16's local module writes no host and no command: "550 User &lt;name&gt; unknown" for an
     * address of a local domain with no mailbox, and a failed delivery program's own output with no reply code
     * (mta-generated/courier-local-*.eml).
     */
    @Test
    void readsTheLocalModulesOwnVerdicts() {
        var unknown = assertInstanceOf(ParseResult.Decoded.class,
                dialect.parse(DialectChecks.resource("mta-generated/courier-local-extension-unknown.eml"))).report().recipients();
        assertEquals(1, unknown.size());
        assertEquals("550", unknown.get(0).replyCode());
        assertEquals(Reason.USER_UNKNOWN, unknown.get(0).reasonHint());
        var program = assertInstanceOf(ParseResult.Decoded.class,
                dialect.parse(DialectChecks.resource("mta-generated/courier-local-program-exit-69-output.eml"))).report().recipients();
        assertEquals(1, program.size());
        assertEquals("autoresponder: cannot open /home/list/config: Permission denied", program.get(0).diagnosticText());
        assertEquals(Reason.MAILER_ERROR, program.get(0).reasonHint());
        // a remote server's reply names no reason here: the classifier reads it
        var remote = assertInstanceOf(ParseResult.Decoded.class,
                dialect.parse(DialectChecks.resource("mta-generated/courier-delay-rate-limited.eml"))).report().recipients();
        assertEquals(null, remote.get(0).reasonHint());
    }

    @Test
    void leavesOtherMessagesToOtherDialects() {
        assertSame(ParseResult.NOT_MINE, dialect.parse(DialectChecks.resource("samples/not-a-bounce.eml")));
        assertSame(ParseResult.NOT_MINE, dialect.parse(DialectChecks.resource("samples/dsn-two-recipients-delayed.eml")));
        assertSame(ParseResult.NOT_MINE, dialect.parse(DialectChecks.resource("dialects/postfix/two-recipients.eml")));
    }
}
