package bouncemx.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One event as it leaves the journal: the JSON that {@code journal dump} prints and a webhook POSTs (the
 * same bytes, by construction: both go through {@link #of}), i.e. the stored event with {@code "journal_seq"}
 * added to "data" right after "id" (at the end of "data" when it has no id; an old "journal_seq" is dropped),
 * plus the fields a consumer routes by: {@code id} is {@code data.id} ("" when absent), {@code type} the
 * top-level type ("" when absent), {@code receivedAt} the text of {@code data.received_at} ("" when absent).
 * {@code index} counts from 0 within the record. The JSON is copied token by token with Jackson's streaming
 * parser and generator (no object tree: this runs once per event per webhook endpoint). Immutable; the
 * {@code json} array is not copied, do not change it.
 */
public record JournaledEvent(long seq, int index, String id, String type, String receivedAt, byte[] json) {
    private static final JsonFactory JSON = new JsonFactory();

    /** An event of a record that is not a JSON object; {@link #index} says which (from 0). */
    public static final class Malformed extends Exception {
        private final int index;

        Malformed(int index, String why) {
            super("event " + (index + 1) + " is not JSON: " + why);
            this.index = index;
        }

        public int index() {
            return index;
        }
    }

    /** {@code data.received_at} as an instant, when it is one. */
    public Optional<Instant> receivedAtInstant() {
        if (receivedAt.isEmpty()) return Optional.empty();
        try {
            return Optional.of(Instant.parse(receivedAt));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The events of journal record {@code seq}, in their order; throws when one is not JSON. */
    public static List<JournaledEvent> of(long seq, List<byte[]> events) throws Malformed {
        List<JournaledEvent> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            try {
                out.add(copy(seq, i, events.get(i)));
            } catch (IOException e) {
                throw new Malformed(i, e.getMessage());
            }
        }
        return out;
    }

    private static JournaledEvent copy(long seq, int index, byte[] event) throws IOException, Malformed {
        var bytes = new ByteArrayOutputStream(event.length + 32);
        String type = "";
        Fields data = new Fields();
        try (JsonParser p = JSON.createParser(event); JsonGenerator g = JSON.createGenerator(bytes)) {
            JsonToken first = p.nextToken();
            if (first == null) throw new Malformed(index, "empty");
            if (first != JsonToken.START_OBJECT) {
                g.copyCurrentStructure(p);
            } else {
                g.writeStartObject();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    g.writeFieldName(name);
                    if (name.equals("type") && value.isScalarValue()) type = p.getText();
                    if (name.equals("data") && value == JsonToken.START_OBJECT) {
                        copyData(p, g, seq, data);
                    } else {
                        g.copyCurrentStructure(p);
                    }
                }
                g.writeEndObject();
            }
        }
        return new JournaledEvent(seq, index, data.id, type, data.receivedAt, bytes.toByteArray());
    }

    private static final class Fields {
        String id = "";
        String receivedAt = "";
    }

    /** Copies the "data" object (the parser at its START_OBJECT), with journal_seq right after id. */
    private static void copyData(JsonParser p, JsonGenerator g, long seq, Fields data) throws IOException {
        g.writeStartObject();
        boolean added = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("journal_seq")) {
                p.skipChildren();
                continue;
            }
            g.writeFieldName(name);
            if (name.equals("id") && value.isScalarValue()) data.id = p.getText();
            if (name.equals("received_at") && value == JsonToken.VALUE_STRING) data.receivedAt = p.getText();
            g.copyCurrentStructure(p);
            if (name.equals("id") && !added) {
                g.writeNumberField("journal_seq", seq);
                added = true;
            }
        }
        if (!added) g.writeNumberField("journal_seq", seq);
        g.writeEndObject();
    }
}
