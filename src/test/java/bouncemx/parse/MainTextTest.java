package bouncemx.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link BounceMessage#mainText}: which part is the notice's own text, and what around it is not. */
class MainTextTest {

    private static String mainText(String message) {
        return BounceMessage.parse(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)).mainText();
    }

    private static final String HTML = "Content-Type: text/html\n\n<html><body><p>Your message to jane@example.org could not be delivered.</p></body></html>\n";

    @Test
    void anHtmlNoticeBeforeAPlainFooterPartIsTheText() {
        String m = "Content-Type: multipart/mixed; boundary=b\n\n--b\n" + HTML
                + "--b\nContent-Type: text/plain\n\n--\nops mailing list\nops@lists.example.org\n--b--\n";
        assertTrue(mainText(m).contains("jane@example.org could not be delivered"), mainText(m));
    }

    @Test
    void aPlainAlternativeThatNamesNoAddressGivesWayToTheHtml() {
        String m = "Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
                + "CAUTION: This email originated from outside of the organization. Do not click links or open\n"
                + "attachments unless you recognize the sender and know the content is safe.\n\n"
                + "This message is in HTML format. Please use an HTML-capable mail reader.\n--b\n" + HTML + "--b--\n";
        assertTrue(mainText(m).contains("jane@example.org could not be delivered"), mainText(m));
        // a plain alternative that names the address stays the text
        String named = m.replace("This message is in HTML format.", "Delivery to jane@example.org failed.");
        assertTrue(mainText(named).contains("Delivery to jane@example.org failed."), mainText(named));
    }

    /**
     * A body that points to an attached details file names nobody: the attached plain text follows it; a returned
     * original attached as plain text (it opens with header fields) does not.
     */
    @Test
    void aBodyNamingNobodyIsFollowedByTheAttachedDetails() {
        String m = "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nSee the attached details.\n"
                + "--b\nContent-Type: text/plain; name=details.txt\nContent-Disposition: attachment; filename=details.txt\n\n"
                + "Delivery to the following recipient failed:\n\n  jane@example.org\n  550 5.1.1 user unknown\n--b--\n";
        assertTrue(mainText(m).startsWith("See the attached details."), mainText(m));
        assertTrue(mainText(m).contains("jane@example.org\n  550 5.1.1 user unknown"), mainText(m));
        String original = "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nYour message was not delivered.\n"
                + "--b\nContent-Type: text/plain\n\nFrom: news@shop.example\nTo: jane@example.org\nSubject: offers\n\nhello\n--b--\n";
        assertEquals("Your message was not delivered.", mainText(original).strip());
    }

    @Test
    void aGatewaysBannerAboveTheNoticeIsNotPartOfIt() {
        String m = "Content-Type: text/plain\n\n"
                + "CAUTION: This email originated from outside of the organization. Do not click links or open\n"
                + "attachments unless you recognize the sender and know the content is safe.\n\n"
                + "An error occurred while trying to deliver the mail to the following recipients:\njane@example.org\n";
        String t = mainText(m);
        assertTrue(t.startsWith("An error occurred"), t);
        assertFalse(t.contains("attachments"), t);
        // a first paragraph that is the notice's own stays
        String own = "Content-Type: text/plain\n\nThe message could not be delivered to an address outside the organization.\n\njane@example.org\n";
        assertEquals(own.substring(own.indexOf("The message")).replace("\r", ""), mainText(own).replace("\r", ""));
    }
}
