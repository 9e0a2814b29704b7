package bouncemx.state;

import bouncemx.journal.JournalRecord;
import bouncemx.pipeline.JournalEntry;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

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

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SignalReader.class);

    private SignalReader() {}

    /**
     * Reads the events of one journal record (the consumer and the rebuild alike): gives each signal, in the order
     * of the record's events, to {@code each}, and adds each campaign counter to {@code counts}. A record that is not
     * a journal entry is skipped with one WARN line. {@code facts} is the caller's, reused.
     */
    static void readRecord(JournalRecord record, EventFacts facts, Campaigns campaigns, Map<Campaigns.Key, Long> counts,
                           Consumer<Signal> each) {
        byte[] payload = record.payload();
        int[] spans;
        try {
            spans = JournalEntry.eventSpans(payload); // read in place: no copy of each event
        } catch (IllegalArgumentException e) {
            log.warn("suppression state: journal record {} is not a journal entry ({}); skipped", record.seq(), e.getMessage());
            return;
        }
        for (int i = 0; i < spans.length; i += 2) {
            if (!facts.read(payload, spans[i], spans[i + 1])) continue;
            Signal signal = read(facts);
            if (signal != null) each.accept(signal);
            Campaigns.Key key = campaigns.key(facts);
            if (key != null) counts.merge(key, 1L, Long::sum);
        }
    }

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
