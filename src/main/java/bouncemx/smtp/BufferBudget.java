package bouncemx.smtp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The server-wide budget of message bytes held in memory ({@code smtp.max_buffered_bytes}): every
 * {@link MessageBuffer} reserves its chunks here as bytes really arrive and returns them when the message
 * has been journaled or refused. When the budget is spent, new messages are refused with 452 4.3.1 (at DATA,
 * or at the end of the content) instead of the JVM running out of heap. Thread-safe, lock-free.
 */
final class BufferBudget {
    private volatile long maxBytes; // a reload may change it; bytes reserved before stay reserved
    private final AtomicLong used = new AtomicLong();

    BufferBudget(long maxBytes) {
        if (maxBytes < 1) throw new IllegalArgumentException("buffer budget " + maxBytes);
        this.maxBytes = maxBytes;
    }

    /** Takes {@code bytes} from the budget; false (and nothing taken) when that would exceed it. */
    boolean tryReserve(long bytes) {
        while (true) {
            long u = used.get();
            if (u + bytes > maxBytes) return false;
            if (used.compareAndSet(u, u + bytes)) return true;
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }

    long available() {
        return maxBytes - used.get();
    }

    void maxBytes(long bytes) {
        if (bytes < 1) throw new IllegalArgumentException("buffer budget " + bytes);
        maxBytes = bytes;
    }

    long maxBytes() {
        return maxBytes;
    }
}
