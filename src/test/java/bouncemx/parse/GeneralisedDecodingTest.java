package bouncemx.parse;

import bouncemx.event.Event;
import bouncemx.testing.Engine;
import bouncemx.testing.Samples;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, lists 1, 2 and 4: shapes of reports that the dialects must read however their writer bends the
 * rules. The fixtures under src/test/resources/generalised/ are ours, written from RFC 3464 / RFC 5321 and
 * the MTAs' documented templates (each test says which); none comes from another bounce parser.
 */
class GeneralisedDecodingTest {

    static Event only(String file) {
        return Engine.only("generalised/" + file);
    }

    static void verdict(Event e, String type, String recipient, String reason, String status, String reply) {
        assertEquals(type, e.type());
        assertEquals(recipient, e.recipientAddress());
        assertEquals(reason, e.classification().reason().wireName());
        assertEquals(status, e.classification().status());
        assertEquals(reply, e.classification().replyCode());
    }

    @Test
    void aWhitespaceOnlyFirstLineDoesNotHideTheHeader() {
        Event e = only("blank-first-line-dsn.eml");
        verdict(e, "bounce.hard", "robin@shop.example", "userunknown", "5.1.1", "550");
        assertEquals("<offer-501@sender.example>", e.original().messageId());
    }

    @Test
    void aReportForwardedAsAnAttachmentIsDecodedFromTheAttachment() {
        Event e = only("forwarded-report-in-mixed.eml");
        verdict(e, "bounce.soft", "kim@corp.example", "mailboxfull", "5.2.2", "552");
        assertEquals("dsn", e.recipientSource());
        assertEquals("<offer-502@sender.example>", e.original().messageId());
    }

    /** Exim's plain-text notice (deliver.c's template), forwarded by a person as an attachment: read from the attachment. */
    @Test
    void aPlainTextBounceForwardedAsAnAttachmentIsDecodedFromTheAttachment() {
        Event e = only("forwarded-plain-text-bounce.eml");
        verdict(e, "bounce.hard", "sam@far.example", "userunknown", "5.1.1", "550");
        assertEquals("exim", e.decodedBy());
    }

    /** A JMRP complaint forwarded by a person names the complaining reader, not the forwarded notice's To. */
    @Test
    void aForwardedComplaintNamesTheComplainingReader() {
        Event e = only("forwarded-jmrp-complaint.eml");
        assertEquals("complaint", e.type());
        assertEquals("quinn.reader@hotmail.example", e.recipientAddress());
    }

    /**
     * An HTML-only notice (a webmail provider's) whose source breaks a line after each &lt;br&gt;: the
     * source's line breaks are blanks, so the reply that goes on after "said: 452 4.2.2" is not cut off.
     */
    @Test
    void anHtmlOnlyNoticeReadsItsReplyWhole() {
        Event e = only("html-only-wrapped-source.eml");
        verdict(e, "bounce.soft", "tom@webmail.example", "mailboxfull", "4.2.2", "452");
        assertTrue(e.recipient().diagnosticText().contains("Mailbox full, quota exceeded"), e.recipient().diagnosticText());
    }

    /**
     * A sendmail notice (savemail.c's sections) whose long reply a relay re-wrapped: the indented line after
     * "<<< 550 ..." and after "(reason: ..." goes on the same reply, and it names the cause.
     */
    @Test
    void aSendmailReplyWrappedOntoAnIndentedLineIsReadWhole() {
        Event e = only("sendmail-rewrapped-reply.eml");
        verdict(e, "bounce.soft", "uma@far.example", "mailboxfull", "5.2.2", "550");
        assertEquals("550 Requested action not taken: mailbox full, quota exceeded", e.recipient().diagnosticText());
    }

