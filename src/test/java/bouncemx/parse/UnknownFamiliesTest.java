package bouncemx.parse;

import bouncemx.event.Event;
import bouncemx.testing.Engine;
import bouncemx.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, list 1: families no dialect of ours is written for, read by the dialect-independent plain-text
 * reader (a mail-system sender, a bounce Subject in the writer's language, the address and the text beside
 * or under it, an SMTP session log when there is one). The fixtures under src/test/resources/families/ are
 * ours, written from the MTAs' documented templates and defaults (each test says which), with invented
 * addresses and hosts; none comes from another bounce parser.
 */
class UnknownFamiliesTest {

    static Event only(String file) {
        return Engine.only("families/" + file);
    }

    static void verdict(Event e, String type, String recipient, String reason, boolean hard, String status, String reply) {
        assertEquals(type, e.type(), "type");
        assertEquals(recipient, e.recipientAddress(), "recipient");
        assertEquals(reason, e.classification().reason().wireName(), "reason");
        assertEquals(hard, e.classification().hard(), "hard");
        assertEquals(status, e.classification().status(), "status");
        assertEquals(reply, e.classification().replyCode(), "reply code");
    }

    /**
     * MDaemon's notice (default subject "Permanent Delivery Failure", From MDaemon@host, its "--- Session
     * Transcript ---" with "-->"/"<--" lines after time stamps): the 550 answering RCPT is the failure, the
     * 221 answering QUIT is not, and the "*  To:" line above names the recipient without saying why.
     */
    @Test
    void mdaemonsSessionTranscriptGivesTheRefusalOfRcpt() {
        Event e = only("mdaemon-permanent-failure.eml");
        verdict(e, "bounce.hard", "otto@partner.example", "userunknown", true, "5.1.1", "550");
        assertEquals("RCPT", e.recipient().command());
        assertTrue(e.recipient().diagnosticText().startsWith("550 5.1.1"), e.recipient().diagnosticText());
        assertEquals("<offer-601@sender.example>", e.original().messageId());
    }

    /**
     * GroupWise's GWIA status message "Message status - undeliverable": the reason in brackets beside the
     * address. With no RCPT named and no 5.1.x code, an "unknown user" text is read as a filter's refusal
     * (the classifier's not-rcpt rule, as Sisimai reads such texts), so it is not hard.
     */
    @Test
    void groupwisesUndeliverableStatusMessageGivesTheReasonBesideTheAddress() {
        Event e = only("groupwise-undeliverable.eml");
        verdict(e, "bounce.soft", "bea.ortiz@lawfirm.example", "filtered", false, "5.7.1", "");
        assertTrue(e.classification().rule().endsWith(">not-rcpt"), e.classification().rule());
        assertEquals("<offer-602@sender.example>", e.original().messageId());
    }

    /** GroupWise's list of bare addresses, then its "Command: ... / Response: ..." transcript further down. */
    @Test
    void groupwisesBareAddressListTakesItsReasonFromTheTranscriptBelow() {
        Event e = only("groupwise-transcript.eml");
        verdict(e, "bounce.soft", "carl@mail.lawpartner.example", "mailboxfull", false, "5.2.2", "552");
        assertEquals("RCPT", e.recipient().command());
    }

    /** An older AOL notice: "address : 552 ... MAILBOX FULL" on one line, the code right after the address. */
    @Test
    void theReplyCodeRightAfterTheAddressIsRead() {
        Event e = only("aol-old-mailbox-full.eml");
        verdict(e, "bounce.soft", "dora1977@aol.com", "mailboxfull", false, "5.2.2", "552");
    }

    /** A USA.NET-style "Recipient: / Reason:" block; the postmaster contact line below names no recipient. */
    @Test
    void aRecipientAndReasonLabelBlockIsOneEntry() {
        Event e = only("usanet-delivery-failure.eml");
        verdict(e, "bounce.hard", "gus.h@usa.net", "userunknown", true, "5.1.1", "550");
    }

    /**
     * A plain-text NDR written through CDO (Exchange 2000/2003's "Your message did not reach some or all of the
     * intended recipients" wording, "System Administrator" sender): the status in "&lt;host #5.1.1&gt;".
     */
    @Test
    void aCdoPlainTextNdrIsReadFromItsRecipientParagraph() {
        Event e = only("cdo-plain-ndr.eml");
        verdict(e, "bounce.hard", "ivo.k@firm.example", "userunknown", true, "5.1.1", "");
    }

