package bouncemx.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One event as it leaves the journal: the JSON that {@code journal dump} prints and a webhook POSTs (the
 * same bytes, by construction: both go through {@link #of}), i.e. the stored event with {@code "journal_seq"}
 * added to "data" right after "id" (at the end of "data" when it has no id), plus the fields a consumer
 * routes by. {@code id} is {@code data.id} ("" when absent), {@code type} the top-level type ("" when absent),
 * {@code receivedAt} {@code data.received_at} when it is an ISO-8601 instant. {@code index} counts from 0
 * within the record. Immutable; the {@code json} array is not copied, do not change it.
 */
public record JournaledEvent(long seq, int index, String id, String type, Optional<Instant> receivedAt, byte[] json) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

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

    /** The events of journal record {@code seq}, in their order; throws when one is not JSON. */
    public static List<JournaledEvent> of(long seq, List<byte[]> events) throws Malformed {
        List<JournaledEvent> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            JsonNode event;
            try {
                event = MAPPER.readTree(events.get(i));
            } catch (IOException e) {
                throw new Malformed(i, e.getMessage());
            }
            if (event == null) throw new Malformed(i, "empty");
            String id = "";
            String type = event.path("type").asText("");
            Optional<Instant> receivedAt = Optional.empty();
            if (event instanceof ObjectNode o && o.get("data") instanceof ObjectNode d) {
                o.set("data", withSeq(d, seq));
                id = d.path("id").asText("");
                receivedAt = instant(d.path("received_at").asText(""));
            }
            try {
                out.add(new JournaledEvent(seq, i, id, type, receivedAt, MAPPER.writeValueAsBytes(event)));
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a tree just read always writes
            }
        }
        return out;
    }

    /** {@code data} with "journal_seq" right after "id" (at the end when there is no id). */
    private static ObjectNode withSeq(ObjectNode data, long seq) {
        ObjectNode copy = MAPPER.createObjectNode();
        boolean added = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            var f = it.next();
            if (f.getKey().equals("journal_seq")) continue;
            copy.set(f.getKey(), f.getValue());
            if (f.getKey().equals("id")) {
                copy.put("journal_seq", seq);
                added = true;
            }
        }
        if (!added) copy.put("journal_seq", seq);
        return copy;
    }

    private static Optional<Instant> instant(String text) {
        if (text.isEmpty()) return Optional.empty();
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
