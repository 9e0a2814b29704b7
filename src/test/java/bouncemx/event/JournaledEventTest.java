package bouncemx.event;

import bouncemx.classify.Classifier;
import bouncemx.parse.Decoder;
import bouncemx.parse.Dialects;
import bouncemx.parse.Limits;
import bouncemx.parse.Originals;
import bouncemx.testing.Samples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JournaledEventTest {
    final ObjectMapper mapper = new ObjectMapper();

    /** What the streaming copy must equal: the event as a tree, "journal_seq" put right after "id". */
    byte[] byTree(byte[] event, long seq) throws Exception {
        ObjectNode o = (ObjectNode) mapper.readTree(event);
        ObjectNode data = (ObjectNode) o.get("data");
        ObjectNode copy = mapper.createObjectNode();
        for (Map.Entry<String, JsonNode> f : data.properties()) {
            if (f.getKey().equals("journal_seq")) continue;
            copy.set(f.getKey(), f.getValue());
            if (f.getKey().equals("id")) copy.put("journal_seq", seq);
        }
        o.set("data", copy);
        return mapper.writeValueAsBytes(o);
    }

    @Test
    void theCopyOfRealEventsEqualsTheTreeWithJournalSeqAfterTheId() throws Exception {
        var limits = Limits.DEFAULT;
        var factory = new EventFactory(new Decoder(Dialects.standardOrder(limits), new Originals(List.of(), limits), limits),
                Classifier.standard(), limits);
        var json = new EventJson();
        var envelope = new Envelope("", List.of("b+jane=example.org@bounce.example"), "192.0.2.1", "mx.example");
        Instant at = Instant.parse("2026-12-02T10:00:00Z");
        int compared = 0;
        for (String sample : List.of("arf-abuse.eml", "auto-reply.eml", "dsn-global-utf8.eml", "dsn-success.eml",
                "dsn-two-recipients-delayed.eml", "dsn-userunknown.eml", "not-a-bounce.eml")) {
            List<byte[]> events = new ArrayList<>();
            for (Event e : factory.events(Samples.sample(sample), envelope, at, at, null, "m1")) events.add(json.toJson(e, null));
            List<JournaledEvent> got = JournaledEvent.of(42, events);
            for (int i = 0; i < events.size(); i++) {
                assertArrayEquals(byTree(events.get(i), 42), got.get(i).json(), sample + " event " + i);
                JsonNode tree = mapper.readTree(events.get(i));
                assertEquals(tree.path("data").path("id").asText(), got.get(i).id());
                assertEquals(tree.path("type").asText(), got.get(i).type());
                assertEquals(at, got.get(i).receivedAtInstant().orElseThrow());
                assertEquals(i, got.get(i).index());
                compared++;
            }
        }
        assertEquals(true, compared >= 8, "compared " + compared);
    }

    @Test
    void journalSeqGoesAtTheEndWithoutAnIdAndReplacesAnOldOne() throws Exception {
        byte[] event = "{\"type\":\"x\",\"data\":{\"journal_seq\":1,\"a\":[1,2.5,{\"b\":null}],\"s\":\"\\u00e9\\n\"}}".getBytes(StandardCharsets.UTF_8);
        var got = JournaledEvent.of(7, List.of(event)).getFirst();
        assertEquals("{\"type\":\"x\",\"data\":{\"a\":[1,2.5,{\"b\":null}],\"s\":\"é\\n\",\"journal_seq\":7}}",
                new String(got.json(), StandardCharsets.UTF_8));
        assertEquals("", got.id());
    }

    @Test
    void anEventThatIsNotJsonIsMalformedWithItsIndex() {
        var e = assertThrows(JournaledEvent.Malformed.class, () -> JournaledEvent.of(1,
                List.of("{\"data\":{}}".getBytes(StandardCharsets.UTF_8), "{\"data\":".getBytes(StandardCharsets.UTF_8))));
        assertEquals(1, e.index());
        assertThrows(JournaledEvent.Malformed.class, () -> JournaledEvent.of(1, List.of(new byte[0])));
    }
}
