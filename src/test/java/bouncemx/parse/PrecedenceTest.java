package bouncemx.parse;

import bouncemx.event.Event;
import bouncemx.testing.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, list 3: which of several readings of one report decides. Fixtures under
 * src/test/resources/generalised/ are ours (Exim's texts from its deliver.c/retry.c, RFC 3834 replies).
 */
class PrecedenceTest {

    static Event only(String file) {
        return Engine.only("generalised/" + file);
    }

    /** Exim's retry.c appends ": retry timeout exceeded" to the last reply: that reply's cause (a full mailbox) wins. */
    @Test
    void theCauseNamedInAnExpiryNoticesLastErrorWins() {
        Event e = only("exim-retry-timeout-after-mailbox-full.eml");
        assertEquals("mia@full.example", e.recipientAddress());
        assertEquals("mailboxfull", e.classification().reason().wireName());
        assertEquals("452", e.classification().replyCode());
        assertEquals(false, e.classification().hard());
    }

    /** The same notice whose last error names no cause of the mailbox or domain stays an expiry. */
    @Test
    void anExpiryWhoseLastErrorNamesNoRecipientCauseStaysExpired() {
        Event e = only("exim-retry-timeout-connection.eml");
        assertEquals("expired", e.classification().reason().wireName());
        assertEquals("dialect:expired", e.classification().rule());
    }

    /** An automatic reply announcing that the person left is a verdict on the address, not a vacation. */
    @Test
    void anAutoReplyThatSaysTheMailboxIsGoneIsReadByItsWords() {
        Event e = only("autoreply-mailbox-gone.eml");
        assertEquals("bounce.hard", e.type());
        assertEquals("rosa.lind@agency.example", e.recipientAddress());
        assertEquals("hasmoved", e.classification().reason().wireName());
        assertTrue(e.classification().rule().startsWith("rfc3834>"), e.classification().rule());
    }

    /** "No longer available until Monday" is about a date: still a vacation reply. */
    @Test
    void anAwayReplyStaysAVacation() {
        Event e = only("autoreply-away-until.eml");
        assertEquals("auto_reply", e.type());
        assertEquals("vacation", e.classification().reason().wireName());
        assertEquals(false, e.classification().hard());
    }

    /**
     * A Microsoft JMRP complaint relayed under another sender and marked Auto-Submitted: auto-replied is a
     * complaint (the Subject and the original's X-HmXmrOriginalRecipient say so), not an auto-reply.
     */
    @Test
    void aComplaintMarkedAutoSubmittedIsAComplaint() {
        Event e = only("jmrp-complaint-relayed-auto-submitted.eml");
        assertEquals("complaint", e.type());
        assertEquals("ulla.complains@hotmail.example", e.recipientAddress());
        assertEquals("feedback", e.classification().reason().wireName());
    }

    /** One message from jane@far.example marked Auto-Submitted: auto-replied, decoded to its one event. */
    static Event marked(String subject, String text) {
        String m = "From: Jane Roe <jane@far.example>\nTo: unsubscribe+x1@bounce.shop.example\nSubject: " + subject + "\n"
                + "Date: Tue, 1 Dec 2026 10:00:00 +0000\nMessage-ID: <u1@far.example>\nAuto-Submitted: auto-replied\n\n" + text + "\n";
        List<Event> events = Engine.events(m.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, events.size(), subject + " / " + text);
        return events.get(0);
    }

    static Event autoReply(String text) { return marked("Automatic reply: offers", text); }

    /** Departures and closed mailboxes in the reply's own words, in several wordings and languages. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Thank you for your email. I no longer work at Far Inc. Please write to sales@far.example. | hasmoved
            Jane is no longer with Far Inc.; your message has not been forwarded.                   | hasmoved
            This mailbox is no longer monitored. Please update your records.                         | hasmoved
            Frau Roe ist nicht mehr im Unternehmen tätig.                                            | hasmoved
            Jane Roe ne fait plus partie de la société.                                              | hasmoved
            This address no longer exists. Please remove it from your list.                          | userunknown
            Cette adresse n'est plus en service.                                                     | userunknown
            """)
    void anAutoReplySayingThePersonLeftOrTheMailboxIsClosedIsHard(String text, String reason) {
        Event e = autoReply(text);
        assertEquals("bounce.hard", e.type(), text);
        assertEquals(reason, e.classification().reason().wireName(), text);
        assertEquals("jane@far.example", e.recipientAddress());
    }

    /** Away notices whose words come close stay vacations. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            I am out of the office until 5 January with limited access to email.
            I have left the office for the holidays and will be back on Monday.
            Your message has been received. We will reply within 2 business days.
            """)
    void awayNoticesStayVacations(String text) {
        Event e = autoReply(text);
        assertEquals("auto_reply", e.type(), text);
        assertEquals("vacation", e.classification().reason().wireName(), text);
    }

    /**
     * Unsubscribe notices marked Auto-Submitted (a List-Unsubscribe mailto request, a list manager's
     * confirmation) are no auto-replies: no vacation verdict for someone who asked to stop.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            unsubscribe                    | This message was automatically generated.
            Unsubscribe request received   | Your request has been processed.
            Re: December offers            | You have been unsubscribed from the offers list.
            Your subscription              | jane@far.example has been removed from the offers list.
            """)
    void anUnsubscribeNoticeIsNoAutoReply(String subject, String text) {
        Event e = marked(subject, text);
        assertEquals("message.unclassified", e.type(), subject);
    }

    /** The same marking on an away notice still makes an auto-reply (the exclusion is the notice's words). */
    @Test
    void anAwayNoticeWithTheSameMarkingIsStillAnAutoReply() {
        assertEquals("auto_reply", marked("Out of office", "I am away until Monday.").type());
    }
}
