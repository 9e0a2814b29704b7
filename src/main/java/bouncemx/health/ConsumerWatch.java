package bouncemx.health;

import bouncemx.http.HttpServer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Tells whether one journal consumer (named by one word, e.g. "suppression") is stuck: its thread has ended ({@code alive} false: only a bug or an
 * Error ends it), or records are pending and its position has not moved for {@code stallAfter}.
 * {@link #refresh()} samples the position (on the readiness thread, once a second); {@link #state()} reads
 * the last sample. A consumer that is caught up is never stuck, however long it waits. Thread-safe.
 */
public final class ConsumerWatch {
    private final String name;
    private final BooleanSupplier alive;
    private final LongSupplier position;
    private final LongSupplier pending;
    private final long stallAfterNanos;
    private final LongSupplier nanoTime;

    private long lastPosition = Long.MIN_VALUE; // guarded by this
    private long movedNanos; // guarded by this: when the position last moved, or nothing was pending
    private volatile HttpServer.Check.State state;

    /**
     * @param position the consumer's applied position (any number that grows with progress)
     * @param pending  records waiting for it (0 when caught up)
     * @param nanoTime the clock ({@link System#nanoTime()} outside tests)
     */
    public ConsumerWatch(String name, BooleanSupplier alive, LongSupplier position, LongSupplier pending,
                         Duration stallAfter, LongSupplier nanoTime) {
        if (stallAfter.isNegative() || stallAfter.isZero()) throw new IllegalArgumentException("stall after " + stallAfter);
        this.name = name;
        this.alive = alive;
        this.position = position;
        this.pending = pending;
        this.stallAfterNanos = stallAfter.toNanos();
        this.nanoTime = nanoTime;
        this.state = new HttpServer.Check.State(true, Map.of("detail", "not checked yet"));
    }

    public String name() {
        return name;
    }

    /** Samples the consumer now. */
    public synchronized void refresh() {
        long now = nanoTime.getAsLong();
        long pos = position.getAsLong();
        long waiting = Math.max(0, pending.getAsLong());
        if (pos != lastPosition || waiting == 0) {
            lastPosition = pos;
            movedNanos = now;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("position", pos);
        details.put("pending", waiting);
        boolean ok = true;
        if (!alive.getAsBoolean()) {
            ok = false;
            details.put("detail", "the " + name + " consumer has stopped on an error (see its ERROR line)");
        } else if (now - movedNanos >= stallAfterNanos) {
            ok = false;
            details.put("detail", "the " + name + " consumer made no progress for " + Duration.ofNanos(now - movedNanos).toSeconds()
                    + " s with " + waiting + " record(s) pending");
        }
        state = new HttpServer.Check.State(ok, details);
    }

    /** The last sample's verdict: ok, position, pending and a detail when stuck. */
    public HttpServer.Check.State state() {
        return state;
    }
}
