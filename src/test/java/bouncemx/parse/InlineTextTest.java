package bouncemx.parse;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The notice a mail client quotes or forwards inline: found under each client's introduction, and only there. */
class InlineTextTest {

    /** As for a message whose Subject is a person's forward ("Fwd: ..."). */
    static InlineText.Carried find(String text) { return InlineText.find(text, true); }

    @Test
    void aQuoteUnderAnAttributionIsUnquotedOneLevel() {
        var c = find("See below.\n\nOn Thu, 1 Jan 2026, Mail Delivery System wrote:\n> line one\n>\n> >>> RCPT To:<a@b.example>\n> <<< 550 no\n\nThanks\n");
        assertNotNull(c);
        assertEquals("", c.headers());
        assertEquals("line one\n\n>>> RCPT To:<a@b.example>\n<<< 550 no\n", c.text());
    }

    @Test
    void anAttributionWrappedOverTwoLinesIsOneIntroduction() {
        var c = find("On Wed, Dec 2, 2026 at 1:40 PM Mail Delivery System <\nMAILER-DAEMON@mx.example> wrote:\n\n> notice text\n");
        assertNotNull(c);
        assertEquals("notice text\n", c.text());
    }

    @Test
    void nestedQuotesAreUnwrappedToTheInnermost() {
        var c = find("Reply.\n\nOn Wed, Ann wrote:\n> Any idea?\n>\n> On Wed, Mail Delivery System wrote:\n>> inner notice\n>> second line\n");
        assertNotNull(c);
        assertEquals("inner notice\nsecond line\n", c.text());
    }

    @Test
    void eachClientsForwardBannerGivesTheForwardedHeadersAndText() {
        String[] banners = {"---------- Forwarded message ---------", "-------- Forwarded Message --------",
                "-------- Original Message --------", "-----Original Message-----", "Begin forwarded message:"};
        for (String b : banners) {
            var c = find("FYI\n\n" + b + "\nFrom: Mail Delivery System <MAILER-DAEMON@mx.example>\nDate: Wed, 2 Dec 2026\n"
                    + "Subject: Undelivered Mail Returned to Sender\nTo: <ann@sender.example>\n\n\nThis is the mail system.\n");
            assertNotNull(c, b);
            assertTrue(c.headers().startsWith("From: Mail Delivery System <MAILER-DAEMON@mx.example>\n"), b + ": " + c.headers());
            assertTrue(c.headers().contains("Subject: Undelivered Mail Returned to Sender\n"), b);
            assertEquals("This is the mail system.\n", c.text(), b);
        }
    }

    @Test
    void outlooksBlockWithoutABannerIsAForwardAndSentIsItsDate() {
        var c = find("FYI\n\n________________________________\n*From:* Mail Delivery Subsystem <MAILER-DAEMON@mx.example>\n"
                + "Sent: Wednesday, December 2, 2026 15:02\nTo: kim@sender.example\nSubject: Returned mail\n\nThe original message was received\n");
        assertNotNull(c);
        assertEquals("From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example>\nDate: Wednesday, December 2, 2026 15:02\n"
                + "To: kim@sender.example\nSubject: Returned mail\n", c.headers());
        assertEquals("The original message was received\n", c.text());
    }

    @Test
    void aTextThatStartsWithAClientsQuoteIsUnquoted() {
        var c = find("> Begin forwarded message:\n> \n> From: MAILER-DAEMON@mx.example\n> Subject: failure notice\n> \n> Hi. This is the qmail-send program\n");
        assertNotNull(c);
        assertEquals("From: MAILER-DAEMON@mx.example\nSubject: failure notice\n", c.headers());
        assertEquals("Hi. This is the qmail-send program\n", c.text());
    }

    @Test
    void aSendmailTranscriptIsNoQuote() {
        assertNull(find(">>> RCPT To:<a@b.example>\n<<< 550 5.1.1 <a@b.example>... User unknown\n550 5.1.1 <a@b.example>... User unknown\n"));
        assertNull(find("   ----- Transcript of session follows -----\n>>> DATA\n>>> .\n>>> QUIT\n<<< 221 bye\n"));
    }

    /** qmail and Exim without MIME return the original inline: a quote inside that original is not the notice. */
    @Test
    void aQuoteInsideAnOriginalReturnedInlineIsNotTheNotice() {
        assertNull(find("Hi. This is the qmail-send program at mx.example.\n\n<a@b.example>:\nSorry.\n\n"
                + "--- Below this line is a copy of the message.\n\nReturn-Path: <ann@sender.example>\nFrom: Ann <ann@sender.example>\n"
                + "Subject: Re: lunch\n\nOn Tue, Bob wrote:\n> lunch?\n> at noon\n"));
    }

    /**
     * A notice may write the original under a client-like banner itself (Exchange 5.5-2003's "--- Original
     * message ---"): an unquoted forward is taken only when the Subject is a person's forward; a quote always.
     */
    @Test
    void anUnquotedForwardIsTakenOnlyUnderAForwardSubject() {
        String text = "Your message did not reach the following recipient(s):\n\n"
                + "--- Original message ---\nFrom: Ann <ann@sender.example>\nTo: mo@far.example\nSubject: Order\n\nPlease confirm.\n";
        assertNull(InlineText.find(text, false));
        assertNotNull(InlineText.find(text, true));
        assertNotNull(InlineText.find("On Wed, Mail Delivery System wrote:\n> notice\n", false));
    }

    @Test
    void forwardSubjectsAreKnownInTheClientsLanguages() {
        for (String s : new String[] {"fwd: undelivered mail", "fw: undeliverable: x", "tr: non remis", "wg: unzustellbar",
                "rv: no entregado", "re: fwd: failure notice", "aw: wg: x"}) {
            assertTrue(InlineText.isForwardSubject(s), s);
        }
        for (String s : new String[] {"undelivered mail returned to sender", "re: lunch", "delivery status notification (failure)",
                "failure notice", "warning: could not send message for past 4 hours"}) {
            assertFalse(InlineText.isForwardSubject(s), s);
        }
    }

    @Test
    void anAttributionWithoutAQuoteAndPlainTextCarryNothing() {
        assertNull(find("On Monday the server wrote:\nnothing quoted here\n"));
        assertNull(find("This is the mail system at host mx.example.\n\n<a@b.example>: host said: 550 no such user\n"));
        assertNull(find(""));
    }
}
