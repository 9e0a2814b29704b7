package bouncemx.classify;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Folding the repeated prefixes of a joined multi-line reply (RFC 5321 4.2.1), and nothing else. */
class DiagnosticTextTest {

    @Test
    void foldsTheRepeatedPrefixesOfAJoinedMultiLineReply() {
        assertEquals("550-5.7.1 multiple addresses in From: header are not accepted",
                DiagnosticText.clean("550-5.7.1 multiple 550-5.7.1 addresses in From: 550 5.7.1 header are not accepted"));
    }

    @Test
    void keepsACodeQuotedInsideTheText() {
        String text = "550 5.7.1 Message rejected: the next hop answered 550 to RCPT, giving up";
        assertEquals(text, DiagnosticText.clean(text));
    }
}
