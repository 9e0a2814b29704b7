package bouncemx.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MboxTest {
    @Test
    void splitsAtFromLinesAfterAnEmptyLineOnly() {
        String mbox = "From a Mon\nSubject: 1\n\nbody\nFrom inside a line stays\n\nFrom b Tue\r\nSubject: 2\r\n\r\nx\r\n\r\nFrom c\rSubject: 3\r\rz";
        var parts = Mbox.split(mbox.getBytes(StandardCharsets.US_ASCII));
        assertEquals(3, parts.size());
        assertEquals("From b", new String(parts.get(1), 0, 6, StandardCharsets.US_ASCII));
        assertEquals(1, Mbox.split("Subject: not mbox\n\nFrom x\n".getBytes(StandardCharsets.US_ASCII)).size());
    }
}
