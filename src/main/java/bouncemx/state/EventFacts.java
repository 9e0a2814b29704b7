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
 * paths they come from; a missing field is "". Values not read are skipped unparsed. The last of duplicated keys
 * wins, as in a Jackson tree. Most events are read by the byte-level {@link EventScanner}, which declines what it
 * does not take on (escapes in kept strings, other value types, anything not strict JSON) so that this parser reads
 * those, with always the same facts as a result. Mutable,
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

    /** The fast path for the events it takes on; the streaming parser below reads the rest. */
    private final EventScanner scanner;

    EventFacts(String campaignHeader) {
        this.campaignHeader = campaignHeader;
        this.scanner = new EventScanner(campaignHeader);
    }

    /** Reads {@code json}; false (and every field "") when it is not a JSON object. */
    boolean read(byte[] json) {
        return read(json, 0, json.length);
    }

    /** {@link #read(byte[])} of the event at {@code bytes[from, to)} (in place in a journal payload). */
    boolean read(byte[] bytes, int from, int to) {
        clear();
        if (scanner.scan(bytes, from, to, this)) return true;
        return readStreaming(bytes, from, to);
    }

    /** {@link #read} with the streaming parser only (what the {@link EventScanner} must always agree with). */
    boolean readStreaming(byte[] json) {
        return readStreaming(json, 0, json.length);
    }

    private boolean readStreaming(byte[] bytes, int from, int to) {
        clear();
        try (JsonParser p = FACTORY.createParser(bytes, from, to - from)) {
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
                    case "recipient" -> recipientAddress = member(p, "address", recipientAddress);
                    case "classification" -> {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String n = p.currentName();
                            JsonToken v = p.nextToken();
                            switch (n) {
                                case "category" -> category = text(p, v);
                                case "reason" -> reason = text(p, v);
                                case "rule" -> rule = text(p, v);
                                default -> p.skipChildren();
                            }
                        }
                    }
                    case "original" -> original(p);
                    case "diagnostics" -> feedbackType = member(p, "feedback_type", feedbackType);
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
                        boolean found = false; // the first spelling of the header, as Campaigns read it from a tree
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            JsonToken v = p.nextToken();
                            if (!found && p.currentName().equalsIgnoreCase(campaignHeader)) {
                                originalHeader = text(p, v);
                                found = true;
                            } else {
                                p.skipChildren();
                            }
                        }
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

    /**
     * The member {@code name} of the object the parser is in (the last, if repeated), or {@code current} when it has
     * none; the other members are skipped. The parser is left on the object's END_OBJECT.
     */
    private static String member(JsonParser p, String name, String current) throws IOException {
        String value = current;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            JsonToken v = p.nextToken();
            if (p.currentName().equals(name)) value = text(p, v); else p.skipChildren();
        }
        return value;
    }

        /** A scalar as a Jackson tree's {@code asText("")} gives it (null: ""); a container is skipped and is "". */
    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) return "";
        if (t.isScalarValue()) return p.getValueAsString("");
        p.skipChildren();
        return "";
    }

    void clear() {
        type = timestamp = dataId = dataReceivedAt = dataAddress = dataAt = recipientAddress = "";
        category = reason = rule = originalMessageId = originalFeedbackId = originalListId = originalHeader = "";
        feedbackType = suppressionCause = suppressionAt = suppressionAddress = "";
        suppressionSuppressed = false;
    }
}
