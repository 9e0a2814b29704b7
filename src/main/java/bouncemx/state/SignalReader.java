package bouncemx.state;

import java.time.Instant;
import java.util.Locale;

/**
 * Reads the {@link Signal} of one journaled event (DESIGN.md section 3, as {@link EventFacts} took it). Returns null
 * for events that do not concern suppression: {@code bounce.delayed}, {@code auto_reply},
 * {@code message.unclassified}, automatic events without a recipient address or a {@code received_at}, and JSON it
 * cannot read (an automatic {@code suppression.changed} is {@link Signal.Recorded}: a consequence, recomputed from
 * its cause). Stateless.
 */
final class SignalReader {
    /** Type of the internal record that carries a reported activity (never sent to webhooks, see {@link ChangeRecords}). */
    static final String ACTIVITY_TYPE = "suppression.activity";

    private SignalReader() {}

    /** The signal of an event (null: none). */
    static Signal read(EventFacts e) {
        String type = e.type;
        String id = e.dataId;
        if (type.equals("suppression.changed")) {
            String cause = e.suppressionCause;
            Instant at = UtcInstants.parse(e.suppressionAt.isEmpty() ? e.timestamp : e.suppressionAt);
            String address = lower(e.suppressionAddress);
            if (at == null || address.isEmpty()) return null;
            if (!cause.equals(Change.MANUAL) && !cause.equals(Change.MANUAL_LIFT)) return new Signal.Recorded(address, id, at);
            return new Signal.Manual(address, id, at, e.suppressionSuppressed);
        }
        if (type.equals(ACTIVITY_TYPE)) {
            String address = lower(e.dataAddress);
            Instant at = UtcInstants.parse(e.dataAt);
            return address.isEmpty() || at == null ? null : new Signal.Activity(address, id, at);
        }
        String address = lower(e.recipientAddress);
        if (address.isEmpty()) return null;
        return switch (type) {
            case "bounce.hard", "bounce.soft", "complaint", "delivery.success" -> {
                Instant at = UtcInstants.parse(e.dataReceivedAt);
                if (at == null) yield null;
                yield switch (type) {
                    case "bounce.hard" -> new Signal.Hard(address, id, at);
                    case "bounce.soft" -> new Signal.Soft(address, id, at, e.reason, e.rule, e.originalMessageId);
                    case "complaint" -> new Signal.Complaint(address, id, at, e.feedbackType);
                    default -> new Signal.Success(address, id, at);
                };
            }
            default -> null; // bounce.delayed, auto_reply, message.unclassified never count
        };
    }

    private static String lower(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }
}
