package bouncemx.webhook;

import bouncemx.config.Config;
import io.micrometer.core.instrument.MeterRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * The daemon's webhook senders, one per configured endpoint, each with its own HTTP client and thread;
 * they share the retry timer and the executor the HTTP clients call back on (both given, and shut down by
 * {@link #close(Duration)}). Thread-safe.
 */
public final class Webhooks implements AutoCloseable {
    private final List<WebhookSender> senders;
    private final ScheduledExecutorService timer;
    private final ExecutorService http;

    public Webhooks(Config config, JournalSource journal, String version, Clock clock, MeterRegistry registry,
                    ScheduledExecutorService timer, ExecutorService http, RandomGenerator random) {
        this.timer = timer;
        this.http = http;
        List<WebhookSender> list = new ArrayList<>();
        Path dataDir = Path.of(config.data().dir());
        for (Config.Webhook w : config.webhooks()) {
            var client = EndpointClient.of(w, http, timer, version, clock, registry);
            list.add(new WebhookSender(w, dataDir, journal, client, config.journal().retention(), clock, registry, timer, random));
        }
        this.senders = List.copyOf(list);
    }

    public List<WebhookSender> senders() {
        return senders;
    }

    public void start() {
        for (WebhookSender s : senders) s.start();
    }

    /** True while no sender has ended on an error (for /readyz; a disabled or failing endpoint is still running). */
    public boolean running() {
        return senders.stream().allMatch(WebhookSender::running);
    }

    /** Stops every sender within about {@code budget} in all (they stop in parallel), then the shared threads. */
    public void close(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<Thread> stops = new ArrayList<>();
        for (WebhookSender s : senders) {
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
