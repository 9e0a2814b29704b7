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
            assertEquals("{\"status\":\"not_ready\",\"checks\":{\"journal\":{\"ok\":false},\"smtp\":{\"ok\":true}}}\n", r.body());
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
            assertEquals(200, get(s, "/healthz", "GET").statusCode());
            assertEquals(404, get(s, "/nope", "GET").statusCode());
            assertEquals(405, get(s, "/healthz", "POST").statusCode());
        }
    }

    /** HEAD: the status and headers of GET, Content-Length included, and no body (the next answer on the connection follows at once). */
    @Test
    void headAnswersWithoutABody() throws Exception {
        try (var s = HttpServer.start("127.0.0.1", 0, () -> "up 1\n", List.of());
             var socket = new java.net.Socket("127.0.0.1", s.address().getPort())) {
            socket.setSoTimeout(10_000);
            String requests = "HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n" + "HEAD /api/v1/suppressions/a%40example.org HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
            socket.getOutputStream().write(requests.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var in = new java.io.BufferedInputStream(socket.getInputStream());
            String[] head = headers(in);
            assertEquals("HTTP/1.1 200 OK", head[0]);
            assertTrue(java.util.Arrays.asList(head).contains("content-length: 3"), java.util.Arrays.toString(head));
            String[] api = headers(in); // the API is off: 404 with a JSON error's length, no body
            assertEquals("HTTP/1.1 404 Not Found", api[0]);
            assertTrue(java.util.Arrays.stream(api).anyMatch(h -> h.startsWith("content-length: ") && !h.equals("content-length: 0")));
            String[] get = headers(in);
            assertEquals("HTTP/1.1 200 OK", get[0], "the GET's answer right after the HEADs' headers");
            assertEquals("ok\n", new String(in.readNBytes(3), java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    /** The status line and header lines of one response, up to the empty line. */
    private static String[] headers(java.io.InputStream in) throws java.io.IOException {
        List<String> lines = new java.util.ArrayList<>();
        for (String l; !(l = line(in)).isEmpty(); ) lines.add(l);
        return lines.toArray(String[]::new);
    }

    private static String line(java.io.InputStream in) throws java.io.IOException {
        var b = new java.io.ByteArrayOutputStream();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new java.io.EOFException("connection closed");
            if (c != '\r') b.write(c);
        }
        return b.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void readinessIsJsonNamingEachCheckWithItsDetails() throws Exception {
        var disk = new java.util.concurrent.atomic.AtomicLong(5_000);
        var checks = List.of(
                new HttpServer.Check("smtp", () -> true),
                new HttpServer.Check("journal", () -> HttpServer.Check.State.of(true, "")),
                new HttpServer.Check("disk", () -> new HttpServer.Check.State(disk.get() >= 1_000,
                        new java.util.LinkedHashMap<>(java.util.Map.of("free_bytes", disk.get(), "min_free_bytes", 1_000L)))),
                new HttpServer.Check("consumers", () -> new HttpServer.Check.State(true,
                        java.util.Map.of("suppression", java.util.Map.of("ok", true)))));
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        try (var s = HttpServer.start("127.0.0.1", 0, () -> "", checks)) {
            var ok = get(s, "/readyz", "GET");
            assertEquals(200, ok.statusCode());
            var body = json.readTree(ok.body());
            assertEquals("ready", body.get("status").asText());
            assertEquals(List.of("smtp", "journal", "disk", "consumers"), iterable(body.get("checks").fieldNames()));
            assertEquals(5_000, body.at("/checks/disk/free_bytes").asLong());
            assertEquals(1_000, body.at("/checks/disk/min_free_bytes").asLong());
            assertTrue(body.at("/checks/consumers/suppression/ok").asBoolean());
            assertTrue(body.at("/checks/journal/ok").asBoolean());
            assertTrue(body.at("/checks/journal/detail").isMissingNode(), "an empty detail is left out");

            disk.set(999);
            var not = get(s, "/readyz", "GET");
            assertEquals(503, not.statusCode());
            body = json.readTree(not.body());
            assertEquals("not_ready", body.get("status").asText());
            assertEquals(false, body.at("/checks/disk/ok").asBoolean(true));
            assertEquals(999, body.at("/checks/disk/free_bytes").asLong());
            assertTrue(body.at("/checks/smtp/ok").asBoolean());
        }
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void aTakenPortIsOneClearError() {
        try (var first = HttpServer.start("127.0.0.1", 0, () -> "", List.of())) {
            var e = assertThrows(IllegalStateException.class,
                    () -> HttpServer.start("127.0.0.1", first.address().getPort(), () -> "", List.of()));
            assertTrue(e.getMessage().startsWith("cannot listen for HTTP on 127.0.0.1:"), e.getMessage());
        }
    }

    @Test
    void aClientThatDoesNotReadItsResponsesIsNotReadEitherAndIdleConnectionsAreClosed() throws Exception {
        String big = "x".repeat(64 * 1024) + "\n"; // each /metrics answer is 64 KiB
        try (var s = HttpServer.start("127.0.0.1", 0, () -> big, List.of(), 16, Duration.ofMillis(700));
             var sock = new java.net.Socket()) {
            sock.setReceiveBufferSize(4096);
            sock.connect(s.address(), 5000);
            byte[] req = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".repeat(200).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            var out = sock.getOutputStream();
            long sent = 0;
            long t0 = System.nanoTime();
            try {
                for (int i = 0; i < 10_000 && System.nanoTime() - t0 < java.util.concurrent.TimeUnit.SECONDS.toNanos(10); i++) {
                    out.write(req); // 200 pipelined requests per write, never a byte read back
                    sent += req.length;
                }
            } catch (java.io.IOException closedByServer) {
                // the server stopped reading us, then closed the idle connection
            }
            assertTrue(sent < 10_000L * req.length, "the server stopped reading a client that does not read");
            sock.setSoTimeout(5000);
            var in = sock.getInputStream();
            byte[] buf = new byte[65536];
            long read = 0;
            for (int n; (n = in.read(buf)) > 0; ) read += n; // drains what was sent, then EOF: closed
            assertTrue(read < 2L * 1024 * 1024, "responses held for it stayed bounded: " + read);
        }
    }

    @Test
    void connectionsOverTheLimitAreClosedAtOnce() throws Exception {
        try (var s = HttpServer.start("127.0.0.1", 0, () -> "", List.of(), 2, Duration.ofSeconds(30));
             var a = new java.net.Socket(); var b = new java.net.Socket(); var c = new java.net.Socket()) {
            a.connect(s.address(), 5000);
            b.connect(s.address(), 5000);
            Thread.sleep(200); // let the two be counted before the third arrives
            c.connect(s.address(), 5000);
            c.setSoTimeout(5000);
            assertEquals(-1, c.getInputStream().read(), "the third connection is closed");
            a.close();
            Thread.sleep(200);
            assertEquals(200, get(s, "/healthz", "GET").statusCode(), "a freed slot serves again");
        }
    }
}
