package bouncemx.metrics;

import bouncemx.journal.JournalException;
import bouncemx.pipeline.Intake;
import bouncemx.pipeline.RawMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Counts and times what the SMTP edge hands to the pipeline: messages by outcome (accepted, busy,
 * journal_error, no_space, failed) and the time from hand-off to durable acknowledgement. Wraps any
 * {@link Intake}; adds no behaviour. Thread-safe.
 */
public final class MeteredIntake implements Intake {
    private final Intake inner;
    private final Counter accepted, busy, journalError, noSpace, failed;
    private final Timer ack;

    public MeteredIntake(Intake inner, MeterRegistry registry) {
        this.inner = inner;
        accepted = counter(registry, "accepted");
        busy = counter(registry, "busy");
        journalError = counter(registry, "journal_error");
        noSpace = counter(registry, "no_space");
        failed = counter(registry, "failed");
        ack = Timer.builder(MeterNames.JOURNAL_APPEND).description("hand-off to durable acknowledgement")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(MeterNames.SMTP_MESSAGES).description("messages handed to the pipeline, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    @Override
    public CompletableFuture<String> submit(RawMessage message) {
        long t0 = System.nanoTime();
        return inner.submit(message).whenComplete((id, error) -> {
            if (error == null) {
                accepted.increment();
                ack.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
                return;
            }
            Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (e instanceof Intake.Busy) busy.increment();
            else if (e instanceof JournalException j) (j.noSpace() ? noSpace : journalError).increment();
            else failed.increment();
        });
    }
}