    /**
     * RFC 3464 fields folded after "smtp;" and "rfc822;" (white space is no part of a value), with a multi-line
     * reply whose first line is folded and whose later lines stand unindented at column 0.
     */
    @Test
    void aFoldedDiagnosticCodeKeepsItsUnindentedReplyLines() {
        List<Event> events = Engine.events(Samples.bytes("generalised/dsn-folded-multiline-reply-unindented.eml"));
        assertEquals(2, events.size(), events.toString());
        verdict(events.get(0), "bounce.hard", "ola@mail.example", "userunknown", "5.1.1", "550");
        assertTrue(events.get(0).recipient().diagnosticText().contains("unnecessary spaces"), events.get(0).recipient().diagnosticText());
        assertEquals("mx.mail.example", events.get(0).recipient().remoteMta());
        verdict(events.get(1), "bounce.soft", "per@mail.example", "mailboxfull", "5.2.2", "552");
    }

    @Test
    void anUnindentedMultiLineReplyInADsnBlockIsOneDiagnosticAndLaterFieldsAndRecipientsSurvive() {
        List<Event> events = Engine.events(Samples.bytes("generalised/dsn-multiline-reply-unindented.eml"));
        assertEquals(2, events.size(), events.toString());
        Event a = events.get(0);
        verdict(a, "bounce.hard", "ana@mail.example", "userunknown", "5.1.1", "550");
        assertTrue(a.recipient().diagnosticText().contains("unnecessary spaces"), a.recipient().diagnosticText());
        assertEquals("mx.mail.example", a.recipient().remoteMta());
        Event b = events.get(1);
        verdict(b, "bounce.soft", "ben@mail.example", "mailboxfull", "5.2.2", "552");
        assertEquals("mx.mail.example", b.recipient().remoteMta());
    }

    @Test
    void looselyWrittenDeliveryStatusFieldsAreRead() {
        Event e = only("dsn-loose-fields.eml");
        verdict(e, "bounce.hard", "lou@firm.example", "userunknown", "5.1.1", "550");
        assertEquals("dsn", e.recipientSource());
        assertEquals("mail.firm.example", e.recipient().remoteMta());
    }

    @Test
    void theReplyCodeAfterSaidIsTheReplyCode() {
        Event e = only("dsn-reply-code-after-said.eml");
        assertEquals("max@isp.example", e.recipientAddress());
        assertEquals("554", e.classification().replyCode());
        assertEquals("bounce.soft", e.type());
    }

    @Test
    void theDsnRecipientWinsOverAVerpReadingThatIsNoAddress() {
        Event e = only("verp-that-is-no-address.eml");
        verdict(e, "bounce.hard", "jo@corp.example", "userunknown", "5.1.1", "550");
        assertEquals("dsn", e.recipientSource());
    }

    @Test
    void theReplyToQuitIsNotTheFailure() {
        Event e = only("sendmail-transcript-ends-with-quit.eml");
        assertEquals("sam@agency.example", e.recipientAddress());
        assertEquals("554", e.classification().replyCode());
        assertEquals("5.7.1", e.classification().status());
        assertEquals("DATA", e.recipient().command());
        assertTrue(e.recipient().diagnosticText().contains("spam detected"), e.recipient().diagnosticText());
    }

    @Test
    void aReplyContinuationStartingWithAnAddressIsNoNewRecipient() {
        Event e = only("dsn-reply-continuation-starts-with-address.eml");
        verdict(e, "bounce.hard", "pat@corp.example", "userunknown", "5.1.1", "550");
        assertTrue(e.recipient().diagnosticText().contains("no mailbox by that name"), e.recipient().diagnosticText());
        assertEquals("mx.corp.example", e.recipient().remoteMta());
    }

    /** Exim's bounce text (deliver.c), quoted-printable with soft breaks inside the addresses, as a relay re-encodes it. */
    @Test
    void quotedPrintableSoftBreaksInsideFailedRecipientLinesAreUndone() {
        Event e = only("qp-failed-recipient-lines.eml");
        verdict(e, "bounce.hard", "someone.with.a.long.local.part@subsidiary.example", "userunknown", "5.1.1", "550");
    }

    /** The last-resort plain-text reading: contact, help and Received lines name no failed recipient. */
    @Test
    void contactLinesExampleAddressesAndReceivedForClausesAreNoRecipients() {
        Event e = only("plain-text-with-contact-and-example-lines.eml");
        verdict(e, "bounce.hard", "kai@branch.example", "userunknown", "5.1.1", "550");
    }

