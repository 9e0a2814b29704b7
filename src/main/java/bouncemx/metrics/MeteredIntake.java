package bouncemx.metrics;

import bouncemx.pipeline.Intake;
import bouncemx.pipeline.RawMessage;
import bouncemx.pipeline.Receipt;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.CompletableFuture;

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
    public CompletableFuture<Receipt> submit(RawMessage message, long deadlineNanos) {
        long t0 = System.nanoTime();
        return inner.submit(message, deadlineNanos).whenComplete((receipt, error) -> {
            if (error != null) { // the Intake contract says never; count it rather than lose it
                failed.increment();
                return;
            }
            switch (receipt) {
                case Receipt.Stored s -> {
                    accepted.increment();
                    ack.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
                }
                case Receipt.Busy b -> busy.increment();
                case Receipt.NoSpace n -> noSpace.increment();
                case Receipt.Failed f -> journalError.increment();
            }
        });
    }
}
