package bouncemx.parse.dialect;

import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class OpenSmtpdDialectTest {
    private final OpenSmtpdDialect dialect = new OpenSmtpdDialect();

    @Test
    void decodesEveryRecipientOfOpenSmtpdReports() {
        DialectChecks.corpusFamily("lhost-opensmtpd-", "opensmtpd", 0.97);
    }

    @Test
    void readsOneRecipientPerLineOfTheNotice() {
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(DialectChecks.resource("dialects/opensmtpd/two-recipients.eml")));
        List<RecipientStatus> r = d.report().recipients();
        assertEquals(2, r.size());
        assertEquals("frank@customer-test.example", r.get(0).address());
        assertEquals("failed", r.get(0).action());
        assertEquals("5.1.1", r.get(0).status());
        assertEquals("550", r.get(0).replyCode());
        assertEquals("550 5.1.1 <frank@customer-test.example>: Recipient address rejected: User unknown", r.get(0).diagnosticText());
        assertEquals("grace@nowhere-test.example", r.get(1).address());
        assertEquals(Reason.HOST_UNKNOWN, r.get(1).reasonHint(), "OpenSMTPD's own NXDOMAIN verdict");
    }

    @Test
    void leavesOtherMessagesToOtherDialects() {
        assertSame(ParseResult.NOT_MINE, dialect.parse(DialectChecks.resource("samples/not-a-bounce.eml")));
        assertSame(ParseResult.NOT_MINE, dialect.parse(DialectChecks.resource("samples/dsn-two-recipients-delayed.eml")));
        assertSame(ParseResult.NOT_MINE, dialect.parse(DialectChecks.resource("dialects/postfix/two-recipients.eml")));
    }

    @Test
    void itsOwnVerdictsNameTheReasonWhereverTheyStandInTheLine() {
        String raw = "From: Mailer Daemon <MAILER-DAEMON@relay-test.example>\nSubject: Mail error\n\n"
                + "Hi!\n\nThis is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\n"
                + "An error has occurred while attempting to deliver a message for\nthe following list of recipients:\n\n"
                + "lou@receiver-test.example: Temporary failure in MX lookup\n\nBelow is a copy of the original message:\n";
        var r = DialectChecks.decodeText(new OpenSmtpdDialect(), raw).get(0);
        assertEquals("lou@receiver-test.example", r.address());
        assertEquals(Reason.NETWORK_ERROR, r.reasonHint());
    }
}
