package bouncemx.pipeline;

import java.util.concurrent.CompletableFuture;

/**
 * Where the SMTP edge hands a received message (contract between smtp/ and pipeline/). The future
 * completes once the message and its events are durable in the journal; it completes exceptionally with
 * {@link Busy} when the bounded queue is full (451 4.3.2) or with a
 * {@link bouncemx.journal.JournalException} when the journal cannot take it (451 4.3.0 / 452 4.3.1).
 * Never blocks the caller for long. Thread-safe.
 */
public interface Intake {

    CompletableFuture<String> submit(RawMessage message);

    /** The hand-off queue is full: try again later. */
    final class Busy extends RuntimeException {
        public Busy() {
            super("queue full", null, false, false);
        }
    }
}
