package bouncemx.metrics;

import java.time.Duration;

/**
 * The histogram bucket lists (Prometheus {@code le} bounds), one per kind of figure, each short so that a
 * histogram is a dozen series, not Micrometer's seventy-odd default ones. Used through
 * {@code serviceLevelObjectives(...)} without {@code publishPercentileHistogram}, so exactly these bounds (and
 * +Inf) are exported; no client-side percentiles (summaries do not aggregate across instances).
 */
public final class Buckets {
    private Buckets() {}

    /** SMTP-side latency: a millisecond (a batched fsync on SSD) to five minutes (the command timeout). */
    public static final Duration[] LATENCY = {
            ms(1), ms(2), ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5)};

    /** CPU work on one message (parse and classify): tens of microseconds to a second. */
    public static final Duration[] DECODE = {
            Duration.ofNanos(50_000), ms(0.1), ms(0.25), ms(0.5), ms(1), ms(2.5), ms(5), ms(10), ms(25), ms(50),
            ms(100), ms(250), ms(1000)};

    /** Message size in bytes: a short DSN (1 KiB) to the default limit (10 MiB) and beyond. */
    public static final double[] MESSAGE_BYTES = {
            1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 10485760, 33554432};

    /** Records per fsync (group commit): 1 when idle, hundreds under load. */
    public static final double[] BATCH_RECORDS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096};

    private static Duration ms(double millis) {
        return Duration.ofNanos((long) (millis * 1_000_000));
    }
}