    /**
     * Coremail-style Chinese notice in GB2312, base64 ("系统退信" subject, "收件人：" and "退信原因：" labels with
     * full-width colons): the address is cut at the full-width colon and the server's reply after its label.
     */
    @Test
    void aChineseGb2312NoticeGivesItsRecipientAndTheQuotedReply() {
        Event e = only("coremail-gb2312-user-unknown.eml");
        verdict(e, "bounce.hard", "lin.wei@corp-cn.example", "userunknown", true, "5.1.1", "550");
    }

    /** A QQ-style Chinese notice with no code at all: the reason comes from the Chinese wording ("空间已满"). */
    @Test
    void aChineseNoticeWithoutCodesIsClassifiedByItsWording() {
        Event e = only("webmail-gb2312-mailbox-full.eml");
        verdict(e, "bounce.soft", "zhao.min@qq-like.example", "mailboxfull", false, "5.2.2", "");
    }

    /** A Russian notice in UTF-8 ("Сообщение не доставлено", "Причина: 550 ..."). */
    @Test
    void aRussianUtf8NoticeIsRead() {
        Event e = only("russian-utf8-user-unknown.eml");
        verdict(e, "bounce.hard", "ivan.petrov@firma.example", "userunknown", true, "5.1.1", "550");
    }

    /** A Russian notice in KOI8-R ("Недоставленное сообщение", "почтовый ящик переполнен"). */
    @Test
    void aRussianKoi8rNoticeIsClassifiedByItsWording() {
        Event e = only("russian-koi8r-mailbox-full.eml");
        verdict(e, "bounce.soft", "olga@zavod.example", "mailboxfull", false, "5.2.2", "");
    }

    /** A French/English bilingual banner ("Non remis / Undeliverable", "Server response: 550 ..."). */
    @Test
    void aBilingualFrenchEnglishNoticeIsRead() {
        Event e = only("bilingual-fr-en-user-unknown.eml");
        verdict(e, "bounce.hard", "paul.tremblay@gouv-qc.example", "userunknown", true, "5.1.1", "550");
    }

    /**
     * A postmaster's hand-written notice: no bounce Subject, but a postmaster sender and "could not be
     * delivered" in its text; the contact line names no recipient. "user unknown" with no RCPT named is the
     * classifier's not-rcpt reading (filtered), as for the GroupWise status message.
     */
    @Test
    void aHandWrittenPostmasterNoticeIsRecognisedByItsSenderAndItsWords() {
        Event e = only("postmaster-handwritten-notice.eml");
        assertEquals("jill.moss@school.example", e.recipientAddress());
        assertEquals("failed", e.recipient().action());
        assertEquals("text", e.decodedBy());
    }

    /** An appliance's "Mail System Error - Returned Mail": the address alone, the reason in the paragraph under it. */
    @Test
    void aBareAddressTakesTheReasonParagraphUnderIt() {
        Event e = only("appliance-mail-system-error.eml");
        verdict(e, "bounce.hard", "ken@corp.example", "userunknown", true, "5.1.1", "550");
    }

    /**
     * X-Failed-Recipients names the recipient that the prose never writes; the sentence that says why is its
     * diagnostic, and "552 5.2.2" inside brackets is read as a reply code with its status; the support
     * contact is no recipient.
     */
    @Test
    void xFailedRecipientsNamesTheRecipientOfAProseNotice() {
        Event e = only("x-failed-recipients-prose.eml");
        verdict(e, "bounce.soft", "lou.park@client.example", "mailboxfull", false, "5.2.2", "552");
        assertEquals("header", e.recipientSource());
    }

    /**
     * A notice that first quotes the original's fields, indented ("This report relates to a message you sent
     * with the following header fields:", as Sun/Netscape Messaging Server writes it), then the recipients:
     * the quoted block is no quoted original, and its To: is no recipient.
     */
    @Test
    void anIndentedBlockOfTheOriginalsFieldsBeforeTheRecipientsIsSkipped() {
        Event e = only("header-block-before-recipients.eml");
        verdict(e, "bounce.hard", "pia.holm@univ.example", "userunknown", true, "5.1.1", "550");
    }

    /** "Your message to: &lt;addr&gt; was not delivered: ..."; the quoted original's To (two addresses) adds none. */
    @Test
    void theQuotedOriginalsToAddsNoRecipient() {
        Event e = only("simple-your-message-to.eml");
        verdict(e, "bounce.soft", "max.ek@town.example", "mailboxfull", false, "5.2.2", "");
    }

    /** A German notice in ISO-8859-1 ("Unzustellbar:", "Grund: 550 5.1.1 Benutzer unbekannt"). */
    @Test
    void aGermanNoticeIsRead() {
        Event e = only("german-notice-user-unknown.eml");
        verdict(e, "bounce.hard", "jonas.weber@firma-de.example", "userunknown", true, "5.1.1", "550");
    }

