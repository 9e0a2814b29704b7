package bouncemx.journal;

import java.util.concurrent.CompletableFuture;

/**
 * The append-only, fsync'd record log (contract for the SMTP intake; implemented in this package).
 * {@link #append(byte[])} completes with the record's sequence number only after the record is durable
 * (written and fsync'd, possibly together with others: group commit); it completes exceptionally with
 * {@link JournalException} when the record cannot be made durable (the sender must get a 4xx).
 * Thread-safe.
 */
public interface Journal extends AutoCloseable {

    /** Appends one record; the future completes once it is durable. */
    CompletableFuture<Long> append(byte[] payload);

    /** As {@link #append(byte[])}; a record not yet written at {@code deadlineNanos} (nanoTime) is dropped. */
    default CompletableFuture<Long> append(byte[] payload, long deadlineNanos) {
        return append(payload);
    }

    /** True while appends can succeed (for /readyz and the SMTP edge). */
    boolean healthy();

    /** Flushes and closes; appends after close fail. */
    @Override
    void close();
}
