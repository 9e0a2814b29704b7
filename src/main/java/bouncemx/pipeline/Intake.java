package bouncemx.pipeline;

import java.util.concurrent.CompletableFuture;

/**
 * Where the SMTP edge hands a received message (contract between smtp/ and pipeline/). The future always
 * completes normally, with a {@link Receipt}: {@code Stored} once the message and its events are durable in
 * the journal, else why not. {@code deadlineNanos} ({@link System#nanoTime()} scale) is when the sender stops
 * waiting: work not yet written by then is dropped, never written late, and the receipt says
 * {@code Failed}. Never blocks the caller. Thread-safe.
 */
public interface Intake {

    CompletableFuture<Receipt> submit(RawMessage message, long deadlineNanos);
}
