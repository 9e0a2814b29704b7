package bouncemx.event;

import bouncemx.classify.Classifier;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Decoder;
import bouncemx.parse.Dialect;
import bouncemx.parse.DialectOrder;
import bouncemx.parse.Limits;
import bouncemx.parse.Originals;
import bouncemx.parse.ParseResult;
import bouncemx.testing.Engine;
import bouncemx.testing.Samples;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventFactoryTest {

    @Test
    void everyMessageYieldsAtLeastOneEvent() {
        for (String junk : new String[]{"", "\r\n\r\n", "garbage without headers", "Content-Type: multipart/report; boundary=\"\n\n--"}) {
            List<Event> events = Engine.events(junk.getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(1, events.size(), junk);
            assertEquals("message.unclassified", events.get(0).type());
        }
    }

    @Test
    void aDialectThatThrowsLeavesTheMessageUnclassifiedWithTheError() {
        Dialect broken = new Dialect() {
            @Override public String name() { return "broken"; }
            @Override public ParseResult parse(BounceMessage m) { throw new IllegalStateException("bug"); }
        };
        var factory = new EventFactory(new Decoder(new DialectOrder(List.of(broken), List.of(), List.of()),
                Originals.standard(), Limits.DEFAULT), Classifier.standard(), Limits.DEFAULT);
        List<Event> events = factory.events(Samples.sample("dsn-userunknown.eml"), null, Engine.T0, Engine.T0, null, "m1");
        assertEquals(1, events.size());
        assertEquals("message.unclassified", events.get(0).type());
        assertTrue(events.get(0).parserError().contains("bug"));
        assertEquals("m1-1", events.get(0).id());
    }

    @Test
    void theEnvelopeRecipientCarriesTheVerpAddress() {
        var factory = Engine.factory();
        var env = new Envelope("", List.of("b+kim=mail-test.example@bounce.sender-test.example"), "192.0.2.9", "mx.example");
        List<Event> events = factory.events(Samples.sample("not-a-bounce.eml"), env, Engine.T0, Engine.T0, 7L, "m2");
        assertEquals("kim@mail-test.example", events.get(0).recipientAddress());
        assertEquals("verp", events.get(0).recipientSource());
        assertEquals(7L, events.get(0).journalSeq());
        String json = new String(new EventJson().toJson(events.get(0), null), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"rcpt_to\":[\"b+kim=mail-test.example@bounce.sender-test.example\"]"), json);
        assertTrue(json.contains("\"journal_seq\":7"), json);
    }

    @Test
    void unidentifiedEventsIdentifiedAreTheEventsOfTheMessage() throws Exception {
        var factory = Engine.factory();
        var json = new EventJson();
        var envelopes = new java.util.ArrayList<Envelope>();
        envelopes.add(null);
        envelopes.add(new Envelope("", List.of("b+kim=mail-test.example@bounce.sender-test.example"), "192.0.2.9", "mx.example"));
        envelopes.add(new Envelope("", List.of("bounces@bounce.sender-test.example", "Other@bounce.sender-test.example"), "192.0.2.9", "mx.example"));
        int messages = 0;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/test/resources/samples"))) {
            for (var file : files.sorted().toList()) {
                byte[] raw = java.nio.file.Files.readAllBytes(file);
                for (Envelope env : envelopes) {
                    List<Event> expected = factory.events(raw, env, Engine.T0, Engine.T0, null, null);
                    List<Event> bare = factory.unidentifiedEvents(raw, env, Engine.T0, Engine.T0);
                    assertEquals("", bare.get(0).rawSha256(), file.toString());
                    List<Event> got = EventFactory.identified(bare, raw, env);
                    assertEquals(expected.size(), got.size(), file.toString());
                    for (int i = 0; i < got.size(); i++) {
                        assertEquals(new String(json.toJson(expected.get(i), null), StandardCharsets.UTF_8),
                                new String(json.toJson(got.get(i), null), StandardCharsets.UTF_8), file + " event " + i);
                    }
                }
                messages++;
            }
        }
        assertTrue(messages >= 5, "samples read: " + messages);
    }
}
