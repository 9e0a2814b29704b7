package bouncemx.metrics;

import bouncemx.http.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Locale;

/**
 * /metrics from a {@link PrometheusMeterRegistry}, in one of two text formats: OpenMetrics 1.0 when the
 * scraper's Accept header names {@code application/openmetrics-text} (as Prometheus does by default; the same
 * test the Prometheus client's own writer applies), else the Prometheus text format 0.0.4. Never the protobuf
 * format (a binary body is not a String). Thread-safe.
 */
public final class PrometheusScrape implements HttpServer.Metrics {
    /** The OpenMetrics 1.0 text format's content type. */
    public static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public PrometheusScrape(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HttpServer.Exposition scrape(String accept) {
        String type = accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text") ? OPENMETRICS
                : HttpServer.PROMETHEUS_TEXT;
        return new HttpServer.Exposition(type, registry.scrape(type));
    }
}
