package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.ParseResult;
import bouncemx.parse.Report;
import bouncemx.testing.Samples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class AutoReplyDialectTest {
    private final AutoReplyDialect dialect = new AutoReplyDialect();

    private static BounceMessage msg(String headers) {
        return BounceMessage.parse((headers + "\n\nI am away.\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void takesTheAwayPersonFromTheFromHeader() {
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(BounceMessage.parse(Samples.sample("auto-reply.eml"))));
        assertEquals(Report.Kind.AUTO_REPLY, d.report().kind());
        assertEquals("frank@customer-test.example", d.report().recipients().get(0).address());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "From: a@x.example\nAuto-Submitted: auto-replied (vacation)",
            "From: a@x.example\nX-Autoreply: yes",
            "From: a@x.example\nPrecedence: auto_reply",
            "From: a@x.example\nSubject: Out of Office: your mail",
            "From: a@x.example\nSubject: Abwesenheitsnotiz: Termin",
            "From: a@x.example\nSubject: Réponse automatique : bonjour"})
    void recognisesStandardAndDeFactoMarkers(String headers) {
        assertInstanceOf(ParseResult.Decoded.class, dialect.parse(msg(headers)));
    }

    /**
     * Responders that write no Auto-Submitted (vacation(1), procmail's formail recipe): a responder's mark
     * (Precedence bulk or junk, X-Loop, a null envelope sender) with words of an away or gone notice, or a
     * Subject of their own.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "From: a@x.example\nSubject: Re: offers\nPrecedence: junk\n\nI received your mail, but I won't be back until Monday.",
            "From: a@x.example\nSubject: Re: offers\nX-Loop: a@x.example\n\nThis is an automatic reply.",
            "Return-Path: <>\nFrom: a@x.example\nSubject: Re: offers\n\nIch bin bis zum 14. Dezember nicht im Büro.",
            "Return-Path: <>\nFrom: a@x.example\nSubject: Re: offers\n\nThis address is no longer in use.",
            "From: a@x.example\nSubject: away from my mail\n\nYour mail will be read when I return.",
            "From: a@x.example\nSubject: I am on vacation\nPrecedence: bulk\n\nBack on the 14th."})
    void readsRespondersThatWriteNoAutoSubmitted(String message) {
        var d = assertInstanceOf(ParseResult.Decoded.class,
                dialect.parse(BounceMessage.parse((message + "\n").getBytes(StandardCharsets.UTF_8))));
        assertEquals("a@x.example", d.report().recipients().get(0).address());
    }

    /**
     * Help desks acknowledge a message with "Auto-Submitted: auto-generated" (RFC 3834 asks auto-replied of them) and
     * words of their own: an automatic reply too. A help desk's or newsletter's mail with that mark and none of the
     * words is not.
     */
    @Test
    void aHelpDesksAcknowledgementIsAnAutoReply() {
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(BounceMessage.parse((
                "From: Parts Support <support@parts.example>\nSubject: [Parts] Re: Your digest\nAuto-Submitted: auto-generated\n"
                + "X-Auto-Response-Suppress: All\n\n##- Please type your reply above this line -##\n\nYour request (48213) "
                + "has been received and is being reviewed by our support staff.\n").getBytes(StandardCharsets.UTF_8))));
        assertEquals(Report.Kind.AUTO_REPLY, d.report().kind());
        assertEquals("support@parts.example", d.report().recipients().get(0).address());
        assertSame(ParseResult.NOT_MINE, dialect.parse(BounceMessage.parse((
                "From: news@parts.example\nSubject: Our spring range\nAuto-Submitted: auto-generated\n\nNew parts are in.\n")
                .getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * A responder that writes from an account of its own ("noreply@", "do-not-reply@") answers for the mailbox its text
     * names in the same domain ("You sent an e-mail to info@x"), not for itself nor for a new contact elsewhere; with
     * no such mailbox named, the From stays.
     */
    @Test
    void aResponderAccountAnswersForTheMailboxItNames() {
        String reply = "From: Berg Advies <noreply@berg.example>\nSubject: This mailbox is no longer in use\n"
                + "Precedence: bulk\n\nYou sent an e-mail to info@berg.example. This mailbox is no longer in use.\n"
                + "Please write to contact@bergpartners.example.\n";
        var d = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(BounceMessage.parse(reply.getBytes(StandardCharsets.UTF_8))));
        assertEquals("info@berg.example", d.report().recipients().get(0).address());
        assertEquals("text", d.report().recipients().get(0).addressSource());
        var other = assertInstanceOf(ParseResult.Decoded.class, dialect.parse(BounceMessage.parse(
                reply.replace("info@berg.example", "info@elsewhere.example").getBytes(StandardCharsets.UTF_8))));
        assertEquals("noreply@berg.example", other.report().recipients().get(0).address());
        assertEquals(true, AutoReplyDialect.responderAccount("Do-Not-Reply@x.example"));
        assertEquals(false, AutoReplyDialect.responderAccount("nora@x.example"));
    }

    /**
     * A person's reply says the same words without a responder's mark, and a newsletter or list message has the
     * mark without the words: neither is an automatic reply.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "From: a@x.example\nSubject: Re: offers\nIn-Reply-To: <o1@shop.example>\n\nI am on holiday now; I will order when I am back.",
            "From: a@x.example\nSubject: Re: offers\n\nThis is an automatic reply? No, it is me. Please remove me.",
            "From: news@x.example\nSubject: Weekly news\nPrecedence: bulk\nX-Loop: news@x.example\n\nOur new range is here.",
            "Return-Path: <>\nFrom: a@x.example\nSubject: Re: offers\n\nThanks, please call me on Monday.",
            "Return-Path: <>\nFrom: Mail Gateway <gw@x.example>\nSubject: Notice\n\nThis is an automatic reply from the "
                    + "gateway. Your message could not be delivered to jo@x.example: user unknown."})
    void aPersonsReplyOrABulkMessageIsNoAutoReply(String message) {
        assertSame(ParseResult.NOT_MINE, dialect.parse(BounceMessage.parse((message + "\n").getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "From: MAILER-DAEMON@x.example\nAuto-Submitted: auto-replied\nSubject: hello",
            "From: postmaster@x.example\nAuto-Submitted: auto-replied\nSubject: notice",
            "From: a@x.example\nAuto-Submitted: auto-replied\nSubject: Undelivered Mail Returned to Sender",
            "From: a@x.example\nAuto-Submitted: auto-generated\nSubject: report",
            "From: a@x.example\nSubject: an ordinary message"})
    void neverTakesABounceOrOrdinaryMailForAnAutoReply(String headers) {
        assertSame(ParseResult.NOT_MINE, dialect.parse(msg(headers)));
    }

    /** A list manager's refusal of a post is marked automatic but says nobody is away. */
    @Test
    void aListManagersRefusalIsNoAutoReply() {
        String m = "From: SYMPA <sympa@listes.example.org>\nTo: bounce@bounces.example.com\nSubject: Message distribution: Authorization denied\n"
                + "Auto-Submitted: auto-replied\n\nYour message for list 'birds' (attached below) was rejected.\n"
                + "You are not allowed to send this message for the following reason: the list is private.\n";
        assertSame(ParseResult.NOT_MINE, dialect.parse(BounceMessage.parse(m.getBytes(StandardCharsets.UTF_8))));
    }

    /** A read receipt marked as sent automatically says nobody is away. */
    @Test
    void aReadReceiptIsNoAutoReply() {
        String m = "From: Mike <mike@corp.example.net>\nTo: bounce@bounces.example.com\nSubject: Not read: Weekly News\n"
                + "Auto-Submitted: auto-replied\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=disposition-notification; boundary=\"b\"\n\n--b\n"
                + "Content-Type: text/plain\n\nYour message was deleted without being read.\n--b\n"
                + "Content-Type: message/disposition-notification\n\nFinal-Recipient: rfc822; mike@corp.example.net\n"
                + "Disposition: automatic-action/MDN-sent-automatically; deleted\n--b--\n";
        assertSame(ParseResult.NOT_MINE, dialect.parse(BounceMessage.parse(m.getBytes(StandardCharsets.UTF_8))));
    }
}
