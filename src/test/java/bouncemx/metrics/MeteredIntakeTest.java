package bouncemx.metrics;

import bouncemx.event.Envelope;
import bouncemx.journal.JournalException;
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
        var outcomes = List.<CompletableFuture<String>>of(CompletableFuture.completedFuture("a"),
                CompletableFuture.failedFuture(new Intake.Busy()),
                CompletableFuture.failedFuture(new JournalException("disk", true, null)),
                CompletableFuture.failedFuture(new JournalException("io", false, null)),
                CompletableFuture.completedFuture("b"));
        var it = outcomes.iterator();
        Intake metered = new MeteredIntake(m -> it.next(), registry);
        var msg = new RawMessage("x", new Envelope("", List.of("a@b.example"), "", ""), new byte[0], Instant.EPOCH);
        for (int i = 0; i < outcomes.size(); i++) metered.submit(msg);
        assertEquals(2.0, registry.get(MeterNames.SMTP_MESSAGES).tag("outcome", "accepted").counter().count());
        assertEquals(1.0, registry.get(MeterNames.SMTP_MESSAGES).tag("outcome", "busy").counter().count());
        assertEquals(1.0, registry.get(MeterNames.SMTP_MESSAGES).tag("outcome", "no_space").counter().count());
        assertEquals(1.0, registry.get(MeterNames.SMTP_MESSAGES).tag("outcome", "journal_error").counter().count());
        assertEquals(2, registry.get(MeterNames.JOURNAL_APPEND).timer().count());
    }
}
