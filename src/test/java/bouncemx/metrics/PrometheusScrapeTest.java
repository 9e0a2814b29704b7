package bouncemx.metrics;

import bouncemx.http.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /metrics over loopback: Prometheus text by default, OpenMetrics when the Accept header asks for it. */
class PrometheusScrapeTest {
    /** What Prometheus 2.x/3.x sends by default. */
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    @Test
    void negotiatesOpenMetricsOrTheTextFormat() throws Exception {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder(MeterNames.SMTP_CONNECTIONS).register(registry).increment(3);
        try (var http = HttpServer.start("127.0.0.1", 0, new PrometheusScrape(registry), List.of(), HttpServer.Api.OFF);
             var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            URI uri = URI.create("http://127.0.0.1:" + http.address().getPort() + "/metrics");

            var open = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .header("Accept", PROMETHEUS_ACCEPT).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, open.statusCode());
            assertTrue(open.headers().firstValue("content-type").orElse("").startsWith("application/openmetrics-text; version=1.0.0"));
            assertTrue(open.body().contains("bouncemx_smtp_connections_total 3.0"), open.body());
            assertTrue(open.body().stripTrailing().endsWith("# EOF"), "OpenMetrics ends with # EOF");

            var text = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpServer.PROMETHEUS_TEXT, text.headers().firstValue("content-type").orElse(""));
            assertTrue(text.body().contains("bouncemx_smtp_connections_total 3.0"), text.body());
            assertFalse(text.body().contains("# EOF"));
        }
    }
}
