package bouncemx.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * The few fields of one journaled event JSON (DESIGN.md section 3) that the suppression state and the campaign
 * report read, taken in one streaming pass that skips everything else (the rest of an event, diagnostics and the
 * returned original's headers, is most of its bytes). A rebuild reads tens of millions of events, and a Jackson
 * tree per event was the largest single cost of it (see bench/README.md, suppression). Field names are the
 * paths they come from; a missing field is "". The last of duplicated keys wins, as in a Jackson tree. Mutable,
 * reused per event by one thread; {@link #read} fills it.
 */
final class EventFacts {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** The header of the returned original that names the campaign, lowercased ({@code Campaigns}). */
    private final String campaignHeader;

    String type, timestamp;
    String dataId, dataReceivedAt, dataAddress, dataAt;
    String recipientAddress;
    String category, reason, rule;
    String originalMessageId, originalFeedbackId, originalListId, originalHeader;
    String feedbackType;
    String suppressionCause, suppressionAt, suppressionAddress;
    boolean suppressionSuppressed;

    EventFacts(String campaignHeader) {
        this.campaignHeader = campaignHeader;
    }

    /** Reads {@code json}; false (and every field "") when it is not a JSON object. */
    boolean read(byte[] json) {
        clear();
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "type" -> type = text(p, t);
                    case "timestamp" -> timestamp = text(p, t);
                    case "data" -> {
                        if (t == JsonToken.START_OBJECT) data(p); else p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            clear();
            return false;
        }
    }

    private void data(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                switch (name) {
                    case "recipient" -> object(p, (n, v) -> { if (n.equals("address")) recipientAddress = v; });
                    case "classification" -> object(p, (n, v) -> {
                        switch (n) {
                            case "category" -> category = v;
                            case "reason" -> reason = v;
                            case "rule" -> rule = v;
                            default -> { }
                        }
                    });
                    case "original" -> original(p);
                    case "diagnostics" -> object(p, (n, v) -> { if (n.equals("feedback_type")) feedbackType = v; });
                    case "suppression" -> suppression(p);
                    default -> p.skipChildren();
                }
                continue;
            }
            switch (name) {
                case "id" -> dataId = text(p, t);
                case "received_at" -> dataReceivedAt = text(p, t);
                case "address" -> dataAddress = text(p, t);
                case "at" -> dataAt = text(p, t);
                default -> p.skipChildren();
            }
        }
    }

    private void original(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "message_id" -> originalMessageId = text(p, t);
                case "feedback_id" -> originalFeedbackId = text(p, t);
                case "list_id" -> originalListId = text(p, t);
                case "headers" -> {
                    if (t == JsonToken.START_OBJECT) {
                        object(p, (n, v) -> { if (n.equalsIgnoreCase(campaignHeader)) originalHeader = v; });
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    private void suppression(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "cause" -> suppressionCause = text(p, t);
                case "at" -> suppressionAt = text(p, t);
                case "address" -> suppressionAddress = text(p, t);
                case "suppressed" -> suppressionSuppressed = t == JsonToken.VALUE_TRUE;
                default -> p.skipChildren();
            }
        }
    }

    private interface Field {
        void take(String name, String value);
    }

    /** The scalar members of an object (as text); nested values are skipped. The parser is left on its END_OBJECT. */
    private static void object(JsonParser p, Field field) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (t.isScalarValue()) field.take(name, text(p, t)); else p.skipChildren();
        }
    }

    /** A scalar as a Jackson tree's {@code asText("")} gives it (null: ""); a container is skipped and is "". */
    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) return "";
        if (t.isScalarValue()) return p.getValueAsString("");
        p.skipChildren();
        return "";
    }

    private void clear() {
        type = timestamp = dataId = dataReceivedAt = dataAddress = dataAt = recipientAddress = "";
        category = reason = rule = originalMessageId = originalFeedbackId = originalListId = originalHeader = "";
        feedbackType = suppressionCause = suppressionAt = suppressionAddress = "";
        suppressionSuppressed = false;
    }
}
