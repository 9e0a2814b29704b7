package bouncemx.metrics;

import bouncemx.journal.FileJournal;
import bouncemx.journal.Journal;
import bouncemx.journal.JournalException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The journal's meters. As a {@link Journal} it wraps another and adds no behaviour: each append is timed from
 * the call to durable (histogram), and each failed one counted by its {@link JournalException.Kind}. As a
 * {@link FileJournal.BatchObserver} it records the records per fsync (group commit batch size) and the time of
 * each write+fsync. All meters are resolved at construction. Thread-safe.
 */
public final class JournalMeters implements Journal, FileJournal.BatchObserver {
    private final Journal inner;
    private final Timer append;
    private final Map<JournalException.Kind, Counter> errors = new EnumMap<>(JournalException.Kind.class);
    private final Counter otherErrors;
    private final DistributionSummary batchRecords;
    private final Timer fsync;

    public JournalMeters(Journal inner, MeterRegistry registry) {
        this.inner = inner;
        append = Timer.builder(MeterNames.JOURNAL_APPEND).description("one journal append, from the call to durable")
                .serviceLevelObjectives(Buckets.LATENCY).register(registry);
        for (JournalException.Kind k : JournalException.Kind.values()) errors.put(k, error(registry, k.name().toLowerCase(Locale.ROOT)));
        otherErrors = error(registry, "other");
        batchRecords = DistributionSummary.builder(MeterNames.JOURNAL_FSYNC_BATCH).baseUnit("records")
                .description("records made durable by one write+fsync").serviceLevelObjectives(Buckets.BATCH_RECORDS)
                .register(registry);
        fsync = Timer.builder(MeterNames.JOURNAL_FSYNC).description("one write+fsync of a batch of records")
                .serviceLevelObjectives(Buckets.LATENCY).register(registry);
    }

    private static Counter error(MeterRegistry registry, String cause) {
        return Counter.builder(MeterNames.JOURNAL_ERRORS).description("journal appends that failed, by cause")
                .tag(MeterNames.TAG_CAUSE, cause).register(registry);
    }

    @Override
    public CompletableFuture<Long> append(byte[] payload, long deadlineNanos) {
        return timed(System.nanoTime(), inner.append(payload, deadlineNanos));
    }

    @Override
    public CompletableFuture<Long> append(java.nio.ByteBuffer[] parts, long deadlineNanos) {
        return timed(System.nanoTime(), inner.append(parts, deadlineNanos));
    }

    private CompletableFuture<Long> timed(long t0, CompletableFuture<Long> appended) {
        return appended.whenComplete((seq, err) -> {
            if (err == null) {
                append.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
                return;
            }
            Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            (t instanceof JournalException j ? errors.get(j.kind()) : otherErrors).increment();
        });
    }

    @Override
    public void written(int records, long bytes, long nanos) {
        batchRecords.record(records);
        fsync.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean healthy() {
        return inner.healthy();
    }

    @Override
    public void close() {
        inner.close();
    }
}
