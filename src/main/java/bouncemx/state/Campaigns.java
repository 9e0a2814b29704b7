package bouncemx.state;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The per-campaign bounce report's input: which campaign an event belongs to, by the configured header of the
 * returned original ({@code suppression.campaign_header}: {@code Feedback-ID} is read from
 * {@code original.feedback_id}, {@code List-Id} from {@code original.list_id}, any other from
 * {@code original.headers}), falling back to {@code List-Id}; events without either are not counted. Counts are
 * kept per UTC day of {@code received_at}, category and reason. Stateless apart from the header name; thread-safe.
 */
public final class Campaigns {
    /** One counter of the report. {@code day} is the start of a UTC day. */
    public record Key(String campaign, Instant day, String category, String reason) {}

    /** One campaign of the report: events since the asked day, by category and by reason. */
    public record Row(String campaign, long events, Map<String, Long> byCategory, Map<String, Long> byReason) {
        public Row {
            byCategory = Map.copyOf(byCategory);
            byReason = Map.copyOf(byReason);
        }
    }

    private final String header;

    public Campaigns(String header) {
        this.header = header.toLowerCase(Locale.ROOT);
    }

    /** The counter {@code event} adds to, or null when it names no campaign or is no bounce-like event. */
    public Key key(JsonNode event) {
        String type = event.path("type").asText("");
        if (type.isEmpty() || type.startsWith("suppression.")) return null;
        JsonNode d = event.path("data");
        JsonNode o = d.path("original");
        String campaign = switch (header) {
            case "feedback-id" -> o.path("feedback_id").asText("");
            case "list-id" -> o.path("list_id").asText("");
            default -> headerValue(o.path("headers"));
        };
        if (campaign.isEmpty()) campaign = o.path("list_id").asText("");
        if (campaign.isEmpty()) return null;
        Instant at;
        try {
            at = Instant.parse(d.path("received_at").asText(""));
        } catch (java.time.DateTimeException e) {
            return null;
        }
        JsonNode c = d.path("classification");
        return new Key(campaign, at.truncatedTo(ChronoUnit.DAYS), c.path("category").asText("unknown"),
                c.path("reason").asText(""));
    }

    private String headerValue(JsonNode headers) {
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equalsIgnoreCase(header)) return e.getValue().asText("");
        }
        return "";
    }
}
