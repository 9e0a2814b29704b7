package bouncemx.state;

import bouncemx.event.Envelope;
import bouncemx.pipeline.JournalEntry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The journal records the suppression state writes: one {@link JournalEntry} per record (so {@code journal dump}
 * and the webhook senders read them like any other), with an empty envelope and raw message and one event:
 * <pre>
 * {"type": "suppression.changed", "timestamp": ISO-8601,
 *  "data": {"id", "suppression": {"address", "suppressed", "cause", "soft_bounces", "threshold",
 *                                 "caused_by" (absent for manual changes), "at" (when it took effect), "note"?}}}
 * {"type": "suppression.activity", "timestamp", "data": {"id", "address", "at"}}   (internal: no webhook sends it)
 * </pre>
 * The id of an automatic change is {@code "sc-" + caused_by}, so the same cause always gives the same id. Stateless.
 */
public final class ChangeRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeRecords() {}

    /** The id of the change {@code c}: derived from its cause, else {@code manualId}. */
    public static String id(Change c, String manualId) {
        return c.causedBy() != null ? "sc-" + c.causedBy() : manualId;
    }

    public static byte[] changed(String id, Change c, String note, Instant now) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", "suppression.changed");
        e.put("timestamp", now.toString());
        ObjectNode d = e.putObject("data");
        d.put("id", id);
        ObjectNode s = d.putObject("suppression");
        s.put("address", c.address());
        s.put("suppressed", c.suppressed());
        s.put("cause", c.cause());
        s.put("soft_bounces", c.softBounces());
        s.put("threshold", c.threshold());
        if (c.causedBy() != null) s.put("caused_by", c.causedBy());
        s.put("at", c.at().toString());
        if (note != null && !note.isEmpty()) s.put("note", note);
        return entry(id, now, e);
    }

    public static byte[] activity(String id, String address, Instant at, Instant now) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", SignalReader.ACTIVITY_TYPE);
        e.put("timestamp", now.toString());
        ObjectNode d = e.putObject("data");
        d.put("id", id);
        d.put("address", address);
        d.put("at", at.toString());
        return entry(id, now, e);
    }

    private static byte[] entry(String id, Instant now, ObjectNode event) {
        byte[] json = event.toString().getBytes(StandardCharsets.UTF_8);
        return new JournalEntry(id, now, new Envelope("", List.of(), "", ""), new byte[0], List.of(json)).encode();
    }
}
