package bouncemx.smtp;

import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DataReaderTest {

    /** A stream that hands out at most {@code max} bytes per read, as a socket may. */
    static InputStream trickle(byte[] data, int max) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, max));
            }
        };
    }

    @Test
    void stopsExactlyAtTheTerminatorWhateverTheChunksSoPipelinedCommandsStay() throws IOException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 2000; i++) body.append("line ").append(i).append(" .. text\r\n");
        body.append("..dot-stuffed line\r\n");
        String wire = body + ".\r\nMAIL FROM:<>\r\n";
        String expected = body.toString().replace("\r\n..dot", "\r\n.dot");
        byte[] bytes = wire.getBytes(StandardCharsets.US_ASCII);
        for (int max : new int[] {1, 7, 100, 4096, 100_000}) {
            for (int bufferSize : new int[] {16, 8192}) {
                InputStream in = new BufferedInputStream(trickle(bytes, max), bufferSize);
                var out = new CappedBuffer(1 << 20, 1024);
                DataReader.read(in, out);
                assertEquals(expected, new String(out.bytes(), StandardCharsets.US_ASCII), "max " + max + " buffer " + bufferSize);
                assertEquals("MAIL FROM:<>\r\n", new String(in.readAllBytes(), StandardCharsets.US_ASCII),
                        "what follows the terminator stays in the stream (max " + max + ", buffer " + bufferSize + ")");
            }
        }
    }

    @Test
    void aStreamWithoutRewindIsReadByteByByteAndNeverPastTheEnd() throws IOException {
        byte[] bytes = "a\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII);
        InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public boolean markSupported() { return false; }
        };
        var out = new CappedBuffer(1024, 16);
        DataReader.read(in, out);
        assertEquals("a\r\n", new String(out.bytes(), StandardCharsets.US_ASCII));
        assertEquals("QUIT\r\n", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }
}
