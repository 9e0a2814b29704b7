package bouncemx.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MimeReaderTest {

    static final String NESTED = """
            From: a@example.com
            Content-Type: multipart/mixed; boundary="outer"

            preamble
            --outer
            Content-Type: multipart/alternative; boundary=inner

            --inner
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            Gr=FC=DFe, this line is soft=
             broken.
            --inner
            Content-Type: text/html

            <p>html</p>
            --inner--
            --outer
            Content-Type: message/rfc822

            Subject: inner message
            Message-ID: <x@example.com>

            inner body
            --outer
            Content-Type: application/octet-stream
            Content-Transfer-Encoding: base64

            aGVsbG8g
            d29ybGQ=
            --outer--
            epilogue
            """;

    static BounceMessage parse(String s, String eol) {
        return BounceMessage.parse(s.replace("\n", eol).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void walksNestedMultipartsAndEmbeddedMessagesWithAnyLineEnding() {
        for (String eol : new String[]{"\n", "\r\n", "\r"}) {
            BounceMessage m = parse(NESTED, eol);
            var types = m.parts().stream().map(MimePart::mimeType).toList();
            assertEquals(java.util.List.of("multipart/mixed", "multipart/alternative", "text/plain", "text/html",
                    "message/rfc822", "text/plain", "application/octet-stream"), types, "eol " + eol.length());
            assertEquals("Grüße, this line is soft broken.", m.mainText().strip());
            MimePart rfc822 = m.firstPart("message/rfc822");
            assertNotNull(rfc822.embedded());
            assertEquals("inner message", rfc822.embedded().headers().get("subject"));
            assertEquals("hello world", new String(m.parts().get(6).bytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void reportPartsDoNotDescendIntoTheReturnedOriginal() {
        BounceMessage m = parse(NESTED, "\n");
        assertEquals(6, m.reportParts().size());
        assertTrue(m.reportParts().stream().noneMatch(p -> p.headers().has("subject")));
    }

    @Test
    void aTruncatedMultipartKeepsItsLastPart() {
        BounceMessage m = parse("Content-Type: multipart/report; boundary=b\n\n--b\nContent-Type: text/plain\n\ncut here", "\n");
        assertEquals("cut here", m.mainText());
    }

    @Test
    void aMultipartWhoseBoundaryNeverAppearsIsReadAsText() {
        BounceMessage m = parse("Content-Type: multipart/report; boundary=missing\n\nplain report text\n", "\n");
        assertEquals("plain report text\n", m.mainText());
        assertTrue(m.root().isPlainText());
    }

    @Test
    void depthAndPartCapsStopTheWalkWithoutThrowing() {
        StringBuilder sb = new StringBuilder();
        int depth = 40;
        for (int i = 0; i < depth; i++) sb.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\n\n--b").append(i).append('\n');
        sb.append("Content-Type: text/plain\n\ndeep\n");
        BounceMessage m = BounceMessage.parse(sb.toString().getBytes(StandardCharsets.US_ASCII));
        assertTrue(m.parts().size() <= Limits.DEFAULT.maxMimeDepth() + 1);
        assertTrue(m.truncated());

        StringBuilder many = new StringBuilder("Content-Type: multipart/mixed; boundary=z\n\n");
        for (int i = 0; i < 1000; i++) many.append("--z\n\npart ").append(i).append('\n');
        BounceMessage m2 = BounceMessage.parse(many.toString().getBytes(StandardCharsets.US_ASCII));
        assertTrue(m2.parts().size() <= Limits.DEFAULT.maxParts());
        assertTrue(m2.truncated());
    }

    @Test
    void brokenEncodingsDecodeAsFarAsTheyCan() {
        var qp = TransferDecoding.quotedPrintable("a=3Db=ZZc=".getBytes(StandardCharsets.US_ASCII), 0, 10);
        assertEquals("a=b=ZZc", new String(qp, StandardCharsets.US_ASCII));
        var b64 = TransferDecoding.base64("aGV*sbG8=junk".getBytes(StandardCharsets.US_ASCII), 0, 13);
        assertEquals("hello", new String(b64, StandardCharsets.US_ASCII));
    }

    @Test
    void unknownCharsetsFallBackWithoutLosingBytes() {
        BounceMessage m = parse("Content-Type: text/plain; charset=x-no-such-charset\n\nabc\n", "\n");
        assertEquals("abc\n", m.mainText());
        assertFalse(m.truncated());
    }

    @Test
    void decodesJapaneseCharsetsThroughTheJdk() {
        byte[] body = "宛先不明".getBytes(java.nio.charset.Charset.forName("ISO-2022-JP"));
        byte[] head = "Content-Type: text/plain; charset=\"iso-2022-jp\"\n\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        assertEquals("宛先不明", BounceMessage.parse(all).mainText());
    }
}
