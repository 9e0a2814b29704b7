package bouncemx.classify;

import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.reason.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifierTest {
    private final Classifier classifier = Classifier.standard();

    private Classification failed(String status, String text) {
        return failedAt("", status, text);
    }

    private Classification failedAt(String command, String status, String text) {
        return classifier.classify(RecipientStatus.builder().address("a@b.example", "dsn").action("failed")
                .status(status).diagnostic("smtp", text).command(command).build(), Report.Kind.DELIVERY);
    }

    @ParameterizedTest(name = "{0} \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
            "5.1.1 | 550 5.1.1 <a@b>: Recipient address rejected: User unknown | userunknown | true  | status:X.1.1",
            "5.2.2 | 552 5.2.2 Mailbox full                                    | mailboxfull | false | status:X.2.2",
            "5.7.1 | 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org | blocked | false | phrase:blocked using",
            "5.7.1 | 550 5.7.1 Message rejected as spam                         | spamdetected | false | phrase:spam",
            "5.7.26| 550 5.7.26 Unauthenticated email from x is not accepted due to domain's DMARC policy | authfailure | false | status:X.7.26",
            "5.0.0 | 550 Relay access denied                                     | norelaying | false | phrase:relay access denied",
            "5.1.10| 550 5.1.10 null MX                                           | notaccept  | true  | phrase:null mx",
            "5.1.10| 550 5.1.10 Recipient not found by SMTP address lookup   | userunknown | true | phrase:recipient not found",
            "5.1.10| 550 5.1.10                                               | userunknown | true | status:X.1.10>reply:550",
            "5.1.10| 556 5.1.10                                               | notaccept  | true  | reply:556",
            "5.1.10| ''                                                       | notaccept  | true  | status:X.1.10",
            "4.4.0 | 451 4.4.0 Primary target IP address responded with: \"421 4.4.2 Connection dropped due to SocketError.\" | networkerror | false | phrase:connection dropped due to",
            "5.3.4 | 552 5.3.4 Message size exceeds fixed limit                    | mesgtoobig | false | status:X.3.4"})
    void decidesByStatusThenPhrase(String status, String text, String reason, boolean hard, String rule) {
        Classification c = failed(status, text);
        assertEquals(reason, c.reason().wireName());
        assertEquals(hard, c.hard());
        assertEquals(rule, c.rule());
    }

    @Test
    void anUnknownUserTextIsAnUnknownUserOnlyAsTheAnswerToRcpt() {
        Classification atRcpt = failedAt("RCPT", "", "550 no such user here");
        assertEquals(Reason.USER_UNKNOWN, atRcpt.reason());
        assertTrue(atRcpt.hard());
        Classification afterData = failedAt("DATA", "", "550 no such user here");
        assertEquals(Reason.FILTERED, afterData.reason());
        assertFalse(afterData.hard());
        assertEquals(Reason.FILTERED, failed("", "550 no such user here").reason());
        // a 5.1.1 code says it whatever the command
        assertEquals(Reason.USER_UNKNOWN, failedAt("DATA", "5.1.1", "550 5.1.1 no such user here").reason());
    }

    /**
     * Exim's "Unrouteable address" (issue 13, H15): a receiving Exim's {@code verify = recipient} answer to RCPT TO
     * is an unknown user; the sending Exim's own text, with no command, is a domain it could not route; a 5.1.2
     * code says the domain whatever the command; sender verification that quotes it stays about the sender.
     */
    @Test
    void eximsUnrouteableAddressIsTheUserAtRcptAndTheDomainInItsOwnNotice() {
        Classification atRcpt = failedAt("RCPT", "5.0.0", "550 Unrouteable address");
        assertEquals(Reason.USER_UNKNOWN, atRcpt.reason());
        assertEquals("phrase:unrouteable address>rcpt", atRcpt.rule());
        assertTrue(atRcpt.hard());
        assertEquals(Reason.HOST_UNKNOWN, failed("5.0.0", "Unrouteable address").reason());
        assertEquals(Reason.HOST_UNKNOWN, failedAt("RCPT", "5.1.2", "550 5.1.2 Unrouteable address").reason());
        assertEquals(Reason.REJECTED, failedAt("RCPT", "5.0.0",
                "550-Verification failed for <a@sender.example>\n550-Unrouteable address\n550 Sender verify failed").reason());
    }

    /** Issue 13, list 3: a template's generic verdict yields to the recipient's own DSN block naming another cause. */
    @Test
    void aTemplatesGenericVerdictYieldsToTheRecipientsOwnDiagnosticCode() {
        var r = RecipientStatus.builder().address("a@b.example", "dsn").action("failed").status("5.2.2")
                .diagnostic("smtp", "552 5.2.2 <a@b.example>: mailbox full").reasonHint(Reason.FILTERED);
        Classification c = classifier.classify(r.build(), Report.Kind.DELIVERY);
        assertEquals(Reason.MAILBOX_FULL, c.reason());
        assertEquals("status:X.2.2", c.rule());
        // the verdict stands when the text itself agrees with it, or when the recipient came from the template's text
        assertEquals(Reason.FILTERED, classifier.classify(r.diagnostic("smtp", "552 5.2.2 rejected by recipient filter").build(),
                Report.Kind.DELIVERY).reason());
        var text = RecipientStatus.builder().address("a@b.example", "text").action("failed").status("5.2.2")
                .diagnostic("smtp", "552 5.2.2 mailbox full").reasonHint(Reason.FILTERED);
        assertEquals(Reason.FILTERED, classifier.classify(text.build(), Report.Kind.DELIVERY).reason());
    }

    private Classification local(String status, String text) {
        return classifier.classify(RecipientStatus.builder().address("a@b.example", "dsn").action("failed")
                .status(status).diagnostic("x-unix", text).build(), Report.Kind.DELIVERY);
    }

    /**
     * Issue 13: a local delivery agent's failure (x-unix) is a mailer error unless it names a resource limit; Postfix
     * 3.7's local(8) and virtual(8) write a mailbox over its size limit as 5.2.2 with "input/output error"
     * (mta-generated/postfix-local-mailbox-size-limit.eml), the code alone naming the limit.
     */
    @Test
    void aLocalProgramsFailureUnderAFullMailboxCodeIsAFullMailbox() {
        Classification full = local("5.2.2", "input/output error");
        assertEquals(Reason.MAILBOX_FULL, full.reason());
        assertEquals("status:X.2.2", full.rule());
        assertEquals(Reason.MAILBOX_FULL, local("4.3.0", "Quota exceeded message delivery failed").reason());
        // the program's other failures stay mailer errors, whatever code they carry (a pipe's exit 67 is "user unknown", 5.1.1)
        assertEquals(Reason.MAILER_ERROR, local("5.1.1", "user unknown").reason());
        assertEquals(Reason.MAILER_ERROR, local("5.3.0", "service unavailable. Command output: cannot open config").reason());
        assertEquals(Reason.MAILER_ERROR, local("5.7.0", "permission denied").reason());
        assertEquals(Reason.MAILER_ERROR, local("4.3.0", "temporary failure").reason());
        assertEquals(Reason.MAILER_ERROR, local("5.2.0", "procmail: Lock failure on \"/var/mail/a.lock\"").reason());
    }

    /**
     * Issue 13: Sendmail 8.17 writes its own lookup of a local user that does not exist as "X-Unix; 550 5.1.1 User
     * unknown" (mta-generated/sendmail-local-user-unknown.eml): an SMTP reply with an address status under x-unix is
     * the MTA's verdict on the address; a program's exit code under the same status stays a mailer error.
     */
    @Test
    void anXUnixReplyWithAnAddressStatusIsTheMtasVerdictOnTheAddress() {
        Classification c = local("5.1.1", "550 5.1.1 User unknown");
        assertEquals(Reason.USER_UNKNOWN, c.reason());
        assertTrue(c.hard());
        assertEquals(Reason.MAILER_ERROR, local("5.1.1", "67").reason());
        assertEquals(Reason.MAILER_ERROR, local("5.1.1", "user unknown. Command output: procmail: No such user").reason());
        assertEquals(Reason.MAILER_ERROR, local("5.3.0", "554 5.3.0 unknown mailer error 1").reason());
    }

    /** Issue 13, list 3: a refused greeting is a block unless the text names a more precise cause. */
    @Test
    void aRefusedHeloThatNamesSpfOrAFullDiskIsNotABlock() {
        assertEquals(Reason.AUTH_FAILURE, failedAt("HELO", "", "550 5.7.1 SPF check failed for helo name").reason());
        assertEquals(Reason.SYSTEM_FULL, failedAt("CONN", "", "452 insufficient system storage").reason());
        assertEquals(Reason.BLOCKED, failedAt("CONN", "", "554 go away").reason());
    }

    @Test
    void aRefusedGreetingIsABlockAndARefusedSenderIsARejection() {
        assertEquals(Reason.BLOCKED, failedAt("EHLO", "", "550 Rejected").reason());
        assertEquals(Reason.REQUIRE_PTR, failedAt("HELO", "", "550 no PTR record for your address").reason());
        assertEquals(Reason.REJECTED, failedAt("MAIL", "5.1.0", "553 5.1.0 sender.example does not exist").reason());
        assertEquals(Reason.REJECTED, failedAt("MAIL", "", "553 sorry").reason());
        // a permanent refusal in the greeting refuses the connecting host; a connection that got no reply does not
        assertEquals(Reason.BLOCKED, failedAt("CONN", "", "554 mx.example : daily quota reached for 192.0.2.1").reason());
        assertEquals("command:CONN", failedAt("CONN", "", "554 no SMTP service here").rule());
        assertEquals(Reason.REQUIRE_PTR, failedAt("CONN", "", "554 no PTR record for your address").reason());
        assertNotEquals(Reason.BLOCKED, failedAt("CONN", "", "connect to mx.example[192.0.2.1]:25: Connection timed out").reason());
        assertNotEquals("command:CONN", failedAt("CONN", "", "421 try again later").rule());
    }

    @Test
    void vagueRecipientRefusalsWaitForTheStatusCode() {
        assertEquals(Reason.CONTENT_ERROR, failed("5.6.0", "550 5.6.0 <a@b>: Recipient address rejected: Media error").reason());
        assertEquals(Reason.USER_UNKNOWN, failed("", "550 <a@b>: Recipient address rejected.").reason());
        assertEquals(Reason.USER_UNKNOWN, failed("5.0.0", "550 5.0.0 <a@b>: Recipient address rejected.").reason());
        assertEquals(Reason.ON_HOLD, failed("5.0.0", "550 5.0.0 <a@b>: Recipient address rejected: Try the other door").reason());
    }

    @Test
    void textOverridesAnUnknownUserCodeWhenItNamesAnotherCause() {
        Classification c = failed("5.1.1", "550 5.1.1 Relay access denied");
        assertEquals(Reason.NO_RELAYING, c.reason());
    }

    @Test
    void aFullMailSystemCodeYieldsOnlyToATextNamingARateOrConnections() {
        assertEquals(Reason.SPEEDING, failed("4.3.1", "421 4.3.1 You send too many messages.").reason());
        assertEquals(Reason.TOO_MANY_CONN, failed("4.3.1", "421 4.3.1 Too many concurrent connections from your host").reason());
        assertEquals(Reason.SYSTEM_FULL, failed("4.3.1", "452 4.3.1 Insufficient system storage").reason());
        // a text naming another kind of cause does not move X.3.1
        assertEquals(Reason.SYSTEM_FULL, failed("4.3.1", "452 4.3.1 Mailbox full").reason());
    }

    @Test
    void multiLineRepliesAreJoinedBeforePhrasesAreMatched() {
        Classification c = failed("5.7.1", "550-5.7.1 Messages with multiple 550-5.7.1 addresses in From: header are not accepted.");
        assertEquals(Reason.NOT_COMPLIANT_RFC, c.reason());
    }

    @Test
    void theServersOwnCodeWinsOverTheQueueExpiryAroundIt() {
        Classification c = failed("4.4.7", "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>");
        assertEquals("4.4.2", c.status());
    }

    @Test
    void hardAndPermanentAreSeparateFacts() {
        Classification spam = failed("5.7.1", "550 5.7.1 spam");
        assertTrue(spam.permanent());
        assertFalse(spam.hard());
        assertEquals(Category.SOFT, spam.category());
        Classification tempUnknown = failed("4.1.1", "450 4.1.1 user unknown, try later");
        assertFalse(tempUnknown.permanent());
        assertTrue(tempUnknown.hard());
        Classification tempNullMx = failed("4.1.10", "null MX");
        assertFalse(tempNullMx.hard());
    }

    @Test
    void aTransientCodeAloneNeverMakesTheAddressDeadButTheServersWordsMay() {
        // RFC 3463 3.2: X.1.1, X.1.2, X.1.3, X.1.6 are "only useful for permanent failures"
        for (String code : new String[] {"4.1.1", "4.1.3", "4.1.4", "4.1.6", "4.1.0", "4.7.17"}) {
            Classification c = failed(code, "450 " + code + " Please come back in five minutes");
            assertFalse(c.hard(), code + " -> " + c);
            assertFalse(c.rule().startsWith("status:") && c.reason().hardByNature(), code + " -> " + c);
        }
        Classification unroutable = failed("4.4.4", "451 4.4.4 Unable to route at the moment");
        assertEquals(Reason.NETWORK_ERROR, unroutable.reason());
        assertFalse(unroutable.hard());
        // the same codes in class 5 still decide
        assertEquals("status:X.1.1", failed("5.1.1", "550 5.1.1 Please come back in five minutes").rule());
        assertTrue(failed("5.1.6", "550 5.1.6 Please come back in five minutes").hard());
        // the text names the dead address: hard, though the server wrote 450 (Postfix's
        // unknown_local_recipient_reject_code = 450, as its docs suggest while testing)
        Classification text = failedAt("RCPT", "4.1.1", "450 4.1.1 <a@b>: Recipient address rejected: User unknown in local recipient table");
        assertEquals(Reason.USER_UNKNOWN, text.reason());
        assertTrue(text.hard());
        assertFalse(text.permanent());
        assertTrue(text.rule().startsWith("phrase:"), text.rule());
    }

    @Test
    void otherMailboxStatusIsARefusalByAMailboxThatExists() {
        // RFC 3463 3.3 X.2.0: "The mailbox exists, but something about the destination mailbox has caused
        // the sending of this DSN"
        Classification permanent = failed("5.2.0", "550 5.2.0 Message refused");
        assertEquals(Reason.FILTERED, permanent.reason());
        assertFalse(permanent.hard());
        assertEquals("status:X.2.0", permanent.rule());
        Classification transientCode = failed("4.2.0", "450 4.2.0 Message refused for now");
        assertEquals(Reason.FILTERED, transientCode.reason());
        assertFalse(transientCode.hard());
    }

    @Test
    void aDelayNoticeIsNeverAVerdictOnTheAddress() {
        var r = RecipientStatus.builder().address("a@b.example", "dsn").action("delayed").status("4.1.1")
                .diagnostic("smtp", "450 4.1.1 <a@b.example>: Recipient address rejected: User unknown in local recipient table")
                .command("RCPT").build();
        Classification c = classifier.classify(r, Report.Kind.DELIVERY);
        assertEquals(Category.DELAYED, c.category());
        assertFalse(c.hard());
    }

    @Test
    void prefersTheServersSpecificCodeToAVagueStatusField() {
        Classification c = failed("5.0.0", "550 5.1.1 <a@b>... User unknown");
        assertEquals("5.1.1", c.status());
        assertEquals(Reason.USER_UNKNOWN, c.reason());
    }

    @Test
    void derivesAStatusWhenTheReportGivesNoneAndSaysSo() {
        Classification c = failedAt("RCPT", "", "550 Requested action not taken: mailbox unavailable (no such user)");
        assertEquals("5.1.1", c.status());
        assertTrue(c.statusDerived());
        assertEquals("550", c.replyCode());
        Classification noCode = failed("", "mailbox is full");
        assertEquals("5.2.2", noCode.status());
    }

    @Test
    void successAndDelayAreTheirOwnCategories() {
        var ok = classifier.classify(RecipientStatus.builder().action("delivered").status("2.0.0").build(), Report.Kind.DELIVERY);
        assertEquals(Reason.DELIVERED, ok.reason());
        assertEquals(Category.SUCCESS, ok.category());
        var delayed = classifier.classify(RecipientStatus.builder().action("delayed").status("4.4.0").build(), Report.Kind.DELIVERY);
        assertEquals(Category.DELAYED, delayed.category());
        assertEquals(Reason.EXPIRED, delayed.reason());
    }

    @Test
    void temporaryDnsFailuresAreNotUnknownHosts() {
        Classification c = failed("4.0.0", "DNS Error: lookup of x.example responded with code NXDOMAIN");
        assertEquals(Reason.NETWORK_ERROR, c.reason());
        assertFalse(c.hard());
    }

    @Test
    void complaintsAndAutoRepliesComeFromTheReportKind() {
        var r = RecipientStatus.builder().address("a@b.example", "dsn").feedbackType("abuse").build();
        assertEquals(Category.COMPLAINT, classifier.classify(r, Report.Kind.COMPLAINT).category());
        assertEquals(Reason.VACATION, classifier.classify(r, Report.Kind.AUTO_REPLY).reason());
    }

    @Test
    void aReportWithNothingToGoOnIsUndefinedAndOneWithUnplacedTextIsOnHold() {
        assertEquals(Reason.UNDEFINED, failed("", "").reason());
        assertEquals(Reason.ON_HOLD, failed("", "something odd happened").reason());
    }

    @Test
    void everyReasonHasAUniqueWireNameThatRoundTrips() {
        for (Reason r : Reason.values()) assertEquals(r, Reason.fromWire(r.wireName()));
    }

    @Test
    void aGreetingQuotedBeforeTheRefusalIsNotTheFailuresReplyCode() {
        // a server that answered its banner line and then refused: the report quotes both replies
        assertEquals("421", failed("4.2.1", "220-mx.example.org 421 4.2.1 Service refused, try again later").replyCode());
        // no 4xx or 5xx in a failure's text: no reply code rather than the acceptance
        assertEquals("", failed("", "354 End data with <CR><LF>.<CR><LF>; connection lost").replyCode());
        // a delivered recipient keeps its 250
        var ok = classifier.classify(RecipientStatus.builder().address("a@b.example", "dsn").action("delivered")
                .status("2.0.0").diagnostic("smtp", "250 2.0.0 Ok: queued").build(), Report.Kind.DELIVERY);
        assertEquals("250", ok.replyCode());
    }

    @Test
    void theReportedReplyCodeIsADefinedCodeOfTheStatussClass() {
        // a 5xx quoted in a report whose status says the failure is transient is an earlier reply
        assertEquals("", failed("4.4.1", "550 4.4.7 QUEUE.Expired; message expired 441 4.4.1 Error encountered").replyCode());
        // second digits 3 and 4 are unspecified in RFC 5321 (but for RFC 4954's AUTH codes): a vendor's number
        assertEquals("", failed("5.0.0", "542 someone@example.org Rejected").replyCode());
        assertEquals("530", failed("5.7.0", "530 5.7.0 Must issue a STARTTLS command first").replyCode());
        // the code further into a transcript is reported when none leads the text
        assertEquals("554", failed("5.5.0", "mail.local: unknown user: kim 554 <kim@example.net>... Service unavailable").replyCode());
        // and a code that does not lead the text still decides nothing by itself: the reason comes from the words
        assertEquals(Reason.USER_UNKNOWN, failed("5.5.0", "mail.local: unknown user: kim 554 <kim@example.net>... Service unavailable").reason());
    }

    /** The reply code reported is the one written with the status chosen from the text, when it is a defined code. */
    @Test
    void theReplyCodeIsTheOneThatCarriesTheChosenStatus() {
        Classification c = failed("4.4.7", "400 4.4.7 Message delayed 451 4.4.0 Primary target IP address responded with: "
                + "\"421 4.3.0 Temporary System Problem. Try again later.\"");
        assertEquals("4.3.0", c.status());
        assertEquals("421", c.replyCode());
        assertEquals(Reason.SYSTEM_ERROR, c.reason(), "the relay's words 'IP address' name no block list");
        // "441" is no reply code RFC 5321 defines: the one given first stays
        assertEquals("400", failed("4.4.1", "400 4.4.7 Message delayed; 441 4.4.1 Error encountered while communicating with "
                + "primary target IP address: \"Failed to connect\"").replyCode());
        assertEquals("421", Classifier.replyCodeBefore("x 421-4.3.0 y 421 4.3.0 z", "4.3.0"));
        assertEquals("", Classifier.replyCodeBefore("x 4.3.0", "4.3.0"));
        assertEquals("", Classifier.replyCodeBefore("id 1421 4.3.0", "4.3.0"));
        assertEquals("", Classifier.replyCodeBefore("550 4.3.01", "4.3.0"));
    }
}
