package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.ParseResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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

    private static final String TRANSCRIPT = """

               ----- Transcript of session follows -----
            %s
            550 <bob@rcpt-test.example>... User unknown

               ----- Unsent message follows -----
            From: alice@sender-test.example
            To: bob@rcpt-test.example
            Subject: hello

            hello
            """;

    /** A gateway's or a site's own Subject over sendmail's transcript: claimed when a mail system sent it. */
    @Test
    void readsItsTranscriptUnderAnotherSubjectFromAMailSystem() {
        String body = TRANSCRIPT.formatted("While talking to mx.rcpt-test.example:");
        var r = DialectChecks.decodeText(dialect, "From: Mail Delivery Subsystem <MAILER-DAEMON@old.example>\n"
                + "Subject: Mail System Error - Returned Mail\n" + body);
        assertEquals("bob@rcpt-test.example", r.get(0).address());
        assertEquals("failed", r.get(0).action());
        assertEquals(ParseResult.NOT_MINE, dialect.parse(BounceMessage.parse(("From: Ann <ann@old.example>\n"
                + "Subject: Mail System Error - Returned Mail\n" + body).getBytes(StandardCharsets.UTF_8))));
    }

    /** sendmail's warning (savemail.c's banner, "Will keep trying"): the recipients are delayed, not failed. */
    @Test
    void aWarningTranscriptIsADelay() {
        var r = DialectChecks.decodeText(dialect, "From: MAILER-DAEMON@old.example\nSubject: Returned mail: Warning\n"
                + TRANSCRIPT.formatted("    **      THIS IS A WARNING MESSAGE ONLY      **"));
        assertEquals("delayed", r.get(0).action());
    }

    @Test
    void leavesOtherMessagesAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    /** Its template under a Subject of a site's or gateway's own, from a mail system (not from a person). */
    @Test
    void readsItsTemplateUnderAnotherSubjectFromAMailSystem() {
        DialectChecks.readsItsTextUnderAnySubject(dialect, "/dialects/v5sendmail/transcript.eml", true);
    }
}
