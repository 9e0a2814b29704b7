package bouncemx.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Flowed}: RFC 3676 format=flowed undone, and a text/plain part labelled so read that way. */
class FlowedTest {

    @Test
    void softBreaksJoinTheLinesOfAParagraph() {
        String s = "Your message to <jane@example.org> could not be delivered because the \n"
                + "recipient's mailbox is full.\n\nThe mail system\n";
        assertEquals("Your message to <jane@example.org> could not be delivered because the recipient's mailbox is full.\n"
                + "\nThe mail system\n", Flowed.decode(s, false));
    }

    @Test
    void delSpRemovesTheSoftBreaksSpaceToo() {
        assertEquals("unde" + "liverable\n", Flowed.decode("unde \nliverable\n", true));
        assertEquals("unde liverable\n", Flowed.decode("unde \nliverable\n", false));
    }

    @Test
    void oneStuffedSpaceIsRemovedAndIndentationBeyondItStays() {
        assertEquals("From the mail system:\n    host mx.example.org said: 550\n",
                Flowed.decode(" From the mail system:\n     host mx.example.org said: 550\n", false));
    }

    @Test
    void quotedLinesFlowWithinTheirDepthOnly() {
        String s = "> The following address \n> failed:\n>> jane@example.org \nplain\n";
        assertEquals("> The following address failed:\n>> jane@example.org \nplain\n", Flowed.decode(s, false));
        // a soft break before a line of another depth ends the logical line there
        assertEquals(">> jane@example.org \nplain", Flowed.decode(">> jane@example.org \nplain", false));
    }

    @Test
    void theSignatureSeparatorIsNoSoftBreak() {
        assertEquals("text\n-- \nPostmaster\n", Flowed.decode("text\n-- \nPostmaster\n", false));
    }

    @Test
    void aTextWithNothingFlowedIsReturnedAsItIs() {
        String s = "550 5.1.1 user unknown\nno soft breaks here\n";
        assertSame(s, Flowed.decode(s, false));
    }

    @Test
    void aFlowedPartIsReadJoined() {
        String msg = "Content-Type: text/plain; charset=us-ascii; format=flowed; delsp=no\r\n\r\n"
                + "The message to jane@example.org was not delivered: 552 5.2.2 the \r\nmailbox is full\r\n";
        BounceMessage m = BounceMessage.parse(msg.getBytes(StandardCharsets.US_ASCII));
        assertTrue(m.mainText().contains("552 5.2.2 the mailbox is full"), m.mainText());
        // without format=flowed the same lines stay apart
        BounceMessage fixed = BounceMessage.parse(msg.replace("; format=flowed; delsp=no", "").getBytes(StandardCharsets.US_ASCII));
        assertTrue(fixed.mainText().contains("the\nmailbox"), fixed.mainText());
    }
}
