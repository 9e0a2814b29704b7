package bouncemx.parse.dialect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SendmailDialectTest {
    private final SendmailDialect dialect = new SendmailDialect();

    @Test
    void aTranscriptMarkerOnTheTextsLastLineIsAnEmptyTranscript() {
        // found by ReaderProperties' fuzzing: the marker with no line break after it read past the text's end
        SendmailTranscript t = SendmailTranscript.read("The original message was received\n" + SendmailTranscript.MARKER);
        org.junit.jupiter.api.Assertions.assertNotNull(t);
        assertEquals(0, t.addressed().size());
    }

    @Test
    void decodesEveryRecipientOfSendmailReportsInTheCorpus() {
        DialectChecks.corpusFamily("lhost-sendmail", "sendmail", 0.97);
    }

    @Test
    void readsItsOwnFixture() {
        var r = DialectChecks.decode(dialect, "/dialects/sendmail/two-recipients.eml");
        assertEquals(2, r.size());
        assertEquals("bob@rcpt-test.example", r.get(0).address());
        assertEquals("5.1.1", r.get(0).status());
        assertEquals("RCPT", r.get(0).command());
        assertEquals("550 5.1.1 <bob@rcpt-test.example>... No such user", r.get(0).diagnosticText());
        assertEquals("carol@rcpt-test.example", r.get(1).address());
        assertEquals("DATA", r.get(1).command());
        assertEquals("552", r.get(1).replyCode());
        assertEquals("552 5.2.2 The mailbox of this user is full and cannot accept more messages", r.get(1).diagnosticText());
        assertEquals("mx.rcpt-test.example", r.get(1).remoteMta());
    }

    @Test
    void leavesOtherMessagesAlone() {
        DialectChecks.refusesOthers(dialect);
    }

    @Test
    void aDelayWarningWithTheTransientListAndNoTranscriptGivesDelayedRecipients() {
        String raw = "From: Mail Delivery Subsystem <MAILER-DAEMON@mx-test.example>\n"
                + "Subject: Warning: could not send message for past 4 hours\n\n"
                + "    **********************************************\n    **      THIS IS A WARNING MESSAGE ONLY      **\n"
                + "    **********************************************\n\n"
                + "The original message was received at Tue, 3 Nov 2026 06:00:00 GMT\n\n"
                + "   ----- The following addresses had transient non-fatal errors -----\n<yan@receiver-test.example>\n\n"
                + "   ----- Transcript of session is unavailable -----\n";
        var r = DialectChecks.decodeText(new SendmailDialect(), raw);
        assertEquals(1, r.size());
        assertEquals("yan@receiver-test.example", r.get(0).address());
        assertEquals("delayed", r.get(0).action());
    }

    @Test
    void aReasonWrappedOverTheNextIndentedLinesIsReadWhole() {
        String text = "   ----- The following addresses had permanent fatal errors -----\n"
                + "<uma@far.example>\n"
                + "    (reason: 550 Requested action not taken:\n"
                + "        mailbox full, quota exceeded)\n"
                + "<vic@far.example>\n"
                + "    (reason: 550 5.1.1 User unknown)\n"
                + "    (expanded from: <victor@far.example>)\n"
                + "\n";
        var list = SendmailDialect.fatalList(text);
        assertEquals(2, list.size());
        assertEquals("550 Requested action not taken: mailbox full, quota exceeded", list.get(0)[1]);
        assertEquals("550 5.1.1 User unknown", list.get(1)[1]);
    }

    private static final String LOCAL_MAILER = """
            Subject: Returned mail: Service unavailable

            The original message was received at Tue, 1 Dec 2026 09:00:00 +0100

               ----- The following addresses had permanent fatal errors -----
            <kim@host-test.example>

               ----- Transcript of session follows -----
            mail.local: unknown user: kim
            554 <kim@host-test.example>... Service unavailable
            """;

    /**
     * sendmail 8's lists under a Subject of its exit status ("Returned mail: Service unavailable"), from a mail system:
     * its reader, and the local mailer's own line above the verdict names the cause; from a person, not its.
     */
    @Test
    void readsItsListsUnderAnotherSubjectAndALocalMailersLineNamesTheCause() {
        var r = DialectChecks.decodeText(dialect, "From: Mail Delivery Subsystem <MAILER-DAEMON@host-test.example>\n" + LOCAL_MAILER);
        assertEquals("kim@host-test.example", r.get(0).address());
        assertEquals("mail.local: unknown user: kim Service unavailable", r.get(0).diagnosticText());
        org.junit.jupiter.api.Assertions.assertSame(bouncemx.parse.ParseResult.NOT_MINE, dialect.parse(bouncemx.parse.BounceMessage.parse(
                ("From: Ann Lee <ann@people.example>\n" + LOCAL_MAILER).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }
}
