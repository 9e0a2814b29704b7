package bouncemx.pipeline;

/**
 * How the hand-off of one message ended (contract between smtp/ and pipeline/): the value the SMTP edge
 * turns into its reply with one exhaustive switch. Immutable.
 * <ul>
 *   <li>{@link Stored}: the message and its events are durable in the journal (250 2.0.0);</li>
 *   <li>{@link Busy}: not taken, nothing stored: the queue or the journal's queue is full, or the daemon is
 *       stopping (451 4.3.2);</li>
 *   <li>{@link NoSpace}: the journal's disk is full (452 4.3.1);</li>
 *   <li>{@link Failed}: the journal could not store it, or its deadline passed (451 4.3.0).</li>
 * </ul>
 * Only {@code Stored} promises anything was written. The others promise nothing was acknowledged; a record
 * whose fsync was already running when its deadline passed may still become durable, which is why event ids
 * are derived from the message's content (a retry of the same bytes yields the same ids).
 */
public sealed interface Receipt {

    /** Durable at journal position {@code seq}; {@code eventTypes}: the type of each of its events, in order (for the log). */
    record Stored(String messageId, long seq, java.util.List<String> eventTypes) implements Receipt {
        public Stored {
            eventTypes = java.util.List.copyOf(eventTypes);
        }

        public Stored(String messageId, long seq) {
            this(messageId, seq, java.util.List.of());
        }
    }

    record Busy(String why) implements Receipt {}

    record NoSpace(String why) implements Receipt {}

    record Failed(String why) implements Receipt {}
}
