package bouncemx.health;

import bouncemx.http.HttpServer;
import bouncemx.smtp.Availability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's readiness, evaluated on its own "readiness" thread every {@code period} (1 s in the daemon):
 * samples the disk reserve and the consumer watches, asks every check, and keeps the verdict in a volatile
 * field, which the SMTP edge reads for each new connection ({@link Availability#ready()}: not ready means 421
 * 4.3.2 at the greeting) and each MAIL ({@link Availability#storageLow()}: 452 4.3.1). /readyz asks the same
 * checks itself (they read what the last sample found), so it and the edge agree within one period. Logs one
 * WARN when the daemon turns not ready (naming the failing checks) and one INFO when it is ready again.
 * Thread-safe; start once, close once.
 */
public final class Readiness implements Availability, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Readiness.class);

    private final List<HttpServer.Check> checks;
    private final DiskReserve reserve;
    private final List<ConsumerWatch> consumers;
    private final ScheduledExecutorService timer;
    private volatile boolean ready;
    private String failing = null; // guarded by this; null before the first evaluation

    /**
     * @param checks    what /readyz shows and what must all pass
     * @param reserve   sampled before each evaluation; its {@link DiskReserve#low()} is {@link #storageLow()}
     * @param consumers sampled before each evaluation
     */
    public Readiness(List<HttpServer.Check> checks, DiskReserve reserve, List<ConsumerWatch> consumers) {
        this.checks = List.copyOf(checks);
        this.reserve = reserve;
        this.consumers = List.copyOf(consumers);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("readiness").daemon().factory());
    }

    /** Evaluates once now, then every {@code period}. */
    public void start(Duration period) {
        refresh();
        timer.scheduleWithFixedDelay(this::refreshQuietly, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) { // a bug in a check: keep the last verdict and the schedule
            log.error("readiness: a check failed", e);
        }
    }

    /** Samples and evaluates now; true when every check passes. */
    public synchronized boolean refresh() {
        reserve.refresh();
        consumers.forEach(ConsumerWatch::refresh);
        List<String> bad = new ArrayList<>();
        for (HttpServer.Check c : checks) {
            if (!c.ok()) bad.add(c.name());
        }
        String now = String.join(", ", bad);
        ready = bad.isEmpty();
        if (!now.equals(failing)) {
            if (!bad.isEmpty()) {
                log.warn("not ready: {} failing; new SMTP connections get 421 4.3.2 (see /readyz)", now);
            } else if (failing != null) {
                log.info("ready again; SMTP greets new connections");
            }
            failing = now;
        }
        return ready;
    }

    /** The checks, for /readyz. */
    public List<HttpServer.Check> checks() {
        return checks;
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public boolean storageLow() {
        return reserve.low();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
