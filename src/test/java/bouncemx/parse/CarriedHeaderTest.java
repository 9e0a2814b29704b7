package bouncemx.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@link Originals#carriedHeader} and the returned original's header when it comes as a file. */
class CarriedHeaderTest {

    private static BounceMessage message(String secondPartType, String secondPart) {
        String raw = "From: postmaster@mx.test\nTo: s@sender.test\nSubject: Message not delivered\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
                + "From: someone@else.test\nSubject: the notice's own text may open like a header\n\nnot delivered\n"
                + "--b\nContent-Type: " + secondPartType + "\n\n" + secondPart + "\n--b--\n";
        return BounceMessage.parse(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFileThatOpensWithAMessageHeaderCarriesIt() {
        var m = message("application/octet-stream; name=original.eml",
                "\nFrom: a@sender.test\nTo: r@dest.test\nSubject: hello\n\nbody");
        HeaderBlock h = Originals.returnedHeaders(m, Limits.DEFAULT);
        assertNotNull(h);
        assertEquals("r@dest.test", h.get("to"));
    }

    @Test
    void aDeliveryStatusOrOtherFileCarriesNone() {
        assertNull(Originals.returnedHeaders(message("application/octet-stream",
                "Reporting-MTA: dns; mx.test\n\nFinal-Recipient: rfc822; r@dest.test\nAction: failed\nStatus: 5.1.1"), Limits.DEFAULT));
        assertNull(Originals.returnedHeaders(message("application/octet-stream", "%PDF-1.4 binary"), Limits.DEFAULT));
        // a header with a party but nothing of a message (no Subject, Message-ID or Date)
        assertNull(Originals.returnedHeaders(message("text/plain", "To: r@dest.test\nCc: c@dest.test\n\nx"), Limits.DEFAULT));
    }

    /** The first text part is the notice's own text, even when it opens with header-like lines. */
    @Test
    void theNoticesOwnTextIsNoOriginal() {
        assertNull(Originals.returnedHeaders(message("image/png", "x"), Limits.DEFAULT));
    }
}
