package bouncemx.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The replies of one session on their way to the client. Replies are collected ({@link #add}) and written by
 * {@link #flush}, which the session calls when no more pipelined commands are waiting (RFC 2920 3.2) or when
 * {@link #FLUSH_AT} bytes are pending: a client that pipelines without reading makes the session block in
 * {@code flush}, so it stops reading that client (the backlog stays under a few KiB), and every write has a
 * deadline: a write that has not finished by then closes the socket (a Java socket write has no timeout of its
 * own, so the server's {@link DeadlineSweeper} closes it), which ends the session.
 * <p>
 * Thread-safe: the session thread adds and flushes; a graceful stop calls {@link #closeWith} from another
 * thread, which never waits for the session: if the session is writing, it only closes the socket.
 */
final class ReplyWriter {
    /** Pending reply bytes that are written even while more pipelined commands wait. */
    static final int FLUSH_AT = 4096;

    private final Socket raw;
    private final DeadlineSweeper.Watch watch;
    private final ReentrantLock lock = new ReentrantLock();
    private OutputStream out;
    private byte[] pending = new byte[512];
    private int length;
    private volatile boolean closed;
    private volatile boolean timedOut;

    ReplyWriter(Socket raw, OutputStream out, DeadlineSweeper.Watch watch) {
        this.raw = raw;
        this.out = out;
        this.watch = watch;
    }

    /** Writes to {@code next} from now on (STARTTLS); call after a flush. */
    void switchTo(OutputStream next) {
        lock.lock();
        try {
            out = next;
        } finally {
            lock.unlock();
        }
    }

    void add(SmtpReply reply) {
        add(reply.toString());
    }

    /** One reply line (or several, each ending CRLF but the last), ASCII or UTF-8. */
    void add(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        lock.lock();
        try {
            ensure(length + b.length + 2);
            System.arraycopy(b, 0, pending, length, b.length);
            length += b.length;
            pending[length++] = '\r';
            pending[length++] = '\n';
        } finally {
            lock.unlock();
        }
    }

    private void ensure(int capacity) {
        if (capacity > pending.length) pending = Arrays.copyOf(pending, Math.max(capacity, pending.length * 2));
    }

    /** Bytes added and not yet written. */
    int pendingBytes() {
        return length;
    }

    /**
     * Writes what is pending, waiting at most {@code timeoutNanos}; past it the socket is closed and this
     * throws. Nothing happens once the writer is closed.
     */
    void flush(long timeoutNanos) throws IOException {
        lock.lock();
        try {
            if (closed || length == 0) {
                length = 0;
                return;
            }
            writeLocked(timeoutNanos);
        } finally {
            lock.unlock();
        }
    }

    private void writeLocked(long timeoutNanos) throws IOException {
        if (!watch.beginWrite(System.nanoTime() + timeoutNanos)) { // the server has stopped: no write without a deadline
            closed = true;
            closeSocket();
            throw new IOException("server stopped");
        }
        try {
            out.write(pending, 0, length);
            out.flush();
            length = 0;
        } catch (IOException e) {
            if (!watch.endWrite()) throw expired();
            throw e;
        }
        if (!watch.endWrite()) throw expired(); // written, but the sweeper closed the socket meanwhile
        if (pending.length > 4 * FLUSH_AT) pending = new byte[512]; // a large multi-line reply is not kept
    }

    private WriteTimeout expired() {
        timedOut = true;
        return new WriteTimeout();
    }

    /** The write deadline passed: the client does not read. */
    static final class WriteTimeout extends IOException {
        WriteTimeout() {
            super("write deadline passed: the client does not read", null);
        }
    }

    boolean timedOut() {
        return timedOut;
    }

    /**
     * From any thread: if the session is not writing, sends {@code reply} (at most {@code timeoutNanos}) and
     * closes the connection; if it is, closes the connection at once. Never waits for the session.
     */
    void closeWith(SmtpReply reply, long timeoutNanos) {
        if (lock.tryLock()) {
            try {
                if (!closed) {
                    add(reply); // after any reply the session has queued but not sent yet
                    writeLocked(timeoutNanos);
                }
            } catch (IOException e) {
                // the peer went away or did not read: nothing more to tell it
            } finally {
                closed = true;
                lock.unlock();
            }
        }
        closed = true;
        closeSocket();
    }

    boolean closed() {
        return closed;
    }

    /** Marks the writer closed and closes the socket (the session's end). */
    void close() {
        closed = true;
        closeSocket();
    }

    private void closeSocket() {
        try {
            raw.close();
        } catch (IOException ignored) {
            // closing a socket the peer may have closed already: nothing to report
        }
    }
}
