package bouncemx.metrics;

import bouncemx.pipeline.Intake;
import bouncemx.pipeline.RawMessage;
import bouncemx.pipeline.Receipt;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Counts and times what the SMTP edge hands to the pipeline: messages by outcome (accepted, busy,
 * journal_error, no_space, failed), the size of every message handed over (histogram), the bytes of the
 * accepted ones, and the time from hand-off to durable acknowledgement (histogram). Wraps any {@link Intake};
 * adds no behaviour. Meters are resolved at construction. Thread-safe.
 */
public final class MeteredIntake implements Intake {
    private final Intake inner;
    private final Counter accepted, busy, journalError, noSpace, failed, receivedBytes;
    private final DistributionSummary size;
    private final Timer ack;

    public MeteredIntake(Intake inner, MeterRegistry registry) {
        this.inner = inner;
        accepted = counter(registry, "accepted");
        busy = counter(registry, "busy");
        journalError = counter(registry, "journal_error");
        noSpace = counter(registry, "no_space");
        failed = counter(registry, "failed");
        receivedBytes = Counter.builder(MeterNames.SMTP_RECEIVED_BYTES).baseUnit("bytes")
                .description("bytes of the messages stored").register(registry);
        size = DistributionSummary.builder(MeterNames.SMTP_MESSAGE_SIZE).baseUnit("bytes")
                .description("size of each message handed to the pipeline").serviceLevelObjectives(Buckets.MESSAGE_BYTES)
                .register(registry);
        ack = Timer.builder(MeterNames.PIPELINE_ACK).description("hand-off to durable acknowledgement")
                .serviceLevelObjectives(Buckets.LATENCY).register(registry);
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(MeterNames.SMTP_MESSAGES).description("messages handed to the pipeline, by outcome")
                .tag(MeterNames.TAG_OUTCOME, outcome).register(registry);
    }

    @Override
    public CompletableFuture<Receipt> submit(RawMessage message, long deadlineNanos) {
        long t0 = System.nanoTime();
        int bytes = message.bytes().length;
        size.record(bytes);
        return inner.submit(message, deadlineNanos).whenComplete((receipt, error) -> {
            if (error != null) { // the Intake contract says never; count it rather than lose it
                failed.increment();
                return;
            }
            switch (receipt) {
                case Receipt.Stored s -> {
                    accepted.increment();
                    receivedBytes.increment(bytes);
                    ack.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
                }
                case Receipt.Busy b -> busy.increment();
                case Receipt.NoSpace n -> noSpace.increment();
                case Receipt.Failed f -> journalError.increment();
            }
        });
    }
}
