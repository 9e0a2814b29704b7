package bouncemx.webhook;

import bouncemx.config.Config;
import bouncemx.metrics.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Posts events to one endpoint: signs each attempt afresh ({@code webhook-timestamp} = the clock at this
 * attempt, {@code webhook-id} = the event id, the same on every retry and replay), sends it through the
 * {@link Transport} and times it ({@code bouncemx.webhook.request}). Also holds the endpoint's outcome
 * counters, which the sender and the command line count into. Thread-safe.
 */
public final class EndpointClient implements AutoCloseable {
    private final Config.Webhook endpoint;
    private final URI url;
    private final Signer signer;
    private final Transport transport;
    private final Clock clock;
    private final Timer requests;
    final Counter ok;
    final Counter retry;
    final Counter deadLetter;
    final Counter gone;

    public EndpointClient(Config.Webhook endpoint, Transport transport, Clock clock, MeterRegistry registry) {
        this.endpoint = endpoint;
        this.url = URI.create(endpoint.url());
        this.signer = new Signer(endpoint.secrets());
        this.transport = transport;
        this.clock = clock;
        this.requests = Timer.builder(MeterNames.WEBHOOK_REQUEST).tag(MeterNames.TAG_ENDPOINT, endpoint.name())
                .serviceLevelObjectives(bouncemx.metrics.Buckets.LATENCY).register(registry);
        this.ok = outcome(registry, "ok");
        this.retry = outcome(registry, "retry");
        this.deadLetter = outcome(registry, "dead_letter");
        this.gone = outcome(registry, "gone");
    }

    /** A client on the JDK transport, as the daemon and the command line use it. */
    public static EndpointClient of(Config.Webhook endpoint, java.util.concurrent.Executor executor,
                                    java.util.concurrent.ScheduledExecutorService timer, String version, Clock clock,
                                    MeterRegistry registry) {
        var transport = new JdkTransport(endpoint.url().regionMatches(true, 0, "https:", 0, 6), endpoint.timeout(),
                executor, timer, version);
        return new EndpointClient(endpoint, transport, clock, registry);
    }

    private Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder(MeterNames.WEBHOOK_DELIVERIES).tag(MeterNames.TAG_ENDPOINT, endpoint.name())
                .tag("outcome", outcome).register(registry);
    }

    public Config.Webhook endpoint() {
        return endpoint;
    }

    /** One attempt to deliver {@code body} with id {@code id}; completes normally (see {@link Transport}). */
    public CompletableFuture<Answer> post(String id, byte[] body) {
        long timestamp = clock.instant().getEpochSecond();
        var request = new WebhookRequest(url, id, timestamp, signer.sign(id, timestamp, body), body, endpoint.timeout());
        long start = System.nanoTime();
        return transport.post(request).whenComplete((a, e) -> requests.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    @Override
    public void close() {
        transport.close();
    }
}
