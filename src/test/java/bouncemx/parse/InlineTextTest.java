package bouncemx.parse;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The notice a mail client quotes or forwards inline: found under each client's introduction, and only there. */
class InlineTextTest {

    @Test
    void aQuoteUnderAnAttributionIsUnquotedOneLevel() {
        var c = InlineText.find("See below.\n\nOn Thu, 1 Jan 2026, Mail Delivery System wrote:\n> line one\n>\n> >>> RCPT To:<a@b.example>\n> <<< 550 no\n\nThanks\n");
        assertNotNull(c);
        assertEquals("", c.headers());
        assertEquals("line one\n\n>>> RCPT To:<a@b.example>\n<<< 550 no\n", c.text());
    }

    @Test
    void anAttributionWrappedOverTwoLinesIsOneIntroduction() {
        var c = InlineText.find("On Wed, Dec 2, 2026 at 1:40 PM Mail Delivery System <\nMAILER-DAEMON@mx.example> wrote:\n\n> notice text\n");
        assertNotNull(c);
        assertEquals("notice text\n", c.text());
    }

    @Test
    void nestedQuotesAreUnwrappedToTheInnermost() {
        var c = InlineText.find("Reply.\n\nOn Wed, Ann wrote:\n> Any idea?\n>\n> On Wed, Mail Delivery System wrote:\n>> inner notice\n>> second line\n");
        assertNotNull(c);
        assertEquals("inner notice\nsecond line\n", c.text());
    }

    @Test
    void eachClientsForwardBannerGivesTheForwardedHeadersAndText() {
        String[] banners = {"---------- Forwarded message ---------", "-------- Forwarded Message --------",
                "-------- Original Message --------", "-----Original Message-----", "Begin forwarded message:"};
        for (String b : banners) {
            var c = InlineText.find("FYI\n\n" + b + "\nFrom: Mail Delivery System <MAILER-DAEMON@mx.example>\nDate: Wed, 2 Dec 2026\n"
                    + "Subject: Undelivered Mail Returned to Sender\nTo: <ann@sender.example>\n\n\nThis is the mail system.\n");
            assertNotNull(c, b);
            assertTrue(c.headers().startsWith("From: Mail Delivery System <MAILER-DAEMON@mx.example>\n"), b + ": " + c.headers());
            assertTrue(c.headers().contains("Subject: Undelivered Mail Returned to Sender\n"), b);
            assertEquals("This is the mail system.\n", c.text(), b);
        }
    }

    @Test
    void outlooksBlockWithoutABannerIsAForwardAndSentIsItsDate() {
        var c = InlineText.find("FYI\n\n________________________________\n*From:* Mail Delivery Subsystem <MAILER-DAEMON@mx.example>\n"
                + "Sent: Wednesday, December 2, 2026 15:02\nTo: kim@sender.example\nSubject: Returned mail\n\nThe original message was received\n");
        assertNotNull(c);
        assertEquals("From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example>\nDate: Wednesday, December 2, 2026 15:02\n"
                + "To: kim@sender.example\nSubject: Returned mail\n", c.headers());
        assertEquals("The original message was received\n", c.text());
    }

    @Test
    void aTextThatStartsWithAClientsQuoteIsUnquoted() {
        var c = InlineText.find("> Begin forwarded message:\n> \n> From: MAILER-DAEMON@mx.example\n> Subject: failure notice\n> \n> Hi. This is the qmail-send program\n");
        assertNotNull(c);
        assertEquals("From: MAILER-DAEMON@mx.example\nSubject: failure notice\n", c.headers());
        assertEquals("Hi. This is the qmail-send program\n", c.text());
    }

    @Test
    void aSendmailTranscriptIsNoQuote() {
        assertNull(InlineText.find(">>> RCPT To:<a@b.example>\n<<< 550 5.1.1 <a@b.example>... User unknown\n550 5.1.1 <a@b.example>... User unknown\n"));
        assertNull(InlineText.find("   ----- Transcript of session follows -----\n>>> DATA\n>>> .\n>>> QUIT\n<<< 221 bye\n"));
    }

    /** qmail and Exim without MIME return the original inline: a quote inside that original is not the notice. */
    @Test
    void aQuoteInsideAnOriginalReturnedInlineIsNotTheNotice() {
        assertNull(InlineText.find("Hi. This is the qmail-send program at mx.example.\n\n<a@b.example>:\nSorry.\n\n"
                + "--- Below this line is a copy of the message.\n\nReturn-Path: <ann@sender.example>\nFrom: Ann <ann@sender.example>\n"
                + "Subject: Re: lunch\n\nOn Tue, Bob wrote:\n> lunch?\n> at noon\n"));
    }

    /** A notice that writes the original under a client-like banner says whom it failed for above it. */
    @Test
    void anUnquotedForwardUnderANoteNamingAnAddressIsNotTaken() {
        assertNull(InlineText.find("Your message to mo@far.example could not be delivered.\nReason: 550 5.1.1 mailbox unknown\n\n"
                + "-----Original Message-----\nFrom: Ann <ann@sender.example>\nSent: Wednesday\nTo: mo@far.example\nSubject: Order\n\nPlease confirm.\n"));
    }

    @Test
    void anAttributionWithoutAQuoteAndPlainTextCarryNothing() {
        assertNull(InlineText.find("On Monday the server wrote:\nnothing quoted here\n"));
        assertNull(InlineText.find("This is the mail system at host mx.example.\n\n<a@b.example>: host said: 550 no such user\n"));
        assertNull(InlineText.find(""));
    }
}
