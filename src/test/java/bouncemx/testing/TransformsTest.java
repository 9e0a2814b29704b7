package bouncemx.testing;

import bouncemx.parse.BounceMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metamorphic test's rewrites do what their names say, and nothing else. */
class TransformsTest {
    static final String REPORT = """
            From: Mail Delivery System <MAILER-DAEMON@mta.sender.example>
            To: news@sender.example
            Subject: Undelivered Mail Returned to Sender
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

            --b1
            Content-Type: text/plain; charset=us-ascii

            I'm sorry to have to inform you that your message could not be delivered to one or more recipients = all.
            --b1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mta.sender.example

            Final-Recipient: rfc822; kim@corp.example
            Action: failed
            Status: 5.2.2
            --b1
            Content-Type: message/rfc822

            Message-ID: <m1@sender.example>
            Subject: Offer

            Body of the offer.
            --b1--
            """;

    static byte[] apply(String name, String message) {
        for (var t : Transforms.all()) if (t.name().equals(name)) return t.apply().apply(message.getBytes(StandardCharsets.ISO_8859_1));
        throw new IllegalArgumentException(name);
    }

    static String text(byte[] b) { return new String(b, StandardCharsets.ISO_8859_1); }

    @Test
    void quotedPrintableKeepsEveryByteAndNoLinePasses76Columns() {
        String s = "a=b \u00e9\ttrailing \n" + "x".repeat(200) + "\nend ";
        String qp = Transforms.qpEncode(s);
        for (String line : qp.split("\n")) assertTrue(line.length() <= 76, line);
        assertTrue(qp.contains("a=3Db"));
        assertEquals(s, Transforms.qpDecode(qp));
    }

    @Test
    void reEncodedTextDecodesToTheSameTextThroughTheProjectsReader() {
        for (String t : new String[]{"qp-text", "base64-text"}) {
            var m = BounceMessage.parse(apply(t, REPORT));
            var original = BounceMessage.parse(REPORT.getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(original.mainText(), m.mainText(), t);
            assertTrue(text(apply(t, REPORT)).contains("Content-Transfer-Encoding: " + (t.startsWith("qp") ? "quoted-printable" : "base64")));
        }
    }

    @Test
    void refoldingChangesOnlyWhiteSpace() {
        String field = "Subject: Undelivered Mail Returned to Sender because \"quoted words stay together\" here";
        String folded = Transforms.refold(field, 30);
        assertTrue(folded.contains("\n\t"));
        assertTrue(folded.contains("\"quoted words stay together\""));
        assertEquals(field, folded.replace("\n\t", " "));
    }

    @Test
    void boundariesAreRenamedInTheHeaderAndEveryDelimiter() {
        String out = text(apply("boundary-rename", REPORT));
        assertFalse(out.contains("--b1"));
        assertEquals(3, BounceMessage.parse(apply("boundary-rename", REPORT)).root().children().size());
    }

    @Test
    void aForwardCarriesTheBounceWholeAsAnAttachment() {
        String out = text(apply("forwarded", REPORT));
        assertTrue(out.startsWith("From: Pat Example"));
        assertTrue(out.contains("Subject: Fwd: Undelivered Mail Returned to Sender"));
        assertTrue(out.contains("Content-Type: message/rfc822\n"));
        assertTrue(out.contains(REPORT));
    }

    @Test
    void theReturnedOriginalLosesItsBodyButNotItsHeader() {
        String headers = text(apply("original-headers-only", REPORT));
        assertTrue(headers.contains("Content-Type: text/rfc822-headers"));
        assertTrue(headers.contains("Message-ID: <m1@sender.example>"));
        assertFalse(headers.contains("Body of the offer."));
        String cut = text(apply("original-body-cut", REPORT));
        assertTrue(cut.contains("Message-ID: <m1@sender.example>"));
        assertFalse(cut.contains("Body of the offer."));
    }

    @Test
    void aTransformWithNothingToRewriteSaysSo() {
        assertNull(apply("dsn-names-upper", "Subject: hello\n\nno report here\n"));
        assertNotNull(apply("names-upper", "Subject: hello\n\nno report here\n"));
    }
}
