package bouncemx.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