    /** A Portuguese notice, quoted-printable UTF-8, Subject in RFC 2047 ("Mensagem não entregue", "caixa postal cheia"). */
    @Test
    void aPortugueseQuotedPrintableNoticeIsClassifiedByItsWording() {
        Event e = only("portuguese-notice-mailbox-full.eml");
        verdict(e, "bounce.soft", "ana.souza@empresa-br.example", "mailboxfull", false, "5.2.2", "");
    }

    /** A prose notice that names nobody: the returned original was sent to one address, so that address failed. */
    @Test
    void aNoticeThatNamesNobodyTakesTheOnlyAddressOfTheReturnedOriginal() {
        Event e = only("prose-notice-original-to.eml");
        verdict(e, "bounce.soft", "nora.vik@smallisp.example", "mailboxfull", false, "5.2.2", "");
        assertEquals("header", e.recipientSource());
        assertEquals("<offer-909@sender.example>", e.original().messageId());
    }

    /** The same notice over an original sent to two people does not say which one failed: no recipient is guessed. */
    @Test
    void anOriginalSentToSeveralAddressesGivesNoRecipient() {
        List<Event> events = Engine.events(Samples.bytes("families/prose-notice-original-to-several.eml"));
        assertEquals(1, events.size());
        assertEquals("", events.get(0).recipientAddress());
        assertEquals("message.unclassified", events.get(0).type());
    }

    /**
     * A gateway's "Warning: Undelivered mail" that says it keeps trying ("This is a warning only", "you do not
     * need to resend"): a delay, never a failure, though its Subject reads like one.
     */
    @Test
    void aWarningThatKeepsTryingIsADelayWhateverItsSubject() {
        Event e = only("warning-undelivered-mail-still-trying.eml");
        assertEquals("bounce.delayed", e.type());
        assertEquals("ines@branch.example", e.recipientAddress());
        assertEquals("delayed", e.recipient().action());
        assertEquals("421", e.classification().replyCode());
        assertEquals(false, e.classification().hard());
    }

    /** A plain-text relay notice from a postmaster ("Delivery to the following recipients was complete") is no bounce. */
    @Test
    void aPlainTextRelayNoticeIsNoBounce() {
        List<Event> events = Engine.events(Samples.bytes("families/plain-relay-notice-not-a-bounce.eml"));
        assertEquals(1, events.size());
        assertEquals("message.unclassified", events.get(0).type());
        assertEquals("", events.get(0).recipientAddress());
    }

    /**
     * Notices that say why before they list who (Mirapoint-style "This Message was undeliverable due to the
     * following reason:", MMDF's "After 12 days (288 hours), your message could not be fully delivered. It was
     * intended for the following recipients:", an appliance's "Unable to deliver message to the following
     * recipients, due to being unable to connect ..."): a bare address takes the paragraph above its list.
     */
    @Test
    void aBareAddressTakesTheReasonStatedAboveItsList() {
        verdict(only("reason-above-the-list-over-quota.eml"), "bounce.soft", "rita@mira.example", "mailboxfull", false, "5.2.2", "");
        verdict(only("reason-above-the-list-expired.eml"), "bounce.soft", "kim@mmdf.example", "expired", false, "4.4.7", "");
        verdict(only("reason-above-the-list-no-connection.eml"), "bounce.soft", "jack@dead.example", "networkerror", false, "5.4.0", "");
        // the cause two paragraphs above a lead-in sentence, a contact line for the postmaster under the list
        verdict(only("reason-above-the-list-not-delivered-within-days.eml"), "bounce.soft", "ivan@ns.example", "expired", false, "4.4.7", "");
    }

    /**
     * A bare address whose reason comes further down, in a paragraph naming it again ("Technical details of
     * permanent failure: 550 5.1.1 No such user (dave@...)"), keeps that reason, not the lead paragraph's.
     */
    @Test
    void aLaterParagraphNamingTheAddressWinsOverTheLeadParagraph() {
        Event e = only("bare-address-reason-in-technical-details.eml");
        verdict(e, "bounce.hard", "dave@corp.example", "userunknown", true, "5.1.1", "550");
        assertTrue(e.recipient().diagnosticText().contains("No such user"), e.recipient().diagnosticText());
    }

    /** MailEnable's "Recipient: [SMTP:...]" / "Reason: ... domain name ... does not appear to be registered." */
    @Test
    void aDomainThatIsNotRegisteredIsAnUnknownHost() {
        verdict(only("recipient-and-reason-domain-not-registered.eml"), "bounce.hard", "hank@nodomain.example", "hostunknown", true, "5.1.2", "");
    }

