package bouncemx.metrics;

import bouncemx.state.Change;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SuppressionMetersTest {
    @Test
    void countsChangesByTheirCauseAndRegistersEveryCauseUpFront() {
        var registry = new SimpleMeterRegistry();
        var meters = new SuppressionMeters(registry);
        assertEquals(SuppressionMeters.CAUSES.size() + 1, registry.find(MeterNames.SUPPRESSION_CHANGES).counters().size());
        meters.changed(new Change("a@x.example", true, Change.HARD_BOUNCE, 0, 7, "e1", Instant.EPOCH));
        meters.changed(new Change("b@x.example", true, Change.COMPLAINT, 0, 7, "e2", Instant.EPOCH));
        meters.changed(new Change("b@x.example", false, Change.MANUAL_LIFT, 0, 7, null, Instant.EPOCH));
        assertEquals(1, registry.get(MeterNames.SUPPRESSION_CHANGES).tag("cause", "hard_bounce").counter().count());
        assertEquals(1, registry.get(MeterNames.SUPPRESSION_CHANGES).tag("cause", "complaint").counter().count());
        assertEquals(1, registry.get(MeterNames.SUPPRESSION_CHANGES).tag("cause", "manual_lift").counter().count());
        assertEquals(0, registry.get(MeterNames.SUPPRESSION_CHANGES).tag("cause", "soft_bounces").counter().count());
    }
}
