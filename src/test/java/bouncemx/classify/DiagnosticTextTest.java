package bouncemx.classify;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Folding the repeated prefixes of a joined multi-line reply (RFC 5321 4.2.1), and nothing else; and the text the
 * phrase table reads, without the words of mail addresses.
 */
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

    @Test
    void dropsARepeatedStatusOnlyWhenItHasTwoDots() {
        // the answers of the stream-based dot count this loop replaced, kept as they were
        assertEquals("550-5.7 first 5.7 second 550 5.7 last", DiagnosticText.clean("550-5.7 first 550-5.7 second 550 5.7 last"));
        assertEquals("550-5.7.1.2 first 5.7.1.2 second 550 5.7.1.2 last",
                DiagnosticText.clean("550-5.7.1.2 first 550-5.7.1.2 second 550 5.7.1.2 last"));
        assertEquals("550-5.7.1 first 550 5.7 last line end", DiagnosticText.clean("550-5.7.1 first 550 5.7 last line 550 5.1.1 end"));
        assertEquals("421-4.7.0 a b c", DiagnosticText.clean("421-4.7.0 a 421-4.7.0 b 421 4.7.0 c"));
        assertEquals("550-5..1 x y z", DiagnosticText.clean("550-5..1 x 550 5..1 y 550-5.1. z"));
    }

    @Test
    void phrasesDoNotReadTheWordsOfAnAddress() {
        assertEquals("<@> delivery failed; will not continue trying",
                DiagnosticText.withoutAddresses("<mira.sol@filtered-co.example> delivery failed; will not continue trying"));
        assertEquals("550 5.1.1 @: recipient address rejected: user unknown (@ said: spam)",
                DiagnosticText.withoutAddresses("550 5.1.1 x@spam.example: recipient address rejected: user unknown (y@z.example said: spam)"));
        String none = "550 5.7.1 message rejected as spam";
        org.junit.jupiter.api.Assertions.assertSame(none, DiagnosticText.withoutAddresses(none));
        // a bare "@" or a name without a dotted domain is no address
        assertEquals("reply @ 5 and root@localhost", DiagnosticText.withoutAddresses("reply @ 5 and root@localhost"));
        // the domain's words decide nothing: the recipient's own domain "filtered-co" is no filter's refusal
        var r = bouncemx.parse.RecipientStatus.builder().address("mira.sol@filtered-co.example", "text").action("failed")
                .diagnosticText("<mira.sol@filtered-co.example> delivery failed; will not continue trying").build();
        assertEquals(bouncemx.reason.Reason.ON_HOLD,
                Classifier.standard().classify(r, bouncemx.parse.Report.Kind.DELIVERY).reason());
    }
}
