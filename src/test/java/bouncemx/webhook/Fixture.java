package bouncemx.webhook;

import bouncemx.config.Config;
import bouncemx.event.Envelope;
import bouncemx.journal.FileJournal;
import bouncemx.journal.Storage;
import bouncemx.pipeline.JournalEntry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * A data directory with a real journal, and senders on it, for the webhook tests. Events are small JSON
 * objects written here (type, timestamp, data.id "ev-SEQ-INDEX", data.received_at); the ids are known in
 * advance so tests can name them.
 */
final class Fixture implements AutoCloseable {
    static final String KEY = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String OLD_KEY = "whsec_b2xkLWtleS1mb3Itcm90YXRpb24tdGVzdHM=";

    final Path data;
    final TestClock clock = new TestClock();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
    final ExecutorService http = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());
    final Duration retention;
    FileJournal journal;
    private final List<WebhookSender> senders = new ArrayList<>();
    private long appended;

    Fixture(Path data) throws Exception {
        this(data, Duration.ofDays(30));
    }

    Fixture(Path data, Duration retention) throws Exception {
        this.data = data;
        this.retention = retention;
        openJournal();
    }

    void openJournal() throws Exception {
        journal = new FileJournal(data.resolve("journal"), 1 << 20, retention, 1024, clock, Storage.files());
        appended = journal.lastSeq();
    }

    static Config.Webhook endpoint(String url) {
        return new Config.Webhook("main", url, KEY, Config.Webhook.ALL_TYPES, Duration.ofSeconds(2), 4,
                Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofHours(72));
    }

    /** Appends one record with one event per type given; returns its sequence number. */
    long append(String... types) throws Exception {
        long seq = ++appended;
        String at = clock.instant().toString();
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            events.add(("{\"type\":\"" + types[i] + "\",\"timestamp\":\"" + at + "\",\"data\":{\"id\":\"ev-" + seq + "-" + i
                    + "\",\"received_at\":\"" + at + "\",\"recipient\":{\"address\":\"user" + seq + "@example.com\"}}}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        var entry = new JournalEntry("msg-" + seq, clock.instant(), new Envelope("", List.of("b@bounce.example"), "192.0.2.1", "mx.example"),
                "raw".getBytes(StandardCharsets.US_ASCII), events);
        long got = journal.append(entry.encode()).get(10, TimeUnit.SECONDS);
        if (got != seq) throw new AssertionError("appended " + got + ", expected " + seq);
        return seq;
    }

    WebhookSender sender(Config.Webhook endpoint) {
        var client = new EndpointClient(endpoint, new JdkTransport(false, endpoint.timeout(), http, timer, "test"), clock, registry);
        var s = new WebhookSender(endpoint, data, JournalSource.of(journal), client, retention, clock, registry, timer,
                RandomGenerator.of("L64X128MixRandom"));
        senders.add(s);
        s.start();
        return s;
    }

    double gauge(String name) {
        return registry.get(name).tag("endpoint", "main").gauge().value();
    }

    double count(String outcome) {
        var c = registry.find(bouncemx.metrics.MeterNames.WEBHOOK_DELIVERIES).tag("endpoint", "main").tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        for (WebhookSender s : senders) s.close(Duration.ofSeconds(3));
        journal.close();
        timer.shutdownNow();
        http.shutdownNow();
    }
}
