package bouncemx.webhook;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential backoff with full jitter ("Exponential Backoff And
 * Jitter", AWS Architecture Blog, 2015). After the n-th failed attempt (n from 1) the ceiling is
 * {@code initial * 2^(n-1)}, capped at {@code max}, and the delay is drawn uniformly from [1 ms, ceiling]:
 * retries of many events spread out instead of arriving in waves. A {@code Retry-After} from the receiver
 * replaces the drawn delay, capped at {@code max} (the receiver knows best, but never longer than the
 * operator allows). Immutable; the random source is the caller's.
 */
public record RetrySchedule(Duration initial, Duration max) {
    public RetrySchedule {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) throw new IllegalArgumentException("initial backoff " + initial);
        if (max.compareTo(initial) < 0) throw new IllegalArgumentException("backoff max " + max + " < initial " + initial);
    }

    /** The ceiling after {@code failures} failed attempts (1 = the first failure). */
    public Duration ceiling(int failures) {
        if (failures < 1) throw new IllegalArgumentException("failures " + failures);
        int doublings = Math.min(failures - 1, 62);
        long nanos = initial.toNanos();
        long capped = max.toNanos();
        return Duration.ofNanos(nanos > (capped >> doublings) ? capped : Math.min(capped, nanos << doublings));
    }

    /** The wait before the next attempt after {@code failures} failed attempts. */
    public Duration delay(int failures, Optional<Duration> retryAfter, RandomGenerator random) {
        if (retryAfter.isPresent()) {
            Duration d = retryAfter.get();
            return d.isNegative() ? Duration.ZERO : d.compareTo(max) > 0 ? max : d;
        }
        long ceiling = ceiling(failures).toNanos();
        long floor = Math.min(ceiling, 1_000_000L);
        return Duration.ofNanos(floor + (ceiling > floor ? random.nextLong(ceiling - floor + 1) : 0));
    }
}
