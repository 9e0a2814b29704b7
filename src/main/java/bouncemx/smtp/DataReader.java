package bouncemx.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the text after DATA (RFC 5321 4.1.1.4) into a {@link CappedBuffer}: removes the leading dot of
 * dot-stuffed lines (4.5.2) and stops right after the terminating CRLF.CRLF, so pipelined commands that follow
 * stay in the stream. Only CRLF ends a line here: a bare LF or CR is message content, never part of an end
 * marker (this is what keeps "SMTP smuggling" from splitting one message into two). Reads in chunks from a
 * rewindable buffered stream and never past the terminator. Stateless.
 */
final class DataReader {
    private DataReader() {}

    private static final int LINE_START = 0, IN_LINE = 1, CR = 2, DOT = 3, DOT_CR = 4;

    /** Reads up to and including the terminator; EOFException when the connection ends first. */
    static void read(InputStream in, CappedBuffer out) throws IOException {
        // Read in chunks where the stream can rewind (SubEthaSMTP's buffered session input): scan a chunk,
        // and when the terminator is in it, rewind and skip exactly up to the terminator so that pipelined
        // commands after it stay in the stream. A stream without mark/reset is read byte by byte.
        boolean rewinds = in.markSupported();
        byte[] chunk = new byte[rewinds ? CHUNK : 1];
        int state = LINE_START;
        while (true) {
            if (rewinds) in.mark(CHUNK);
            int n = in.read(chunk, 0, chunk.length);
            if (n < 0) throw new EOFException("connection closed during DATA");
            for (int i = 0; i < n; i++) {
                int b = chunk[i] & 0xff;
                switch (state) {
                    case LINE_START -> {
                        if (b == '.') {
                            state = DOT;
                        } else {
                            out.append(b);
                            state = b == '\r' ? CR : IN_LINE;
                        }
                    }
                    case IN_LINE -> {
                        out.append(b);
                        if (b == '\r') state = CR;
                    }
                    case CR -> {
                        out.append(b);
                        state = b == '\n' ? LINE_START : b == '\r' ? CR : IN_LINE;
                    }
                    case DOT -> { // the dot at a line start is dropped (unstuffed) unless CRLF follows
                        if (b == '\r') {
                            state = DOT_CR;
                        } else {
                            out.append(b);
                            state = IN_LINE;
                        }
                    }
                    case DOT_CR -> {
                        if (b == '\n') {
                            if (rewinds && i + 1 < n) rewindTo(in, i + 1);
                            return;
                        }
                        out.append('\r');
                        out.append(b);
                        state = b == '\r' ? CR : IN_LINE;
                    }
                    default -> throw new IllegalStateException("state " + state);
                }
            }
        }
    }

    /** Bytes read per chunk; also the mark limit, so a rewind stays inside the stream's buffer. */
    private static final int CHUNK = 8192;

    /** Puts back everything after the first {@code keep} bytes of the chunk just read. */
    private static void rewindTo(InputStream in, int keep) throws IOException {
        in.reset();
        long left = keep;
        while (left > 0) {
            long k = in.skip(left);
            if (k <= 0) throw new IOException("cannot skip within the buffered DATA");
            left -= k;
        }
    }
}
