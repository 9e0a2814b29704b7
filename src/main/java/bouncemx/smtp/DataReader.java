package bouncemx.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the text after DATA (RFC 5321 4.1.1.4) into a {@link CappedBuffer}: removes the leading dot of
 * dot-stuffed lines (4.5.2) and stops right after the terminating CRLF.CRLF, so pipelined commands that follow
 * stay in the stream. Only CRLF ends a line here: a bare LF or CR is message content, never part of an end
 * marker (this is what keeps "SMTP smuggling" from splitting one message into two). Reads byte by byte from a
 * buffered stream and never past the terminator. Stateless.
 */
final class DataReader {
    private DataReader() {}

    private static final int LINE_START = 0, IN_LINE = 1, CR = 2, DOT = 3, DOT_CR = 4;

    /** Reads up to and including the terminator; EOFException when the connection ends first. */
    static void read(InputStream in, CappedBuffer out) throws IOException {
        int state = LINE_START;
        while (true) {
            int b = in.read();
            if (b < 0) throw new EOFException("connection closed during DATA");
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
                    if (b == '\n') return;
                    out.append('\r');
                    out.append(b);
                    state = b == '\r' ? CR : IN_LINE;
                }
                default -> throw new IllegalStateException("state " + state);
            }
        }
    }
}
