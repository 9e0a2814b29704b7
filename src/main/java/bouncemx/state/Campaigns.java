package bouncemx.state;


import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

    /** The header whose value names the campaign, lowercased. */
    String header() {
        return header;
    }

    /** The counter the event adds to, or null when it names no campaign or is no bounce-like event. */
    Key key(EventFacts e) {
        if (e.type.isEmpty() || e.type.startsWith("suppression.")) return null;
        String campaign = switch (header) {
            case "feedback-id" -> e.originalFeedbackId;
            case "list-id" -> e.originalListId;
            default -> e.originalHeader;
        };
        if (campaign.isEmpty()) campaign = e.originalListId;
        if (campaign.isEmpty()) return null;
        Instant at = UtcInstants.parse(e.dataReceivedAt);
        if (at == null) return null;
        return new Key(campaign, at.truncatedTo(ChronoUnit.DAYS), e.category.isEmpty() ? "unknown" : e.category, e.reason);
    }
}
