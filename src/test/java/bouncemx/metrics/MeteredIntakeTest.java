package bouncemx.metrics;

import bouncemx.event.Envelope;
import bouncemx.pipeline.Receipt;
import bouncemx.pipeline.Intake;
import bouncemx.pipeline.RawMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MeteredIntakeTest {
    @Test
    void countsEveryOutcomeAndTimesAcknowledgements() {
        var registry = new SimpleMeterRegistry();
        var outcomes = List.<Receipt>of(new Receipt.Stored("a", 1), new Receipt.Busy("queue full"),
                new Receipt.NoSpace("disk"), new Receipt.Failed("io"), new Receipt.Stored("b", 2));
        var it = outcomes.iterator();
        Intake metered = new MeteredIntake((m, deadline) -> CompletableFuture.completedFuture(it.next()), registry);
        var msg = new RawMessage("x", new Envelope("", List.of("a@b.example"), "", ""), new byte[0], Instant.EPOCH);
        for (int i = 0; i < outcomes.size(); i++) metered.submit(msg, System.nanoTime());
        assertEquals(2.0, registry.get(MeterNames.SMTP_MESSAGES).tag("outcome", "accepted").counter().count());
        assertEquals(1.0, registry.get(MeterNames.SMTP_MESSAGES).tag("outcome", "busy").counter().count());
        assertEquals(1.0, registry.get(MeterNames.SMTP_MESSAGES).tag("outcome", "no_space").counter().count());
        assertEquals(1.0, registry.get(MeterNames.SMTP_MESSAGES).tag("outcome", "journal_error").counter().count());
        assertEquals(2, registry.get(MeterNames.PIPELINE_ACK).timer().count());
    }
}
