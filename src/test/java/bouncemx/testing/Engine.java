package bouncemx.testing;

import bouncemx.classify.Classifier;
import bouncemx.event.Event;
import bouncemx.event.EventFactory;
import bouncemx.parse.Dialects;
import bouncemx.parse.Limits;
import bouncemx.parse.Originals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The standard offline engine as `bouncemx classify` wires it, for tests. */
public final class Engine {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final EventFactory FACTORY = new EventFactory(
            new bouncemx.parse.Decoder(Dialects.standardOrder(Limits.DEFAULT), Originals.standard(), Limits.DEFAULT),
            Classifier.standard(), Limits.DEFAULT);

    private Engine() {}

    public static EventFactory factory() { return FACTORY; }

    /** The one event of the fixture {@code resource} (a path under src/test/resources); fails unless it gives one. */
    public static Event only(String resource) {
        List<Event> events = events(Samples.bytes(resource));
        org.junit.jupiter.api.Assertions.assertEquals(1, events.size(), resource + ": " + events);
        return events.get(0);
    }

    /** Events of one file; an mbox-style file with several messages gives the events of each in turn. */
    public static List<Event> events(byte[] raw) {
        List<Event> out = new ArrayList<>();
        for (byte[] m : bouncemx.parse.Mbox.split(raw)) out.addAll(FACTORY.events(m, null, T0, T0, null, null));
        return out;
    }
}
