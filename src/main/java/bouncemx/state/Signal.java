package bouncemx.state;

import java.time.Instant;

/**
 * What one journaled event means for the suppression of its address ({@link SignalReader} reads it from the
 * event JSON). {@code eventId} is the event's {@code data.id}; {@code at} its {@code received_at} (soft bounces
 * are dated by when bouncemx accepted them, never by dates inside the report).
 */
public sealed interface Signal {
    String address();

    String eventId();

    Instant at();

    /** {@code bounce.hard}. */
    record Hard(String address, String eventId, Instant at) implements Signal {}

    /** {@code bounce.soft} with its reason, classification rule and the original's Message-ID ("" when none). */
    record Soft(String address, String eventId, Instant at, String reason, String rule, String messageId) implements Signal {}

    /** {@code complaint} with its ARF Feedback-Type ("" when none). */
    record Complaint(String address, String eventId, Instant at, String feedbackType) implements Signal {}

    /** {@code delivery.success}. */
    record Success(String address, String eventId, Instant at) implements Signal {}

    /** A manual {@code suppression.changed} (API or CLI): add ({@code suppressed}) or lift. */
    record Manual(String address, String eventId, Instant at, boolean suppressed) implements Signal {}

    /** An automatic {@code suppression.changed} already in the journal: nothing to apply, but it need not be written again. */
    record Recorded(String address, String eventId, Instant at) implements Signal {}

    /** The sender reported the subscriber active at {@code at}. */
    record Activity(String address, String eventId, Instant at) implements Signal {}
}
