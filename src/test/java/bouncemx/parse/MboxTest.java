package bouncemx.parse;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MboxTest {
    @Test
    void splitsAtSeparatorLinesWithAnAsctimeDateWhateverTheLineEnding() {
        String mbox = "From a@x Mon Jan  5 10:00:00 2026\nSubject: 1\n\nbody\nFrom inside a line stays\n--b--\n"
                + "From MAILER-DAEMON  Thu Jul  2 12:05:05 2020\r\nSubject: 2\r\n\r\nx\r\n"
                + "From c@x Tue Feb 10 09:08:07 2026\rSubject: 3\r\rz";
        var parts = Mbox.split(mbox.getBytes(StandardCharsets.US_ASCII));
        assertEquals(3, parts.size());
        assertEquals("From MAILER-DAEMON", new String(parts.get(1), 0, 18, StandardCharsets.US_ASCII));
        assertEquals("z", new String(parts.get(2), parts.get(2).length - 1, 1, StandardCharsets.US_ASCII));
    }

    @Test
    void aFileWithoutASeparatorIsOneMessage() {
        assertEquals(1, Mbox.split("Subject: not mbox\n\nFrom x Mon Jan  5 10:00:00 2026\n".getBytes(StandardCharsets.US_ASCII)).size());
        assertEquals(1, Mbox.split("From nobody\nSubject: x\n\n".getBytes(StandardCharsets.US_ASCII)).size());
    }

    @Test
    void takesOneGreaterThanSignOffEscapedFromLinesInsideAnMboxOnly() {
        String mbox = "From a@x Mon Jan  5 10:00:00 2026\nSubject: 1\n\n>From here\n>>From there\r\n>From\n> From\nx>From \n>From ";
        var parts = Mbox.split(mbox.getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of("From a@x Mon Jan  5 10:00:00 2026\nSubject: 1\n\nFrom here\n>From there\r\n>From\n> From\nx>From \nFrom "),
                strings(parts));
        String plain = "Subject: not mbox\n\n>From here\n";   // not an mbox: the bytes are the message as they are
        assertEquals(List.of(plain), strings(Mbox.split(plain.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void readsTheSameMessagesWhereverTheReadChunksEnd() throws Exception {
        // a separator line, and an escaped line, at every offset around the reader's 1,024-byte chunk ends
        for (int pad = 900; pad < 1300; pad++) {
            String first = "From a@x Mon Jan  5 10:00:00 2026\nSubject: 1\n\n" + "x".repeat(pad) + "\n";
            String second = "From b@x Tue Feb 10 09:08:07 2026\r\nSubject: 2\r\n\r\n" + "y".repeat(pad % 97) + "\r\n>From z\r\n";
            byte[] mbox = (first + second).getBytes(StandardCharsets.US_ASCII);
            List<byte[]> read = new ArrayList<>();
            try (var r = new Mbox.Reader(new ByteArrayInputStream(mbox), 1024)) {
                for (byte[] m = r.next(); m != null; m = r.next()) read.add(m);
                assertNull(r.next());
            }
            assertEquals(List.of(first, second.replace(">From z", "From z")), strings(read), "pad " + pad);
        }
    }

    @Test
    void streamsANonMboxAsOneMessage() throws Exception {
        byte[] raw = ("Subject: x\n\n" + "z".repeat(5000)).getBytes(StandardCharsets.US_ASCII);
        try (var r = new Mbox.Reader(new ByteArrayInputStream(raw), 1024)) {
            assertEquals(List.of(new String(raw, StandardCharsets.US_ASCII)), strings(List.of(r.next())));
            assertNull(r.next());
        }
        try (var r = new Mbox.Reader(new ByteArrayInputStream(new byte[0]), 1024)) {
            assertEquals(0, r.next().length);   // an empty file is one empty message, as split gives it
            assertNull(r.next());
        }
    }

    private static List<String> strings(List<byte[]> parts) {
        return parts.stream().map(p -> new String(p, StandardCharsets.US_ASCII)).toList();
    }
}
