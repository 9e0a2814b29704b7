package bouncemx.parse;

import bouncemx.event.Event;
import bouncemx.testing.Engine;
import bouncemx.testing.Samples;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, list 3: which of several readings of one report decides. Fixtures under
 * src/test/resources/generalised/ are ours (Exim's texts from its deliver.c/retry.c, RFC 3834 replies).
 */
class PrecedenceTest {

    static Event only(String file) {
        List<Event> events = Engine.events(Samples.bytes("generalised/" + file));
        assertEquals(1, events.size(), file + ": " + events);
        return events.get(0);
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
}
