package bouncemx.state;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming read of an event's suppression signal and campaign counter (EventFacts, SignalReader, Campaigns). */
class SignalReaderTest {
    private static final Instant AT = Instant.parse("2026-11-20T08:15:30.250Z");

    private static EventFacts facts(String header, String json) {
        EventFacts f = new EventFacts(header.toLowerCase(java.util.Locale.ROOT));
        assertTrue(f.read(json.getBytes(StandardCharsets.UTF_8)), json);
        return f;
    }

    private static Signal signal(String json) {
        return SignalReader.read(facts("feedback-id", json));
    }

    /** A soft bounce with the fields around the ones read that real events carry, nested and in another order. */
    private static final String SOFT = """
            {"data":{"diagnostics":{"action":"failed","status":"4.2.2","reply_code":"452","remote_mta":{"host":"mx"},
             "text":["a","b"]},"id":"evt_1","original":{"headers":{"X-Campaign":"spring","feedback-id":"f"},
             "to":[{"address":"x@y"}],"message_id":"<m1@sender.example>","feedback_id":"c1:acme:esp","list_id":"<news.acme>"},
             "recipient":{"address":"  Jane@Example.ORG ","source":"dsn","extra":{"deep":[1,{"address":"no@no"}]}},
             "received_at":"2026-11-20T08:15:30.250Z","classification":{"category":"soft","reason":"mailboxfull",
             "hard":false,"rule":"status:4.2.2","notes":null}},"type":"bounce.soft","timestamp":"2026-11-20T08:15:31Z"}""";

    @Test
    void aSoftBounceGivesItsAddressLowercasedTimeReasonRuleAndOriginalMessageId() {
        Signal.Soft s = (Signal.Soft) signal(SOFT);
        assertEquals(new Signal.Soft("jane@example.org", "evt_1", AT, "mailboxfull", "status:4.2.2", "<m1@sender.example>"), s);
    }

    @Test
    void hardComplaintAndSuccessEventsGiveTheirSignals() {
        String base = "{\"type\":\"%s\",\"data\":{\"id\":\"e\",\"received_at\":\"2026-11-20T08:15:30.250Z\","
                + "\"recipient\":{\"address\":\"a@b.example\"},\"diagnostics\":{\"feedback_type\":\"abuse\"}}}";
        assertEquals(new Signal.Hard("a@b.example", "e", AT), signal(base.formatted("bounce.hard")));
        assertEquals(new Signal.Complaint("a@b.example", "e", AT, "abuse"), signal(base.formatted("complaint")));
        assertEquals(new Signal.Success("a@b.example", "e", AT), signal(base.formatted("delivery.success")));
        assertNull(signal(base.formatted("bounce.delayed")));
        assertNull(signal(base.formatted("auto_reply")));
    }

    @Test
    void anAutomaticEventWithoutAnAddressOrATimeOrWithOtherValueTypesGivesNone() {
        assertNull(signal("{\"type\":\"bounce.hard\",\"data\":{\"id\":\"e\",\"recipient\":{\"address\":\"a@b.example\"}}}"));
        assertNull(signal("{\"type\":\"bounce.hard\",\"data\":{\"id\":\"e\",\"received_at\":\"2026-11-20T08:15:30.250Z\"}}"));
        assertNull(signal("{\"type\":\"bounce.hard\",\"data\":{\"received_at\":null,\"recipient\":{\"address\":\"a@b.example\"}}}"));
        assertNull(signal("{\"type\":\"bounce.hard\",\"data\":{\"received_at\":\"later\",\"recipient\":{\"address\":\"a@b.example\"}}}"));
        assertNull(signal("{\"type\":\"bounce.hard\",\"data\":{\"received_at\":\"2026-11-20T08:15:30.250Z\",\"recipient\":[\"a@b.example\"]}}"));
        assertNull(signal("{\"type\":[\"bounce.hard\"],\"data\":{\"received_at\":\"2026-11-20T08:15:30.250Z\",\"recipient\":{\"address\":\"a@b.example\"}}}"));
    }

    @Test
    void suppressionChangesAreRecordedWhenAutomaticAndAppliedWhenManual() {
        assertEquals(new Signal.Recorded("a@b.example", "sc-e1", AT), signal("""
                {"type":"suppression.changed","timestamp":"2026-12-01T00:00:00Z","data":{"id":"sc-e1","suppression":
                {"address":"A@b.example","suppressed":true,"cause":"hard_bounce","caused_by":"e1","at":"2026-11-20T08:15:30.250Z"}}}"""));
        assertEquals(new Signal.Manual("a@b.example", "m1", Instant.parse("2026-12-01T00:00:00Z"), true), signal("""
                {"type":"suppression.changed","timestamp":"2026-12-01T00:00:00Z","data":{"id":"m1","suppression":
                {"address":"a@b.example","suppressed":true,"cause":"manual"}}}"""));
        assertEquals(new Signal.Manual("a@b.example", "m2", AT, false), signal("""
                {"type":"suppression.changed","data":{"id":"m2","suppression":{"suppressed":false,"cause":"manual_lift",
                "address":"a@b.example","at":"2026-11-20T08:15:30.250Z"}}}"""));
        assertEquals(new Signal.Activity("a@b.example", "act", AT), signal("""
                {"type":"suppression.activity","data":{"id":"act","address":"A@B.example","at":"2026-11-20T08:15:30.250Z"}}"""));
    }

    @Test
    void textThatIsNotAJsonObjectIsNotRead() {
        EventFacts f = new EventFacts("feedback-id");
        assertFalse(f.read("not json".getBytes(StandardCharsets.UTF_8)));
        assertFalse(f.read("[1,2]".getBytes(StandardCharsets.UTF_8)));
        assertFalse(f.read("{\"type\":\"bounce.hard\",\"data\":{\"id\":".getBytes(StandardCharsets.UTF_8)));
        assertEquals("", f.type, "nothing of a broken event is kept");
    }

    @Test
    void theCampaignComesFromTheConfiguredHeaderThenTheListId() {
        var day = Instant.parse("2026-11-20T00:00:00Z");
        assertEquals(new Campaigns.Key("c1:acme:esp", day, "soft", "mailboxfull"), new Campaigns("Feedback-ID").key(facts("feedback-id", SOFT)));
        assertEquals(new Campaigns.Key("spring", day, "soft", "mailboxfull"), new Campaigns("x-campaign").key(facts("x-campaign", SOFT)));
        String twoSpellings = SOFT.replace("\"feedback-id\":\"f\"", "\"x-CAMPAIGN\":\"autumn\"");
        assertEquals(new Campaigns.Key("spring", day, "soft", "mailboxfull"), new Campaigns("X-Campaign").key(facts("x-campaign", twoSpellings)),
                "the first spelling of the header counts");
        assertEquals(new Campaigns.Key("<news.acme>", day, "soft", "mailboxfull"), new Campaigns("X-Other").key(facts("x-other", SOFT)));
        String noCategory = "{\"type\":\"bounce.hard\",\"data\":{\"received_at\":\"2026-11-20T08:15:30.250Z\",\"original\":{\"list_id\":\"l\"}}}";
        assertEquals(new Campaigns.Key("l", day, "unknown", ""), new Campaigns("Feedback-ID").key(facts("feedback-id", noCategory)));
        String change = "{\"type\":\"suppression.changed\",\"data\":{\"received_at\":\"2026-11-20T08:15:30.250Z\",\"original\":{\"list_id\":\"l\"}}}";
        assertNull(new Campaigns("Feedback-ID").key(facts("feedback-id", change)));
    }
}
