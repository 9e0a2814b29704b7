package bouncemx.webhook;

import bouncemx.config.Config;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * The daemon's webhook senders, one per configured endpoint, each with its own HTTP client and thread;
 * they share the retry timer and the executor the HTTP clients call back on (both given, and shut down by
 * {@link #close(Duration)}). {@link #reconfigure} applies a configuration reload: a removed endpoint's sender
 * stops, an added one starts, a changed one stops and starts again with the new settings from its own
 * durable cursor (so nothing is skipped; what was in flight is sent again with the same ids). Thread-safe.
 */
public final class Webhooks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    /** How long a reload waits for one stopping sender (it saves its cursor on the way out). */
    static final Duration RELOAD_STOP = Duration.ofSeconds(3);

    private final JournalSource journal;
    private final String version;
    private final Clock clock;
    private final MeterRegistry registry;
    private final ScheduledExecutorService timer;
    private final ExecutorService http;
    private final RandomGenerator random;
    private final Path dataDir;
    private final Duration retention;
    private volatile List<WebhookSender> senders; // replaced whole, under this's lock
    private boolean started;
    private boolean closed;

    /** What a reload changed, by endpoint name. */
    public record Changes(List<String> added, List<String> removed, List<String> changed) {
        public Changes {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            changed = List.copyOf(changed);
        }

        public boolean none() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    public Webhooks(Config config, JournalSource journal, String version, Clock clock, MeterRegistry registry,
                    ScheduledExecutorService timer, ExecutorService http, RandomGenerator random) {
        this.journal = journal;
        this.version = version;
        this.clock = clock;
        this.registry = registry;
        this.timer = timer;
        this.http = http;
        this.random = random;
        this.dataDir = Path.of(config.data().dir());
        this.retention = config.journal().retention();
        List<WebhookSender> list = new ArrayList<>();
        for (Config.Webhook w : config.webhooks()) list.add(sender(w));
        this.senders = List.copyOf(list);
    }

    private WebhookSender sender(Config.Webhook w) {
        var client = EndpointClient.of(w, http, timer, version, clock, registry);
        return new WebhookSender(w, dataDir, journal, client, retention, clock, registry, timer, random);
    }

    public List<WebhookSender> senders() {
        return senders;
    }

    public synchronized void start() {
        started = true;
        for (WebhookSender s : senders) s.start();
    }

    /**
     * Makes the senders match {@code endpoints} (see the class comment); unchanged endpoints are not touched.
     * Returns within about {@link #RELOAD_STOP} per removed or changed endpoint.
     */
    public synchronized Changes reconfigure(List<Config.Webhook> endpoints) {
        if (closed) return new Changes(List.of(), List.of(), List.of());
        Map<String, WebhookSender> old = new LinkedHashMap<>();
        for (WebhookSender s : senders) old.put(s.name(), s);
        Map<String, Config.Webhook> wanted = new LinkedHashMap<>();
        for (Config.Webhook w : endpoints) wanted.put(w.name(), w);
        List<String> added = new ArrayList<>(), removed = new ArrayList<>(), changed = new ArrayList<>();
        List<WebhookSender> next = new ArrayList<>();
        for (WebhookSender s : old.values()) {
            Config.Webhook w = wanted.get(s.name());
            if (w == null) {
                stop(s);
                removed.add(s.name());
            } else if (!w.equals(s.endpoint())) {
                stop(s);
                changed.add(s.name());
            }
        }
        for (Config.Webhook w : endpoints) {
            WebhookSender s = old.get(w.name());
            if (s != null && w.equals(s.endpoint())) {
                next.add(s);
                continue;
            }
            if (s == null) added.add(w.name());
            WebhookSender fresh = sender(w);
            if (started) fresh.start();
            next.add(fresh);
        }
        senders = List.copyOf(next);
        return new Changes(added, removed, changed);
    }

    private void stop(WebhookSender s) {
        s.close(RELOAD_STOP);
        s.removeMeters();
        log.debug("webhook {}: sender stopped for a configuration reload", s.name());
    }

    /** True while no sender has ended on an error (for /readyz; a disabled or failing endpoint is still running). */
    public boolean running() {
        return senders.stream().allMatch(WebhookSender::running);
    }

    /** Stops every sender within about {@code budget} in all (they stop in parallel), then the shared threads. */
    public void close(Duration budget) {
        List<WebhookSender> all;
        synchronized (this) {
            closed = true;
            all = senders;
        }
        long deadline = System.nanoTime() + budget.toNanos();
        List<Thread> stops = new ArrayList<>();
        for (WebhookSender s : all) {
            stops.add(Thread.ofPlatform().name("stop-webhook-" + s.name()).start(() -> s.close(budget)));
        }
        for (Thread t : stops) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        timer.shutdownNow();
        http.shutdownNow();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(3));
    }
}
