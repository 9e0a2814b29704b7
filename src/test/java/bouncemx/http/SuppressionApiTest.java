package bouncemx.http;

import bouncemx.config.Config;
import bouncemx.journal.FileJournal;
import bouncemx.state.SqliteStore;
import bouncemx.state.SuppressionPolicy;
import bouncemx.state.SuppressionService;
import bouncemx.state.SuppressionState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The suppression API over loopback, with a real journal, store and consumer. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SuppressionApiTest {
    private static final String TOKEN = "test-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient client = HttpClient.newHttpClient();
    private FileJournal journal;
    private SqliteStore store;
    private SuppressionState state;
    private HttpServer http;

    private SuppressionService service;

    private void start(String token) throws Exception {
        start(() -> token);
    }

    private void start(java.util.function.Supplier<String> token) throws Exception {
        journal = FileJournal.open(dir.resolve("journal"), Config.defaults().journal(), clock);
        store = SqliteStore.open(SqliteStore.file(dir));
        var policy = new SuppressionPolicy(Config.Suppression.DEFAULT);
        state = new SuppressionState(store, policy, journal::reader, journal::lastSeq, journal, clock);
        state.start();
        service = new SuppressionService(store, policy, journal, state::appliedPosition, clock);
        http = HttpServer.start("127.0.0.1", 0, () -> "", List.of(), new HttpServer.Api(token, service, store));
    }

    @AfterEach
    void stop() {
        if (http != null) http.close();
        if (state != null) state.close();
        if (store != null) store.close();
        if (journal != null) journal.close();
    }

    private HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.address().getPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(String method, String path, String body) throws Exception {
        var r = call(method, path, body, TOKEN);
        assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    private static String enc(String address) {
        return URLEncoder.encode(address, StandardCharsets.UTF_8);
    }

    @Test
    void withoutATokenEveryApiPathAnswers404() throws Exception {
        start("");
        assertEquals(404, call("GET", "/api/v1/suppressions/jane%40example.org", null, null).statusCode());
        assertEquals(404, call("POST", "/api/v1/suppressions", "{}", "anything").statusCode());
        assertEquals(200, call("GET", "/healthz", null, null).statusCode());
    }

    @Test
    void aMissingOrWrongTokenAnswers401InJson() throws Exception {
        start(TOKEN);
        for (String token : new String[]{null, "", "wrong", TOKEN + "x", TOKEN.substring(1)}) {
            var r = call("GET", "/api/v1/suppressions/jane%40example.org", null, token);
            assertEquals(401, r.statusCode(), "token " + token);
            assertTrue(JSON.readTree(r.body()).has("error"));
            assertEquals("Bearer", r.headers().firstValue("www-authenticate").orElse(""));
        }
    }

    @Test
    void anAddressIsAddedLookedUpAndLiftedThroughTheJournal() throws Exception {
        start(TOKEN);
        JsonNode unknown = ok("GET", "/api/v1/suppressions/" + enc("Jane@Example.org"), null);
        assertEquals("jane@example.org", unknown.get("address").asText());
        assertFalse(unknown.get("suppressed").asBoolean());
        assertEquals(0, unknown.get("soft_bounces").asInt());
        assertTrue(unknown.get("cause").isNull());
        assertEquals(7, unknown.get("threshold").asInt());

        JsonNode added = ok("POST", "/api/v1/suppressions", "{\"address\": \"Jane@Example.org\", \"note\": \"asked\"}");
        assertTrue(added.get("suppressed").asBoolean());
        assertEquals("manual", added.get("cause").asText());
        JsonNode looked = ok("GET", "/api/v1/suppressions/" + enc("jane@example.org"), null);
        assertTrue(looked.get("suppressed").asBoolean());
        assertFalse(looked.get("updated_at").isNull());

        JsonNode lifted = ok("DELETE", "/api/v1/suppressions/" + enc("jane@example.org"), null);
        assertFalse(lifted.get("suppressed").asBoolean());
        assertEquals("manual_lift", ok("GET", "/api/v1/suppressions/" + enc("jane@example.org"), null).get("cause").asText());
        assertEquals(2, journal.lastSeq(), "each write is one suppression.changed record");

        assertEquals(400, call("POST", "/api/v1/suppressions", "{\"address\": \"no-at-sign\"}", TOKEN).statusCode());
        assertEquals(400, call("POST", "/api/v1/suppressions", "not json", TOKEN).statusCode());
    }

    @Test
    void changesArePagedInTimeOrderAndExportedAsCsv() throws Exception {
        start(TOKEN);
        for (int i = 0; i < 5; i++) ok("POST", "/api/v1/suppressions", "{\"address\": \"u" + i + "@example.org\"}");
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = ok("GET", "/api/v1/suppressions?since=2020-01-01T00:00:00Z&limit=2" + (next == null ? "" : "&after=" + next), null);
            for (JsonNode item : page.get("items")) seen.add(item.get("address").asText());
            next = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (next != null);
        assertEquals(3, pages);
        assertEquals(List.of("u0@example.org", "u1@example.org", "u2@example.org", "u3@example.org", "u4@example.org"), seen);
        assertEquals(0, ok("GET", "/api/v1/suppressions?since=2999-01-01T00:00:00Z", null).get("items").size());
        assertEquals(400, call("GET", "/api/v1/suppressions?since=yesterday", null, TOKEN).statusCode());

        var csv = call("GET", "/api/v1/suppressions.csv", null, TOKEN);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("content-type").orElse("").startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertEquals("address,suppressed,cause,soft_bounces,updated_at", lines.get(0));
        assertEquals(6, lines.size());
        assertTrue(lines.get(1).startsWith("u0@example.org,true,manual,0,20"), lines.get(1));
    }

    private void appendBounce(String id, String type, String category, String reason, String original) throws Exception {
        String json = """
                {"type":"%s","timestamp":"2026-12-01T10:00:00Z","data":{"id":"%s","received_at":"2026-12-01T10:00:00Z",                "recipient":{"address":"%s@example.org"},"classification":{"category":"%s","reason":"%s","rule":"status"},                "original":%s}}""".formatted(type, id, id, category, reason, original);
        journal.append(new bouncemx.pipeline.JournalEntry(id, Instant.parse("2026-12-01T10:00:00Z"),
                new bouncemx.event.Envelope("", List.of("b@bounce.example"), "127.0.0.1", "h"), new byte[0],
                List.of(json.getBytes(StandardCharsets.UTF_8))).encode()).get();
    }

    @Test
    void theCampaignReportCountsByFeedbackIdThenListIdByCategoryAndReason() throws Exception {
        start(TOKEN);
        appendBounce("a1", "bounce.hard", "hard", "userunknown", "{\"feedback_id\":\"c1:news:esp\",\"list_id\":\"<l1>\"}");
        appendBounce("a2", "bounce.soft", "soft", "mailboxfull", "{\"feedback_id\":\"c1:news:esp\"}");
        appendBounce("a3", "bounce.soft", "soft", "mailboxfull", "{\"list_id\":\"<l2.example.org>\"}");
        appendBounce("a4", "bounce.soft", "soft", "mailboxfull", "{}");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (state.appliedPosition() < journal.lastSeq() && System.nanoTime() < deadline) Thread.sleep(10);
        JsonNode items = ok("GET", "/api/v1/campaigns?since=2026-12-01T00:00:00Z", null).get("items");
        assertEquals(2, items.size(), items.toString());
        assertEquals("<l2.example.org>", items.get(0).get("campaign").asText());
        JsonNode c1 = items.get(1);
        assertEquals("c1:news:esp", c1.get("campaign").asText());
        assertEquals(2, c1.get("events").asInt());
        assertEquals(1, c1.at("/by_category/hard").asInt());
        assertEquals(1, c1.at("/by_reason/mailboxfull").asInt());
        assertEquals(0, ok("GET", "/api/v1/campaigns?since=2026-12-02T00:00:00Z", null).get("items").size());
    }

    @Test
    void reportedActivityRaisesTheThreshold() throws Exception {
        start(TOKEN);
        var r = call("POST", "/api/v1/activity", "{\"addresses\": [\"a@example.org\", \"B@example.org\"]}", TOKEN);
        assertEquals(202, r.statusCode(), r.body());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (state.appliedPosition() < journal.lastSeq() && System.nanoTime() < deadline) Thread.sleep(10);
        JsonNode b = ok("GET", "/api/v1/suppressions/b%40example.org", null);
        assertTrue(b.get("active").asBoolean());
        assertEquals(15, b.get("threshold").asInt());
    }

    @Test
    void aLookupAnswersJacksonsBytesForTheStoredState() throws Exception {
        start(TOKEN);
        ok("POST", "/api/v1/suppressions", "{\"address\": \"Jürgen+\\\"x\\\"@Example.org\"}");
        for (String address : new String[]{"jürgen+\"x\"@example.org", "never-seen@example.org"}) {
            var r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.address().getPort()
                            + "/api/v1/suppressions/" + enc(address))).header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertEquals("application/json; charset=utf-8", r.headers().firstValue("content-type").orElse(""));
            assertEquals(new String(JSON.writeValueAsBytes(service.lookup(address).json()), StandardCharsets.UTF_8),
                    new String(r.body(), StandardCharsets.UTF_8));
        }
        assertTrue(JSON.readTree(call("GET", "/api/v1/suppressions/" + enc("jürgen+\"x\"@example.org"), null, TOKEN).body())
                .get("suppressed").asBoolean());
        var bad = call("GET", "/api/v1/suppressions/" + enc("no-at-sign"), null, TOKEN);
        assertEquals(400, bad.statusCode());
        assertTrue(JSON.readTree(bad.body()).has("error"));
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderAndAProvedConnectionStillChecksEveryToken() throws Exception {
        start(TOKEN);
        try (var socket = new java.net.Socket("127.0.0.1", http.address().getPort())) {
            socket.setSoTimeout(10_000);
            String get = "GET %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n";
            String requests = String.format(get, "/api/v1/suppressions/a%40example.org", TOKEN)
                    + String.format(get, "/healthz", TOKEN)
                    + String.format(get, "/api/v1/suppressions/b%40example.org", "wrong")
                    + String.format(get, "/api/v1/suppressions/c%40example.org", TOKEN + "x")
                    + String.format(get, "/api/v1/suppressions/d%40example.org", TOKEN);
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII)); // one write: pipelined
            var in = new java.io.BufferedInputStream(socket.getInputStream());
            String[] expected = {"200 a@example.org", "200 ok", "401", "401", "200 d@example.org"};
            for (String e : expected) {
                String[] answer = response(in);
                String got = answer[0] + (answer[0].equals("200") ? " " + (answer[1].startsWith("{")
                        ? JSON.readTree(answer[1]).get("address").asText() : answer[1].strip()) : "");
                assertEquals(e, got);
            }
        }
    }

    /**
     * Requests that a worker answers (add, lift) pipelined with lookups that the event loop answers: the answers
     * come back in the requests' order (RFC 9112 9.3.2), and each lookup sees the change asked before it.
     */
    @Test
    void pipelinedChangesAndLookupsAreAnsweredInTheirOrder() throws Exception {
        start(TOKEN);
        try (var socket = new java.net.Socket("127.0.0.1", http.address().getPort())) {
            socket.setSoTimeout(10_000);
            String body = "{\"address\": \"jane@example.org\"}";
            String post = "POST /api/v1/suppressions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
            String lookup = "GET /api/v1/suppressions/jane%40example.org HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN + "\r\n\r\n";
            String lift = "DELETE /api/v1/suppressions/jane%40example.org HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN + "\r\n\r\n";
            socket.getOutputStream().write((post + lookup + lift + lookup).getBytes(StandardCharsets.US_ASCII)); // one write
            var in = new java.io.BufferedInputStream(socket.getInputStream());
            String[] want = {"manual true", "manual true", "manual_lift false", "manual_lift false"};
            for (String w : want) {
                String[] answer = response(in);
                assertEquals("200", answer[0], answer[1]);
                JsonNode j = JSON.readTree(answer[1]);
                assertEquals(w, j.get("cause").asText() + " " + j.get("suppressed").asBoolean(), answer[1]);
            }
        }
    }

    /** A lookup on a connection the client closes ("Connection: close") is answered without keep-alive, then closed. */
    @Test
    void aLookupWithConnectionCloseIsAnsweredThenTheConnectionCloses() throws Exception {
        start(TOKEN);
        try (var socket = new java.net.Socket("127.0.0.1", http.address().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/v1/suppressions/a%40example.org HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] all = socket.getInputStream().readAllBytes(); // to the end: the server closed it
            String text = new String(all, StandardCharsets.UTF_8);
            assertTrue(text.startsWith("HTTP/1.1 200 OK\r\n"), text);
            assertFalse(text.toLowerCase(java.util.Locale.ROOT).contains("connection: keep-alive"), text);
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            assertEquals(new String(JSON.writeValueAsBytes(service.lookup("a@example.org").json()), StandardCharsets.UTF_8), body);
        }
    }

    @Test
    void aChangedTokenIsCheckedOnConnectionsThatProvedTheOldOne() throws Exception {
        var token = new java.util.concurrent.atomic.AtomicReference<>(TOKEN);
        start(token::get);
        try (var socket = new java.net.Socket("127.0.0.1", http.address().getPort())) {
            socket.setSoTimeout(10_000);
            var in = new java.io.BufferedInputStream(socket.getInputStream());
            String get = "GET /api/v1/suppressions/a%%40example.org HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n";
            socket.getOutputStream().write(String.format(get, TOKEN).getBytes(StandardCharsets.US_ASCII));
            assertEquals("200", response(in)[0]);
            token.set("rotated-token-9876543210");
            socket.getOutputStream().write(String.format(get, TOKEN).getBytes(StandardCharsets.US_ASCII));
            assertEquals("401", response(in)[0], "the old token, on the connection that proved it");
            socket.getOutputStream().write(String.format(get, "rotated-token-9876543210").getBytes(StandardCharsets.US_ASCII));
            assertEquals("200", response(in)[0]);
            token.set("");
            socket.getOutputStream().write(String.format(get, "rotated-token-9876543210").getBytes(StandardCharsets.US_ASCII));
            assertEquals("404", response(in)[0], "turned off by a reload");
        }
    }

    /** One HTTP/1.1 response with a Content-Length: {status code, body}. */
    private static String[] response(java.io.InputStream in) throws java.io.IOException {
        String status = line(in);
        int length = -1;
        for (String h; !(h = line(in)).isEmpty(); ) {
            if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) length = Integer.parseInt(h.substring(15).strip());
        }
        assertTrue(length >= 0, "a Content-Length after " + status);
        return new String[]{status.split(" ")[1], new String(in.readNBytes(length), StandardCharsets.UTF_8)};
    }

    private static String line(java.io.InputStream in) throws java.io.IOException {
        var b = new java.io.ByteArrayOutputStream();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new java.io.EOFException("connection closed");
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