    /**
     * The notice's To is not the only sign of the sender's own address: without it (a relay or an archive dropped
     * it), the returned original's From, a "MAIL From:&lt;...&gt;" transcript line and a sender label in the
     * notice's language ("发件人：") still name no failed recipient, and the cause above a list still reaches past
     * the line naming the sender (amavisd-new's "presumably from you &lt;...&gt;").
     */
    @Test
    void withoutItsToANoticeStillNamesOnlyTheFailedRecipients() {
        for (String file : List.of("families/coremail-gb2312-user-unknown.eml", "replies/mdaemon-transcript-quit-421-after-refusal.eml",
                "templates/amavis-spam-sender-notice.eml", "templates/amavis-virus-sender-notice.eml", "families/mdaemon-permanent-failure.eml")) {
            byte[] raw = Samples.bytes(file);
            String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\n\n");
            String header = text.substring(0, end + 1).replaceAll("(?m)^To:[^\n]*\n(?:[ \t][^\n]*\n)*", "");
            byte[] withoutTo = (header + text.substring(end + 1)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            assertEquals(digest(Engine.events(raw)), digest(Engine.events(withoutTo)), file);
        }
    }

    private static List<String> digest(List<Event> events) {
        return events.stream().map(e -> e.type() + "|" + e.recipientAddress() + "|" + e.classification().reason().wireName()
                + "|" + e.classification().status()).toList();
    }

    /**
     * Contact sentences in the notice's own language name no failed recipient either: Japanese "... までご連絡ください"
     * and Chinese "请与 ... 联系" above the failed address gave two extra recipients.
     */
    @Test
    void contactSentencesInOtherLanguagesNameNoRecipient() {
        Event e = only("japanese-contact-line-before-recipient.eml");
        verdict(e, "bounce.hard", "sato.hana@corp-jp.example", "userunknown", "5.1.1", "550");
    }

    /**
     * Instructions to write to the notice's help desk ("Questions? Email support@...", "by writing to ...",
     * "forward this notice to ...", "send mail to ...") name no failed recipient.
     */
    @Test
    void instructionsToWriteToAnAddressNameNoRecipient() {
        Event e = only("plain-text-with-write-to-instructions.eml");
        verdict(e, "bounce.hard", "lena.ortiz@branch.example", "userunknown", "5.1.1", "550");
    }

    /**
     * A notice from an address that is no daemon's ("no-reply@") under a Subject of its own is still a notice
     * when it came with a null reverse-path and quotes a refusal with its status code; the same sender's
     * ordinary mail with a null reverse-path is not.
     */
    @Test
    void aNullReversePathAndAQuotedRefusalMakeANoticeOfAnySenderAndSubject() {
        Event e = only("noreply-sender-own-subject-null-return-path.eml");
        verdict(e, "bounce.hard", "ines.braga@remote-isp.example", "userunknown", "5.1.1", "550");
        assertEquals("message.unclassified", only("noreply-sender-null-return-path-no-failure.eml").type());
    }

    /** The same verbs after a word of the failure ("We were unable to send mail to ...") still name the recipient. */
    @Test
    void aFailureSentenceWithTheSameVerbsStillNamesTheRecipient() {
        Event e = only("plain-text-unable-to-send-mail-to.eml");
        verdict(e, "bounce.hard", "omar.wells@branch.example", "userunknown", "5.1.1", "550");
    }

    /** Sendmail's plain-text delay warning (the savemail.c/queue.c texts, no MIME, no DSN part) is a delay, not a failure. */
    @Test
    void sendmailsPlainTextDelayWarningIsADelay() {
        Event e = only("sendmail-plain-delay-warning.eml");
        assertEquals("bounce.delayed", e.type());
        assertEquals("lee@slow.example", e.recipientAddress());
        assertEquals(false, e.classification().hard());
        assertEquals("<offer-509@sender.example>", e.original().messageId());
    }

    /**
     * An Exchange 5.5 IMS non-delivery report (the layout of Microsoft's Exchange 5.5 NDR documentation) whose
     * Exchange headers were lost on the way: the MSEXCH: routing line still names its writer.
     */
    @Test
    void anExchange55ReportWithoutItsHeadersIsKnownByItsMsexchLine() {
        Event e = only("exchange55-plain-ndr.eml");
        assertEquals("exchange2003", e.decodedBy());
        assertEquals("rita@corp.example", e.recipientAddress());
        assertEquals("userunknown", e.classification().reason().wireName());
        assertEquals(true, e.classification().hard());
    }

    /** The forwarded-report reading never replaces a bounce that decodes on its own and returns a report as its original. */
    @Test
    void aBounceThatReturnsAReportAsItsOriginalStaysItself() {
        Event e = only("bounce-returning-a-report-as-original.eml");
        assertEquals("abuse-desk@partner.example", e.recipientAddress());
        assertEquals("userunknown", e.classification().reason().wireName());
    }

    /** A returned original whose writer left an extra blank line before its header still gives its Message-ID. */
    @Test
    void aReturnedOriginalAfterABlankLineKeepsItsHeader() {
        Event e = only("returned-original-after-a-blank-line.eml");
        verdict(e, "bounce.hard", "nia@corp.example", "userunknown", "5.1.1", "550");
        assertEquals("<offer-512@sender.example>", e.original().messageId());
    }

    /** A gateway's plain-text delay warning (no DSN part): the recipient is still being tried, so the event is a delay. */
    @Test
    void aPlainTextDelayWarningIsADelay() {
        Event e = only("gateway-plain-delay-warning.eml");
        assertEquals("bounce.delayed", e.type());
        assertEquals("val@firm.example", e.recipientAddress());
        assertEquals("delayed", e.recipient().action());
        assertEquals("451", e.classification().replyCode());
        assertEquals(false, e.classification().hard());
    }

    /**
     * RFC 3464 fields written loosely in one delivery-status part: lowercase names, no address type, an
     * uppercase Action, "RFC822; &lt;addr&gt;", a bare Remote-MTA, "smtp ; 552 ..." and no blank after the colon.
     */
    @Test
    void everyLooseSpellingOfDeliveryStatusFieldsIsRead() {
        List<Event> events = Engine.events(Samples.bytes("generalised/dsn-loose-fields-variants.eml"));
        assertEquals(3, events.size(), events.toString());
        verdict(events.get(0), "bounce.hard", "amy@mixed.example", "userunknown", "5.1.1", "550");
        verdict(events.get(1), "bounce.soft", "bob@mixed.example", "mailboxfull", "5.2.2", "552");
        assertEquals("smtp", events.get(1).recipient().diagnosticType());
        assertEquals("mx.mixed.example", events.get(1).recipient().remoteMta());
        verdict(events.get(2), "bounce.soft", "cat@mixed.example", "spamdetected", "5.7.1", "554");
        for (Event e : events) assertEquals("dsn", e.recipientSource());
    }

    /**
     * A person's inline forward of a notice (the client's banner, the notice's header lines, its text) is read
     * as the notice it carries, like a forward as attachment. Each client's layout (Gmail, Outlook old and
     * new, Thunderbird, Apple Mail, a nested reply quote) carrying the notice of Postfix (bounce(8)'s
     * template), Exchange 2013+ (Microsoft's documented NDR), Exim (deliver.c), Sendmail, qmail
     * (qmail-send.c) and a plain-text notice read only with the notice's own From and Subject.
     */
    @Test
    void aNoticeForwardedInlineIsReadAsTheNoticeItCarries() {
        verdict(only("inline-gmail-forward-postfix.eml"), "bounce.hard", "bob@far.example", "userunknown", "5.1.1", "550");
        assertEquals("postfix", only("inline-gmail-forward-postfix.eml").decodedBy());
        verdict(only("inline-outlook-forward-exchange.eml"), "bounce.hard", "dee@far.example", "userunknown", "5.1.1", "550");
        verdict(only("inline-outlook-new-forward-sendmail.eml"), "bounce.hard", "lou@far.example", "userunknown", "5.1.1", "550");
        verdict(only("inline-thunderbird-forward-exim.eml"), "bounce.soft", "fay@far.example", "mailboxfull", "5.2.2", "552");
        Event apple = only("inline-apple-forward-qmail.eml");
        verdict(apple, "bounce.hard", "hal@far.example", "userunknown", "5.1.1", "550");
        assertEquals("qmail", apple.decodedBy());
        verdict(only("inline-quoted-reply-nested-postfix.eml"), "bounce.hard", "joe@far.example", "userunknown", "5.1.1", "550");
        // read as a notice only with the notice's own sender (a mail system) and Subject, not the forwarder's
        verdict(only("inline-gmail-forward-plain-notice.eml"), "bounce.soft", "nat@far.example", "suspend", "5.2.1", "550");
    }

    /** The ARF structure does not survive an inline forward: its text alone is no complaint (and no bounce). */
    @Test
    void aComplaintsTextForwardedInlineIsNoComplaint() {
        assertEquals("message.unclassified", only("inline-forward-of-a-complaint-text.eml").type());
    }

    /** A postmaster's notice that writes the original under "-----Original Message-----" stays that notice. */
    @Test
    void aNoticeWritingItsOriginalUnderAForwardBannerStaysItself() {
        verdict(only("notice-writing-original-under-a-banner.eml"), "bounce.hard", "mo@far.example", "userunknown", "5.1.1", "550");
    }

    /**
     * Outlook writes the original's Date as "Sent:" under "-----Original Message-----": From, Sent, To and Subject
     * are the quoted original's header, and the addresses its body names are nobody's failure.
     */
    @Test
    void theOriginalsBodyUnderAnOutlookHeaderNamesNoRecipient() {
        verdict(only("notice-original-under-outlook-banner-names-others.eml"), "bounce.soft", "greta.holm@hill-side.example",
                "mailboxfull", "5.2.2", "552");
        // the same under a German Outlook's "Von:", "Gesendet:", "An:", "Betreff:"
        verdict(only("notice-original-under-german-outlook-header-names-others.eml"), "bounce.hard", "lena.vogt@wald-netz.example",
                "userunknown", "5.1.1", "550");
    }

    /**
     * A message attached as a file (application/octet-stream "*.eml") is read as the message it is: a person's
     * forward of a bounce as a webmail attaches it (base64), and a notice that names no address but returns the
     * original that way (the original's To is the recipient).
     */
    @Test
    void aMessageAttachedAsAnEmlFileIsReadAsAMessage() {
        Event fwd = only("forward-of-a-bounce-attached-as-eml-file.eml");
        verdict(fwd, "bounce.hard", "pia.lund@orchard-mail.example", "userunknown", "5.1.1", "550");
        assertEquals("postfix", fwd.decodedBy());
        verdict(only("notice-original-attached-as-file.eml"), "bounce.soft", "kari.dahl@lake-mail.example", "mailboxfull", "5.2.2", "");
    }

    /**
     * Help and support lines at a notice's foot ("Need help? ...", "Support: ...", "email us: ...", "Technical support:
     * ..., ...", "Replies go to noreply@...") name no failed recipient; the one above them does.
     */
    @Test
    void helpAndSupportLinesAtTheFootNameNoRecipient() {
        verdict(only("plain-text-with-help-footer-lines.eml"), "bounce.hard", "eirik.sand@fjord-net.example", "userunknown", "5.1.1", "550");
    }

    /**
     * A notice that names no failed address, signed by a person ("-- " and the administrator's address) and saying who
     * sent the message: the returned original's recipient failed, not the signer or the sender.
     */
    @Test
    void aSignatureAndASentByLineNameNoRecipient() {
        verdict(only("notice-without-address-signed-by-a-person.eml"), "bounce.soft", "ola.berg@heath-mail.example", "mailboxfull", "5.2.2", "");
    }

    /**
     * A notice that greets its reader, the sender, by address ("Dear news@...,") names that address as no recipient,
     * nor the Message-ID it names the message by ("Your message &lt;2026...@mailer...&gt; was returned"), nor its "Original sender:".
     */
    @Test
    void aGreetingOfTheSenderByAddressAndAMessageIdNameNoRecipient() {
        verdict(only("notice-greeting-the-sender-by-address.eml"), "bounce.soft", "tove.lie@birch-isp.example", "mailboxfull", "5.2.2", "552");
    }
}
