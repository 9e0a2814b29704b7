package bouncemx.http;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpServerTest {
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> get(HttpServer s, String path, String method) throws Exception {
        var req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.address().getPort() + path))
                .timeout(Duration.ofSeconds(5)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(req, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesHealthReadinessAndMetricsOverLoopback() throws Exception {
        AtomicBoolean journal = new AtomicBoolean(true);
        try (var s = HttpServer.start("127.0.0.1", 0, () -> "bouncemx_events_total 3.0\n",
                List.of(new HttpServer.Check("journal", journal::get), new HttpServer.Check("smtp", () -> true)))) {
            assertEquals(200, get(s, "/healthz", "GET").statusCode());
            assertEquals(200, get(s, "/readyz", "GET").statusCode());
            var m = get(s, "/metrics", "GET");
            assertEquals(200, m.statusCode());
            assertTrue(m.body().contains("bouncemx_events_total 3.0"));
            assertTrue(m.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
            journal.set(false);
            var r = get(s, "/readyz", "GET");
            assertEquals(503, r.statusCode());
            assertEquals("not ready: journal\n", r.body());
            assertEquals(200, get(s, "/healthz", "GET").statusCode());
            assertEquals(404, get(s, "/nope", "GET").statusCode());
            assertEquals(405, get(s, "/healthz", "POST").statusCode());
        }
    }

    @Test
    void aTakenPortIsOneClearError() {
        try (var first = HttpServer.start("127.0.0.1", 0, () -> "", List.of())) {
            var e = assertThrows(IllegalStateException.class,
                    () -> HttpServer.start("127.0.0.1", first.address().getPort(), () -> "", List.of()));
            assertTrue(e.getMessage().startsWith("cannot listen for HTTP on 127.0.0.1:"), e.getMessage());
        }
    }
}
