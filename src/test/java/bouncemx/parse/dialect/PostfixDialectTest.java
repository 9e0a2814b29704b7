package bouncemx.parse.dialect;

import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class PostfixDialectTest {
    private final PostfixDialect dialect = new PostfixDialect();

    @Test
    void decodesEveryRecipientOfPostfixReports() {
        DialectChecks.corpusFamily("lhost-postfix-", "postfix", 0.97);
    }

    @Test
    void takesTheServersWordsCommandAndCodesFromTheTextEntries() {
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(DialectChecks.resource("dialects/postfix/two-recipients.eml")));
        List<RecipientStatus> r = d.report().recipients();
        assertEquals(2, r.size());
        assertEquals("bob@customer-test.example", r.get(0).address());
        assertEquals("5.1.1", r.get(0).status());
        assertEquals("550", r.get(0).replyCode());
        assertEquals("RCPT", r.get(0).command());
        assertEquals("mx1.customer-test.example", r.get(0).remoteMta());
        assertEquals("550 5.1.1 <bob@customer-test.example>: Recipient address rejected: User unknown in local recipient table",
                r.get(0).diagnosticText());
        assertEquals("carol@other-test.example", r.get(1).address());
        assertEquals("5.2.2", r.get(1).status(), "the server's code beats the vague Status: 5.0.0");
        assertEquals("552", r.get(1).replyCode());
        assertEquals("DATA", r.get(1).command());
        assertEquals("552 5.2.2 <carol@other-test.example>: mailbox is full", r.get(1).diagnosticText());
    }

    @Test
    void readsOldReportsWithoutADeliveryStatusPart() {
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(DialectChecks.resource("dialects/postfix/old-without-dsn.eml")));
        List<RecipientStatus> r = d.report().recipients();
        assertEquals(2, r.size());
        assertEquals("dave@legacy-test.example", r.get(0).address());
        assertEquals("failed", r.get(0).action());
        assertEquals("CONN", r.get(0).command());
        assertEquals("554", r.get(0).replyCode());
        assertEquals("mail.legacy-test.example", r.get(0).remoteMta());
        assertEquals("erin@slow-test.example", r.get(1).address());
        assertEquals("RCPT", r.get(1).command());
        assertEquals("", r.get(1).replyCode());
    }

    @Test
    void readsTheStandardSampleWrittenByPostfix() {
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(DialectChecks.resource("samples/dsn-userunknown.eml")));
        assertEquals("RCPT", d.report().recipients().get(0).command());
    }

    @Test
    void leavesOtherMessagesToOtherDialects() {
        assertSame(ParseResult.NOT_MINE, dialect.parse(DialectChecks.resource("samples/not-a-bounce.eml")));
        assertSame(ParseResult.NOT_MINE, dialect.parse(DialectChecks.resource("samples/dsn-two-recipients-delayed.eml")));
        assertSame(ParseResult.NOT_MINE, dialect.parse(DialectChecks.resource("dialects/opensmtpd/two-recipients.eml")));
    }

    @Test
    void aRenamedMailNameAndAnUnindentedInReplyToLineAreRead() {
        String raw = "From: MAILER-DAEMON@relay-test.example (Mail Delivery System)\nSubject: Undelivered Mail Returned to Sender\n\n"
                + "This is the MyMTA program at host relay-test.example.\n\n"
                + "<wes@receiver-test.example>: host mx.receiver-test.example[192.0.2.6] said: 550 5.1.1\n"
                + "    <wes@receiver-test.example>: Recipient address rejected: User unknown\n"
                + "(in reply to RCPT TO command)\n";
        var r = DialectChecks.decodeText(new PostfixDialect(), raw).get(0);
        assertEquals("wes@receiver-test.example", r.address());
        assertEquals("RCPT", r.command());
        assertEquals("550 5.1.1 <wes@receiver-test.example>: Recipient address rejected: User unknown", r.diagnosticText());
    }

    @Test
    void readsSmtpdsTranscriptNoticeToThePostmaster() {
        String raw = "From: MAILER-DAEMON@mx-test.example (Mail Delivery System)\nTo: postmaster@mx-test.example\n"
                + "Subject: Postfix SMTP server: errors from relay.sender-test.example[198.51.100.1]\n\n"
                + "Transcript of session follows.\n\n Out: 220 mx-test.example ESMTP Postfix\n In:  EHLO relay.sender-test.example\n"
                + " Out: 250 mx-test.example\n In:  MAIL FROM:<news@sender-test.example>\n Out: 250 2.1.0 Ok\n"
                + " In:  RCPT TO:<xia@mx-test.example>\n"
                + " Out: 550 5.1.1 <xia@mx-test.example>: Recipient address rejected: User unknown in local recipient table\n"
                + " In:  QUIT\n Out: 221 2.0.0 Bye\n";
        var r = DialectChecks.decodeText(new PostfixDialect(), raw);
        assertEquals(1, r.size());
        assertEquals("xia@mx-test.example", r.get(0).address());
        assertEquals("RCPT", r.get(0).command());
        assertEquals("550", r.get(0).replyCode());
        assertEquals("5.1.1", r.get(0).status());
    }

    /** Its template under a Subject of a site's or gateway's own, from a mail system (not from a person). */
    @Test
    void readsItsTemplateUnderAnotherSubjectFromAMailSystem() {
        DialectChecks.readsItsTextUnderAnySubject(dialect, "/dialects/postfix/two-recipients.eml", true);
    }
}
