package bouncemx.journal;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * The append-only, fsync'd record log (contract for the SMTP intake; implemented in this package).
 * {@link #append(byte[], long)} completes with the record's sequence number only after the record is durable
 * (written and fsync'd, possibly together with others: group commit); it completes exceptionally with
 * {@link JournalException} when the record cannot be made durable (the sender must get a 4xx), with a
 * {@link JournalException.Kind} that says why. Thread-safe.
 */
public interface Journal extends AutoCloseable {

    /** A deadline that never passes. */
    long NO_DEADLINE = Long.MAX_VALUE;

    /**
     * Appends; completes once durable. An append still waiting when {@code deadlineNanos} ({@link System#nanoTime()}
     * scale) passes is dropped, never written, and fails with JournalException (kind EXPIRED). An append already
     * being written and fsync'd when its deadline passes completes when that fsync does.
     */
    CompletableFuture<Long> append(byte[] payload, long deadlineNanos);

    /**
     * As {@link #append(byte[], long)} for a payload given in parts, which the record holds one after another as
     * if concatenated: a large part (a message's raw bytes) is written from where it already is rather than
     * copied into one array first. Each part's bytes are those between its position and limit; neither the
     * bytes nor the positions may change until the future completes (the journal reads through duplicates).
     * This default concatenates.
     */
    default CompletableFuture<Long> append(ByteBuffer[] parts, long deadlineNanos) {
        long n = 0;
        for (ByteBuffer b : parts) n += b.remaining();
        if (n > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("journal record of " + n + " bytes is over the limit");
        ByteBuffer all = ByteBuffer.allocate((int) n);
        for (ByteBuffer b : parts) all.put(b.duplicate());
        return append(all.array(), deadlineNanos);
    }

    /** Appends without a deadline. */
    default CompletableFuture<Long> append(byte[] payload) {
        return append(payload, NO_DEADLINE);
    }


    /** True while appends can succeed (for /readyz and the SMTP edge). */
    boolean healthy();

    /** Why {@link #healthy()} is false, in a few words ("" while it is true); for /readyz. */
    default String condition() {
        return healthy() ? "" : "appends cannot succeed now";
    }

    /** Flushes and closes; appends after close fail. */
    @Override
    void close();

    /** True when {@code deadlineNanos} has passed at {@code nowNanos}; overflow-safe, NO_DEADLINE never passes. */
    static boolean expired(long deadlineNanos, long nowNanos) {
        return deadlineNanos != NO_DEADLINE && nowNanos - deadlineNanos >= 0;
    }
}
