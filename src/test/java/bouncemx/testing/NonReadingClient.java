package bouncemx.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A hostile SMTP client that writes and never reads (not even the greeting): the replies it provokes pile up
 * in its receive buffer, then in the server's send buffer, then wherever the server keeps them. Its channel
 * is non-blocking, so a write into a full send buffer never blocks the test: {@link #pump} waits for
 * room with a {@link Selector} and a deadline. A write that fails means the server reset or closed the
 * connection. {@link #sent} may be read from another thread while {@link #pump} runs; otherwise confined
 * to one thread.
 */
public final class NonReadingClient implements AutoCloseable {
    /** Why {@link #pump} returned. */
    public enum End { CLOSED_BY_SERVER, MAX_BYTES, MAX_TIME, STALLED }

    /** What one {@link #pump} did: how it ended, bytes written in all, time taken, and the write error if any. */
    public record Result(End end, long bytesSent, Duration elapsed, String error) {
        public boolean closedByServer() { return end == End.CLOSED_BY_SERVER; }
    }

    private final SocketChannel channel;
    private volatile long sent;

    private NonReadingClient(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Connects (5 s at most); {@code receiveBufferBytes} > 0 asks for a small receive window (set before
     * connecting, so the window the server sees is small from the start).
     */
    public static NonReadingClient connect(InetSocketAddress server, int receiveBufferBytes) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            if (receiveBufferBytes > 0) ch.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
            ch.socket().connect(server, 5000);
            ch.configureBlocking(false);
            return new NonReadingClient(ch);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /** Bytes the kernel has taken so far (all pumps). */
    public long sent() {
        return sent;
    }

    /**
     * Writes {@code pattern} over and over until the server closes or resets the connection (a write fails),
     * {@code maxBytes} have been written by this call, {@code maxTime} has passed, or no byte could be written
     * for {@code stallLimit} (the server stopped reading).
     */
    public Result pump(byte[] pattern, long maxBytes, Duration maxTime, Duration stallLimit) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(pattern);
        long start = System.nanoTime();
        long end = start + maxTime.toNanos();
        long lastProgress = start;
        long written = 0;
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_WRITE);
            while (true) {
                long now = System.nanoTime();
                if (written >= maxBytes) return result(End.MAX_BYTES, start, null);
                if (now >= end) return result(End.MAX_TIME, start, null);
                if (now - lastProgress >= stallLimit.toNanos()) return result(End.STALLED, start, null);
                if (!buf.hasRemaining()) buf.rewind();
                int n;
                try {
                    n = channel.write(buf);
                } catch (IOException e) {
                    return result(End.CLOSED_BY_SERVER, start, e.toString());
                }
                if (n > 0) {
                    written += n;
                    sent += n;
                    lastProgress = now;
                    continue;
                }
                // the send buffer is full: wait for room (or an error), at most 200 ms so the limits are re-checked
                long waitNanos = Math.min(Math.min(end, lastProgress + stallLimit.toNanos()) - now, 200_000_000L);
                selector.select(Math.max(1, waitNanos / 1_000_000));
                selector.selectedKeys().clear();
            }
        }
    }

    private Result result(End end, long start, String error) {
        return new Result(end, sent, Duration.ofNanos(System.nanoTime() - start), error);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
