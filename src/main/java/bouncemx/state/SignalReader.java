package bouncemx.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;

/**
 * Reads the {@link Signal} of one journaled event JSON (DESIGN.md section 3). Returns null for events that do not
 * concern suppression: {@code bounce.delayed}, {@code auto_reply}, {@code message.unclassified},
 * (an automatic {@code suppression.changed} is {@link Signal.Recorded}: a consequence, recomputed from its cause), automatic
 * events without a
 * recipient address or a {@code received_at}, and JSON it cannot read. Thread-safe.
 */
public final class SignalReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Type of the internal record that carries a reported activity (never sent to webhooks, see {@link ChangeRecords}). */
    public static final String ACTIVITY_TYPE = "suppression.activity";

    public Signal read(byte[] eventJson) {
        return read(tree(eventJson));
    }

    /** The event as a tree, or null when it is not JSON. */
    public JsonNode tree(byte[] eventJson) {
        try {
            return JSON.readTree(eventJson);
        } catch (IOException ex) {
            return null;
        }
    }

    /** The signal of an event tree (null: none, or a null tree). */
    public Signal read(JsonNode e) {
        if (e == null) return null;
        String type = e.path("type").asText("");
        JsonNode d = e.path("data");
        String id = d.path("id").asText("");
        if (type.equals("suppression.changed")) {
            JsonNode s = d.path("suppression");
            String cause = s.path("cause").asText("");
            Instant at = instant(s.path("at").asText(e.path("timestamp").asText("")));
            String address = lower(s.path("address").asText(""));
            if (at == null || address.isEmpty()) return null;
            if (!cause.equals(Change.MANUAL) && !cause.equals(Change.MANUAL_LIFT)) return new Signal.Recorded(address, id, at);
            return new Signal.Manual(address, id, at, s.path("suppressed").asBoolean(false));
        }
        if (type.equals(ACTIVITY_TYPE)) {
            String address = lower(d.path("address").asText(""));
            Instant at = instant(d.path("at").asText(""));
            return address.isEmpty() || at == null ? null : new Signal.Activity(address, id, at);
        }
        String address = lower(d.path("recipient").path("address").asText(""));
        Instant at = instant(d.path("received_at").asText(""));
        if (address.isEmpty() || at == null) return null;
        JsonNode c = d.path("classification");
        return switch (type) {
            case "bounce.hard" -> new Signal.Hard(address, id, at);
            case "bounce.soft" -> new Signal.Soft(address, id, at, c.path("reason").asText(""), c.path("rule").asText(""),
                    d.path("original").path("message_id").asText(""));
            case "complaint" -> new Signal.Complaint(address, id, at, d.path("diagnostics").path("feedback_type").asText(""));
            case "delivery.success" -> new Signal.Success(address, id, at);
            default -> null; // bounce.delayed, auto_reply, message.unclassified never count
        };
    }

    private static String lower(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    private static Instant instant(String text) {
        if (text.isEmpty()) return null;
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
