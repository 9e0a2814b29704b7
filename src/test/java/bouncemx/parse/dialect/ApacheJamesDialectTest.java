package bouncemx.parse.dialect;

import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class ApacheJamesDialectTest {
    private final ApacheJamesDialect dialect = new ApacheJamesDialect();

    @Test
    void decodesEveryRecipientOfApacheJamesReports() {
        DialectChecks.corpusFamily("lhost-apachejames-", "apachejames", 0.97);
    }

    @Test
    void takesTheRecipientFromTheDetailsAndTheReplyFromTheErrorMessage() {
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(DialectChecks.resource("dialects/apachejames/bounce.eml")));
        RecipientStatus r = d.report().recipients().get(0);
        assertEquals(1, d.report().recipients().size());
        assertEquals("judy@customer-test.example", r.address());
        assertEquals("550", r.replyCode());
        assertEquals("5.1.1", r.status());
        assertEquals("550 5.1.1 Requested action not taken: mailbox unavailable", r.diagnosticText());
    }

    @Test
    void withoutAnErrorMessageTheNoticeAboveTheDetailsIsTheText() {
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(DialectChecks.resource("dialects/apachejames/no-error-message.eml")));
        RecipientStatus r = d.report().recipients().get(0);
        assertEquals("judy@customer-test.example", r.address());
        assertEquals("Hi. This is the James mail server at james-test.example. Error: Invalid user address", r.diagnosticText());
    }

    @Test
    void leavesOtherMessagesToOtherDialects() {
        assertSame(ParseResult.NOT_MINE, dialect.parse(DialectChecks.resource("samples/not-a-bounce.eml")));
        assertSame(ParseResult.NOT_MINE, dialect.parse(DialectChecks.resource("samples/dsn-two-recipients-delayed.eml")));
        assertSame(ParseResult.NOT_MINE, dialect.parse(DialectChecks.resource("dialects/fml/not-member.eml")));
    }
}
