package bouncemx.metrics;

import bouncemx.classify.Category;
import bouncemx.reason.Reason;
import bouncemx.event.Event;
import bouncemx.pipeline.Pipeline;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The pipeline's meters ({@link Pipeline.Observer}): parse+classify time per message (histogram), and every
 * stored event counted by type, category and reason, plus the unclassified ones (category unknown or reason
 * undefined) on their own counter so that the share is one division in PromQL. The event counters are
 * resolved once per (category, reason) and kept in an array: counting an event is an array read and an
 * increment. Labels come from the fixed enums only. Thread-safe.
 */
public final class PipelineMeters implements Pipeline.Observer {
    private static final Reason[] REASONS = Reason.values();

    private final MeterRegistry registry;
    private final Timer decode;
    private final Counter unclassified;
    private final AtomicReferenceArray<Counter> events =
            new AtomicReferenceArray<>(Category.values().length * REASONS.length);

    public PipelineMeters(MeterRegistry registry) {
        this.registry = registry;
        decode = Timer.builder(MeterNames.PIPELINE_DECODE).description("parse and classify of one message")
                .serviceLevelObjectives(Buckets.DECODE).register(registry);
        unclassified = Counter.builder(MeterNames.EVENTS_UNCLASSIFIED)
                .description("events stored that nothing classified (category unknown or reason undefined)")
                .register(registry);
    }

    @Override
    public void decoded(long nanos) {
        decode.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void stored(List<Event> list) {
        for (int k = 0; k < list.size(); k++) {
            Event e = list.get(k);
            Category category = e.category();
            Reason reason = e.classification() == null ? Reason.UNDEFINED : e.classification().reason();
            counter(e.type(), category, reason).increment();
            if (category == Category.UNKNOWN || reason == Reason.UNDEFINED) unclassified.increment();
        }
    }

    private Counter counter(String type, Category category, Reason reason) {
        if (!type.equals(category.eventType())) return events(type, category, reason); // not from the classifier
        int i = category.ordinal() * REASONS.length + reason.ordinal();
        Counter c = events.get(i);
        if (c == null) {
            c = events(type, category, reason);
            events.set(i, c);
        }
        return c;
    }

    private Counter events(String type, Category category, Reason reason) {
        return Counter.builder(MeterNames.EVENTS).description("events stored, by type, category and reason")
                .tag(MeterNames.TAG_TYPE, type).tag(MeterNames.TAG_CATEGORY, category.wireName())
                .tag(MeterNames.TAG_REASON, reason.wireName()).register(registry);
    }
}
