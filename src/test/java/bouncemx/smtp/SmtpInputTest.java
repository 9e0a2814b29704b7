package bouncemx.smtp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session's input: command lines, DATA and BDAT, deadlines. */
class SmtpInputTest {

    /** A stream that hands out at most {@code max} bytes per read, as a socket may. */
    static InputStream trickle(byte[] data, int max) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, max));
            }
        };
    }

    /** Streams in memory never block: nothing to watch. */
    static final SmtpInput.ReadWatch UNWATCHED = new SmtpInput.ReadWatch() {
        @Override public boolean beginRead(long deadlineNanos) { return true; }
        @Override public boolean endRead() { return true; }
    };

    static SmtpInput input(InputStream in) {
        return new SmtpInput(UNWATCHED, in, System.nanoTime() + TimeUnit.MINUTES.toNanos(1));
    }

    static MessageBuffer buffer(long max) {
        return new MessageBuffer(max, new BufferBudget(64L << 20));
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
            SmtpInput in = input(trickle(bytes, max));
            var out = buffer(1 << 20);
            in.readData(out, 500, TimeUnit.MINUTES.toNanos(1));
            assertEquals(expected, new String(out.bytes(), StandardCharsets.US_ASCII), "max " + max);
            assertEquals("MAIL FROM:<>", in.readLine(998), "what follows the terminator stays (max " + max + ")");
            assertNull(in.readLine(998));
        }
    }

    @Test
    void aMessageWhoseEndHasArrivedGetsABufferOfItsOwnSize() throws IOException {
        var budget = new BufferBudget(64L << 20);
        String body = "Subject: small\r\n\r\n" + "x".repeat(2000) + "\r\n";
        SmtpInput in = input(new ByteArrayInputStream((body + ".\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII)));
        var out = new MessageBuffer(10_485_760, budget);
        in.readData(out, 500, TimeUnit.MINUTES.toNanos(1));
        assertEquals(body.length(), budget.used(), "reserved exactly the message, not an 8 KiB chunk");
        assertEquals(body, new String(out.bytes(), StandardCharsets.US_ASCII));
        assertEquals("QUIT", in.readLine(998));

        String stuffed = "a\r\n..b\r\n";
        SmtpInput in2 = input(new ByteArrayInputStream((stuffed + ".\r\n").getBytes(StandardCharsets.US_ASCII)));
        var out2 = buffer(100);
        in2.readData(out2, 500, TimeUnit.MINUTES.toNanos(1));
        assertEquals("a\r\n.b\r\n", new String(out2.bytes(), StandardCharsets.US_ASCII), "shorter than its bound: still exact");

        SmtpInput empty = input(new ByteArrayInputStream(".\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII)));
        var out3 = buffer(100);
        empty.readData(out3, 500, TimeUnit.MINUTES.toNanos(1));
        assertEquals(0, out3.bytes().length);
        assertEquals("NOOP", empty.readLine(998));
    }

    @Test
    void commandLinesEndOnlyAtCrLfAndHaveALimit() throws IOException {
        SmtpInput in = input(trickle("EHLO a\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII), 3));
        assertEquals("EHLO a", in.readLine(998));
        assertEquals("NOOP", in.readLine(998));
        assertNull(in.readLine(998));
        assertThrows(SmtpInput.BadLine.class, () -> input(new ByteArrayInputStream("NOOP\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII))).readLine(998));
        assertThrows(SmtpInput.BadLine.class, () -> input(new ByteArrayInputStream("NO\rOP\r\n".getBytes(StandardCharsets.US_ASCII))).readLine(998));
        assertThrows(SmtpInput.BadLine.class, () -> input(new ByteArrayInputStream(("X".repeat(999) + "\r\n").getBytes(StandardCharsets.US_ASCII))).readLine(998));
        assertEquals("X".repeat(998), input(new ByteArrayInputStream(("X".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII))).readLine(998));
        assertThrows(java.io.EOFException.class, () -> input(new ByteArrayInputStream("NOOP".getBytes(StandardCharsets.US_ASCII))).readLine(998));
        SmtpInput utf = input(new ByteArrayInputStream("RCPT TO:<j\u00f6rg@x.example>\r\nbad \u00ff\r\nNOOP\r\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("RCPT TO:<j\u00f6rg@x.example>", utf.readLine(998));
        assertEquals("bad \u00ff", utf.readLine(998));
        SmtpInput latin = input(new ByteArrayInputStream(new byte[] {'b', (byte) 0xff, '\r', '\n', 'N', 'O', 'O', 'P', '\r', '\n'}));
        assertThrows(java.nio.charset.CharacterCodingException.class, () -> latin.readLine(998));
        assertEquals("NOOP", latin.readLine(998), "a line that is not UTF-8 is consumed; the next one reads");
    }

    @Test
    void aCommandLineMustArriveWholeByItsDeadlineHoweverItTrickles() {
        byte[] slow = "MAIL FROM:<a@b.example>\r\n".getBytes(StandardCharsets.US_ASCII);
        InputStream oneBytePerRead = new InputStream() {
            int i;
            @Override public int read() { return i < slow.length ? slow[i++] : -1; }
            @Override public int read(byte[] b, int off, int len) throws IOException {
                try {
                    Thread.sleep(20); // a client that sends a byte every 20 ms
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                if (i >= slow.length) return -1;
                b[off] = slow[i++];
                return 1;
            }
        };
        SmtpInput in = input(oneBytePerRead);
        in.deadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
        assertThrows(java.net.SocketTimeoutException.class, () -> in.readLine(998),
                "each read is quick, but the line as a whole is too slow");
    }

    @Test
    void contentBelowTheMinimumRateRunsOutOfTime() {
        InputStream slow = new InputStream() {
            @Override public int read() { return 'x'; }
            @Override public int read(byte[] b, int off, int len) throws IOException {
                try {
                    Thread.sleep(10); // 100 bytes/s
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                b[off] = 'x';
                return 1;
            }
        };
        SmtpInput in = input(slow);
        long timeout = TimeUnit.MILLISECONDS.toNanos(200);
        in.deadline(System.nanoTime() + timeout);
        long t0 = System.nanoTime();
        assertThrows(java.net.SocketTimeoutException.class, () -> in.readData(buffer(0), 10_000, timeout));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "ended near the deadline, not never");
    }

    @Test
    void bdatChunksAreReadExactlyAndMayBeDropped() throws IOException {
        SmtpInput in = input(trickle("abcdefNOOP\r\n".getBytes(StandardCharsets.US_ASCII), 2));
        var out = buffer(100);
        in.readChunk(3, out, 500, TimeUnit.MINUTES.toNanos(1));
        in.readChunk(3, null, 500, TimeUnit.MINUTES.toNanos(1));
        assertEquals("abc", new String(out.bytes(), StandardCharsets.US_ASCII));
        assertEquals("NOOP", in.readLine(998));
    }
}
