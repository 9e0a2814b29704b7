package bouncemx.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeaderBlockTest {

    private static HeaderBlock parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return HeaderBlock.parse(b, 0, b.length, Limits.DEFAULT);
    }

    @Test
    void unfoldsContinuationLinesAndKeepsDuplicatesInOrder() {
        String msg = "Received: from a\r\n\tby b\r\nSubject: one\r\nReceived: from c\r\n\r\nbody";
        var h = parse(msg);
        assertEquals(3, h.size());
        assertEquals(List.of("from a by b", "from c"), h.all("received"));
        assertEquals("one", h.get("subject"));
        assertEquals("body", msg.substring(h.bodyStart()));
    }

    @Test
    void aFoldReadsAsOneSpaceWhateverBlankTheWriterFoldedWith() {
        // RFC 5322 2.2.3: folding white space carries no meaning; Outlook folds with a tab, others with blanks
        var h = parse("Subject: Undelivered Mail\r\n\tReturned to Sender\r\nTo: a \r\n   <b@c.example>\r\n"
                + "X-Long:\r\n\tstarts on the next line\r\n\r\n");
        assertEquals("Undelivered Mail Returned to Sender", h.get("subject"));
        assertEquals("a <b@c.example>", h.get("to"));
        assertEquals("starts on the next line", h.get("x-long"));
    }

    @Test
    void acceptsLfCrlfAndLoneCrLineEndingsAlike() {
        for (String eol : new String[]{"\n", "\r\n", "\r"}) {
            String msg = "From: a@b.example" + eol + "Subject: x" + eol + " y" + eol + eol + "text";
            var h = parse(msg);
            assertEquals("x y", h.get("subject"), "line ending " + eol.replace("\r", "CR").replace("\n", "LF"));
            assertEquals("text", msg.substring(h.bodyStart()));
        }
    }

    @Test
    void lowercasesNamesAndToleratesBlanksBeforeTheColon() {
        var h = parse("CONTENT-Type : text/plain\n\n");
        assertEquals("text/plain", h.get("content-type"));
    }

    @Test
    void skipsTheMboxSeparatorLine() {
        var h = parse("From MAILER-DAEMON Mon Jan  1 00:00:00 2026\nSubject: s\n\nb");
        assertEquals("s", h.get("subject"));
        assertEquals(1, h.size());
    }

    @Test
    void skipsEscapedAndRepeatedSeparatorLines() {
        // a writer that escaped the message's own first line, and a file saved with its separator inside an mbox
        var h = parse(">From MAILER-DAEMON Mon Jan  1 00:00:00 2026\nSubject: s\n\nb");
        assertEquals("s", h.get("subject"));
        h = parse("From - Thu Dec 03 10:00:00 2026\nFrom MAILER-DAEMON Mon 1 Jan 2015 00:00:00 +0900\nSubject: s\nTo: t\n\nb");
        assertEquals("s", h.get("subject"));
        assertEquals(2, h.size());
    }

    /** "From : ..." (blanks before the colon, RFC 822's obsolete syntax) is the From field, not an mbox separator. */
    @Test
    void aFromFieldWithABlankBeforeItsColonIsNoSeparator() {
        var h = parse("From : Postmaster <postmaster@mx.test>\nSubject : s\n\nb");
        assertEquals("Postmaster <postmaster@mx.test>", h.get("from"));
        assertEquals(2, h.size());
        h = parse("From  :x@mx.test\n\nb");
        assertEquals("x@mx.test", h.get("from"));
    }

    @Test
    void endsTheBlockAtALineThatIsNotAField() {
        String msg = "Subject: s\nthis is body text without a blank line\nmore";
        var h = parse(msg);
        assertEquals(1, h.size());
        assertTrue(msg.substring(h.bodyStart()).startsWith("this is body"));
    }

    @Test
    void decodesEncodedWordsOnlyWhenAsked() {
        var h = parse("Subject: =?UTF-8?B?w6RyZ2Vy?= =?ISO-8859-1?Q?_f=FCr?=\n\n");
        assertEquals("=?UTF-8?B?w6RyZ2Vy?= =?ISO-8859-1?Q?_f=FCr?=", h.get("subject"));
        assertEquals("ärger für", h.getDecoded("subject"));
    }

    @Test
    void keepsEveryFieldOfBlocksOfEachSizeAcrossTheArraysGrowing() {
        // none, a part's few, the first arrays' sixteen and one more, and blocks that make them grow twice
        for (int count : new int[] {0, 1, 15, 16, 17, 32, 33, 70}) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < count; i++) sb.append(i % 3 == 0 ? "Received" : "X-N" + i).append(": v").append(i).append("\n");
            var h = parse(sb.append("\nbody").toString());
            assertEquals(count, h.size(), count + " fields");
            for (int i = 0; i < count; i++) {
                assertEquals(i % 3 == 0 ? "received" : "x-n" + i, h.name(i));
                assertEquals("v" + i, h.value(i));
            }
            assertEquals((count + 2) / 3, h.all("received").size());
        }
    }

    @Test
    void capsTheNumberOfFieldsKept() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50; i++) sb.append("X-N").append(i).append(": v\n");
        sb.append("\nbody");
        byte[] b = sb.toString().getBytes(StandardCharsets.US_ASCII);
        var h = HeaderBlock.parse(b, 0, b.length, new Limits(10, 1024, 4, 10, 4096, 4096));
        assertEquals(10, h.size());
        assertEquals("body", new String(b, h.bodyStart(), b.length - h.bodyStart(), StandardCharsets.US_ASCII));
        assertFalse(h.has("x-n10"));
        assertNull(h.get("x-n49"));
    }

    @Test
    void takesRawUtf8HeadersAsUtf8AndOtherBytesAsLatin1() {
        var h = parse("To: jörg@example.de\n\n");
        assertEquals("jörg@example.de", h.get("to"));
        byte[] latin = "To: j\u00f6rg@example.de\n\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("j\u00f6rg@example.de", HeaderBlock.parse(latin, 0, latin.length, Limits.DEFAULT).get("to"));
    }
}
