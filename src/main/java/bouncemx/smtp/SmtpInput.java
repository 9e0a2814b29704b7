package bouncemx.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What a session reads from its client, through one 8 KiB buffer: command lines, DATA content and BDAT chunks.
 * Every read has a deadline, set per request in the manner of Postfix's {@code smtpd_per_request_deadline}
 * (a whole command line must arrive by its deadline, however slowly its bytes trickle in) and capped by the
 * whole-session deadline; a read that would wait past either ends in {@link SocketTimeoutException}. While
 * DATA or a BDAT chunk arrives, the deadline moves on by {@code n / minDataRate} seconds for every {@code n}
 * bytes received (Postfix's {@code smtpd_min_data_rate}), but never further than one command timeout ahead,
 * so a client that sends less than the minimum rate for longer than that is cut off.
 * <p>
 * Lines end only at CRLF. A bare CR or LF in a command line and a line longer than the limit are
 * {@link BadLine}; DATA ends only at CRLF.CRLF, and a bare LF there is content (RFC 5321 4.1.1.4; this is what
 * keeps "SMTP smuggling" from splitting one message into two). Nothing after a line, the DATA terminator or a
 * chunk is consumed, so pipelined commands stay buffered ({@link #buffered()} tells the reply writer whether
 * more commands are waiting). Reads block without a socket timeout: each publishes its deadline in the session's
 * {@link ReadWatch} and the server's {@link DeadlineSweeper} shuts the input of a read still blocked past it
 * (also under STARTTLS, where the TLS socket reads from the accepted one); such a read ends in
 * {@link SocketTimeoutException} like one that ran out of time between reads. Confined to the session's thread.
 */
final class SmtpInput {
    /** A command line the session cannot take: the reply closes the connection. */
    static final class BadLine extends IOException {
        BadLine(String message) {
            super(message, null);
        }
    }

    /** Where a blocking read publishes its deadline ({@link DeadlineSweeper.Watch}); tests pass a stub. */
    interface ReadWatch {
        /** The read is about to block until {@code deadlineNanos}; false when no deadline can be enforced. */
        boolean beginRead(long deadlineNanos);

        /** The read returned or threw; false when it was cut off at its deadline. */
        boolean endRead();
    }

    private static final int BUFFER_BYTES = 8192;

    private final ReadWatch watch;
    private final long sessionDeadline;
    private InputStream in;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private int pos;
    private int lim;
    private byte[] line = new byte[128];
    private long deadline;

    SmtpInput(ReadWatch watch, InputStream in, long sessionDeadlineNanos) {
        this.watch = watch;
        this.in = in;
        this.sessionDeadline = sessionDeadlineNanos;
        this.deadline = sessionDeadlineNanos;
    }

    /** The next request must arrive by {@code deadlineNanos} ({@link System#nanoTime()} scale). */
    void deadline(long deadlineNanos) {
        this.deadline = deadlineNanos;
    }

    /** Bytes already received and not yet consumed: pipelined commands waiting. */
    int buffered() {
        return lim - pos;
    }

    /** Reads from {@code next} from now on (STARTTLS), dropping buffered plaintext (CVE-2011-0411's class). */
    void switchTo(InputStream next) {
        this.in = next;
        pos = lim = 0;
    }

    /** Reads more into the empty buffer; false at end of stream. */
    private boolean fill() throws IOException {
        long now = System.nanoTime();
        boolean session = sessionDeadline - deadline <= 0;
        long until = session ? sessionDeadline : deadline;
        if (until - now <= 0) throw timeout(session);
        if (!watch.beginRead(until)) throw new IOException("server stopped: no read without a deadline");
        int n;
        try {
            n = in.read(buf, 0, buf.length);
        } catch (IOException e) {
            if (!watch.endRead()) throw timeout(session);
            throw e;
        }
        if (!watch.endRead()) throw timeout(session); // cut at the deadline: the input is shut
        if (n < 0) return false;
        pos = 0;
        lim = n;
        return true;
    }

    private static SocketTimeoutException timeout(boolean session) {
        return new SocketTimeoutException(session ? "session deadline passed" : "request deadline passed");
    }

    /**
     * One command line without its CRLF; null when the client closed the connection before a line began.
     * {@link BadLine} for a line over {@code maxBytes} (CRLF excluded) or with a bare CR or LF;
     * {@link CharacterCodingException} for bytes that are not UTF-8 (the line is consumed, the session goes
     * on); {@link EOFException} when the connection ends inside a line.
     */
    String readLine(int maxBytes) throws IOException {
        int n = 0;
        boolean ascii = true;
        boolean cr = false;
        while (true) {
            if (pos == lim && !fill()) {
                if (n == 0 && !cr) return null;
                throw new EOFException("connection closed inside a command line");
            }
            while (pos < lim) {
                byte b = buf[pos++];
                if (cr) {
                    if (b != '\n') throw new BadLine("Syntax error: CR and LF must be paired (RFC 5321 2.3.8)");
                    return decode(line, n, ascii);
                }
                if (b == '\r') {
                    cr = true;
                    continue;
                }
                if (b == '\n') throw new BadLine("Syntax error: CR and LF must be paired (RFC 5321 2.3.8)");
                if (n == maxBytes) throw new BadLine("Line too long");
                if (n == line.length) line = java.util.Arrays.copyOf(line, Math.min(maxBytes, n * 2));
                line[n++] = b;
                if (b < 0) ascii = false;
            }
        }
    }

    private static String decode(byte[] b, int n, boolean ascii) throws CharacterCodingException {
        if (ascii) return new String(b, 0, n, StandardCharsets.ISO_8859_1);
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, 0, n)).toString();
    }

    private static final int LINE_START = 0, IN_LINE = 1, CR = 2, DOT = 3, DOT_CR = 4;

    /**
     * Reads DATA content (RFC 5321 4.1.1.4) into {@code out} up to and including the terminating CRLF.CRLF,
     * removing the leading dot of dot-stuffed lines (4.5.2). {@link EOFException} when the connection ends
     * first, {@link SocketTimeoutException} when the client falls below the minimum rate.
     *
     * @param minDataRate    bytes per second (0: each read may wait one command timeout)
     * @param commandTimeout the most the deadline may lie ahead of now, in nanoseconds
     */
    void readData(MessageBuffer out, long minDataRate, long commandTimeout) throws IOException {
        int state = LINE_START;
        boolean sized = false;
        while (true) {
            if (pos == lim) {
                if (!fill()) throw new EOFException("connection closed during DATA");
                extendDeadline(lim, minDataRate, commandTimeout);
            }
            if (!sized) { // the whole message in the first read (as a 2 KB one is): size its buffer to fit
                sized = true;
                int bound = contentBound();
                if (bound >= 0) out.expectAtMost(bound);
            }
            while (pos < lim) {
                int b = buf[pos] & 0xff;
                switch (state) {
                    case LINE_START -> {
                        pos++;
                        if (b == '.') {
                            state = DOT;
                        } else {
                            out.append(b);
                            state = b == '\r' ? CR : IN_LINE;
                        }
                    }
                    case IN_LINE -> { // copy the run up to the next CR in one go
                        int end = pos;
                        while (end < lim && buf[end] != '\r') end++;
                        out.append(buf, pos, end - pos);
                        pos = end;
                        if (end < lim) {
                            out.append('\r');
                            pos++;
                            state = CR;
                        }
                    }
                    case CR -> {
                        pos++;
                        out.append(b);
                        state = b == '\n' ? LINE_START : b == '\r' ? CR : IN_LINE;
                    }
                    case DOT -> { // the dot at a line start is dropped (unstuffed) unless CRLF follows
                        pos++;
                        if (b == '\r') {
                            state = DOT_CR;
                        } else {
                            out.append(b);
                            state = IN_LINE;
                        }
                    }
                    case DOT_CR -> {
                        pos++;
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

    /**
     * At DATA's start: the most content bytes the message can have when its terminator (a line ".", RFC 5321
     * 4.1.1.4) is already in the buffer, else -1. The first CRLF.CRLF (or a "." line at the very start) is the
     * terminator; dot-stuffed lines only make the content shorter than this.
     */
    private int contentBound() {
        if (lim - pos >= 3 && buf[pos] == '.' && buf[pos + 1] == '\r' && buf[pos + 2] == '\n') return 0;
        for (int i = pos; i + 4 < lim; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '.' && buf[i + 3] == '\r' && buf[i + 4] == '\n') {
                return i + 2 - pos;
            }
        }
        return -1;
    }

    /** Reads exactly {@code size} octets (a BDAT chunk, RFC 3030) into {@code out}, or drops them when it is null. */
    void readChunk(long size, MessageBuffer out, long minDataRate, long commandTimeout) throws IOException {
        long left = size;
        while (left > 0) {
            if (pos == lim) {
                if (!fill()) throw new EOFException("connection closed during BDAT");
                extendDeadline(lim, minDataRate, commandTimeout);
            }
            int n = (int) Math.min(left, lim - pos);
            if (out != null) out.append(buf, pos, n);
            pos += n;
            left -= n;
        }
    }

    private void extendDeadline(int bytes, long minDataRate, long commandTimeout) {
        long now = System.nanoTime();
        long cap = now + commandTimeout;
        if (minDataRate <= 0) {
            deadline = cap;
            return;
        }
        long next = deadline + bytes * 1_000_000_000L / minDataRate;
        deadline = next - cap > 0 ? cap : next;
    }
}