    /**
     * Mercury/32's "Unknown or illegal user" line before its "---- Unsent message follows ----": a user-unknown
     * text with no command and no 5.1.x code is a filter's words under the not-rcpt rule, as for GroupWise.
     */
    @Test
    void anUnknownOrIllegalUserLineIsReadAsAnUnknownUserText() {
        Event e = only("unsent-message-follows-illegal-user.eml");
        verdict(e, "bounce.soft", "quinn@mercury.example", "filtered", false, "5.7.1", "");
        assertEquals("phrase:unknown or illegal user>not-rcpt", e.classification().rule());
    }

    /**
     * A sentence that names the address without the server's words, and the next paragraph that quotes them
     * ("Your message wasn't delivered to ... because the address couldn't be found" / "The response from the
     * remote server was: 550 5.1.1 ..."), in a multipart/alternative notice with no DSN part: the quoted
     * reply is the diagnostic.
     */
    @Test
    void theServersResponseInTheNextParagraphIsTheDiagnostic() {
        Event e = only("sentence-then-server-response.eml");
        verdict(e, "bounce.hard", "fay@far.example", "userunknown", true, "5.1.1", "550");
    }

    /**
     * The cause stated two paragraphs above the list, with a lead-in sentence between ("Host nowhere.example
     * not found" / "The following recipients did not receive this message:" / the address): the lead-in does
     * not hide the cause.
     */
    @Test
    void aLeadInSentenceDoesNotHideTheCauseAboveIt() {
        Event e = only("cause-above-a-lead-in-host-not-found.eml");
        verdict(e, "bounce.hard", "xia@nowhere.example", "hostunknown", true, "5.1.2", "");
        assertTrue(e.recipient().diagnosticText().contains("Host nowhere.example not found"), e.recipient().diagnosticText());
    }

    /** "Not delivered to recipient ADDR", then a "** Reason: 550 ..." paragraph: the reply is the diagnostic. */
    @Test
    void aReasonParagraphUnderASentenceNamingTheAddressIsItsDiagnostic() {
        Event e = only("reason-paragraph-under-a-sentence.eml");
        assertEquals("ted@ibm.example", e.recipientAddress());
        assertEquals("550", e.classification().replyCode());
        assertTrue(e.recipient().diagnosticText().contains("Unknown local user"), e.recipient().diagnosticText());
    }

    static byte[] notice(String subject, String from, String returnPath) {
        String m = (returnPath == null ? "" : "Return-Path: " + returnPath + "\n") + "From: " + from
                + "\nTo: bounces@bounce.shop.example\nSubject: " + subject
                + "\nDate: Tue, 1 Dec 2026 10:00:00 +0000\nMessage-ID: <n1@x.example>\n\n"
                + "The following address failed:\n\n    user1@far.example\n    550 5.1.1 User unknown\n\n";
        return m.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Subjects and senders of smaller MTAs' and gateways' notices, each with a null reverse-path and a
     * minimal body: each is recognised and names its recipient.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Nondeliverable mail                               | MAILER-DAEMON@a.example
            Delivery Notification: Delivery has failed       | Internet Mail Delivery <postmaster@a.example>
            NDN: December offers                              | Mail Administrator <admin@a.example>
            Notice: mail delivery status.                     | MAILER-DAEMON@a.example
            Rejected: December offers                         | System Administrator <sysadmin@a.example>
            Error sending message                             | Mail Server <server@a.example>
            DSN: failed                                       | Mail Delivery <noreply@a.example>
            failed mail                                       | root@a.example
            Benachrichtigung zum Übermittlungsstatus (Fehler) | Mail Delivery System <MAILER-DAEMON@a.example>
            Message rejected                                  | Spam Filter <filter@a.example>
            Mail delivery error                               | Email System <no-reply@a.example>
            """)
    void noticesOfSmallerSystemsAreRecognised(String subject, String from) {
        List<Event> events = Engine.events(notice(subject, from, "<>"));
        assertEquals(1, events.size(), subject);
        assertEquals("bounce.hard", events.get(0).type(), subject);
        assertEquals("user1@far.example", events.get(0).recipientAddress(), subject);
    }

    /** The same text from a person, replying under their own address and subject, is not a bounce. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Re: December offers    | Jane Roe <jane@a.example>  | <jane@a.example>
            Question about my order | Jane Roe <jane@a.example> | <jane@a.example>
            """)
    void theSameTextFromAPersonIsNoBounce(String subject, String from, String returnPath) {
        List<Event> events = Engine.events(notice(subject, from, returnPath));
        assertEquals(1, events.size(), subject);
        assertEquals("message.unclassified", events.get(0).type(), subject);
    }
}
