package bouncemx.http;

import bouncemx.state.AddressState;
import bouncemx.state.SuppressionQueries;
import bouncemx.state.SuppressionService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The suppression API under {@code /api/v1} (DESIGN.md section 6): bearer token (compared in constant time: SHA-256
 * of both, then {@link MessageDigest#isEqual}; once per connection, see {@link #refusal}), JSON answers and JSON
 * errors ({@code {"error": "..."}}), addresses only in DEBUG lines. The lookup of one address is answered on the
 * event loop (a point read on the store's pool of reading connections, its whole HTTP response written by {@link LookupResponse});
 * every other request is handled on {@code workers} (store and journal calls that take longer or block); the CSV export is streamed in chunks of about 64 KiB, each written once the previous one has left, so
 * memory stays flat however many addresses there are. Paging tokens are opaque (base64url of
 * "updated_at_millis:address"). The campaign report counts whole UTC days: {@code since} selects from its day on.
 * Thread-safe.
 */
final class SuppressionApi {
    private static final Logger log = LoggerFactory.getLogger(SuppressionApi.class);
    /**
     * Buffers recycled through a shared bounded pool: Jackson's default pool is per thread, and every request here
     * runs on a new virtual thread, so each answer allocated its buffers afresh (~15% of a lookup's CPU).
     */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.sharedBoundedPool()).build());
    static final String PREFIX = "/api/v1/";
    private static final String LOOKUP_PREFIX = PREFIX + "suppressions/";
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final int MAX_LIMIT = 1000;
    private static final int CHUNK_BYTES = 64 * 1024;

    private final Supplier<String> token; // read per request: a reload may change it ("" = off)
    private final SuppressionService service;
    private final SuppressionQueries queries;
    private final ExecutorService workers;
    private volatile Expected expected = new Expected("", sha256(""));

    SuppressionApi(Supplier<String> token, SuppressionService service, SuppressionQueries queries, ExecutorService workers) {
        this.token = token;
        this.service = service;
        this.queries = queries;
        this.workers = workers;
    }

    /**
     * Takes over {@code req}, whose path (without the query) is {@code path}. A lookup of one address is answered
     * here, on the calling event loop (a point read of the store on a pooled reading connection: microseconds, and
     * no hop to another thread and back), its answer written for the event loop's flush at the end of the read;
     * every other request runs on {@code workers} (retained until answered), and {@code answered} then runs on
     * the connection's event loop, after the answer's writes.
     *
     * @return true when the request was answered here; false when a worker answers it (then {@code answered} follows)
     */
    boolean handle(ChannelHandlerContext ctx, FullHttpRequest req, String path, Runnable answered) {
        if (path.length() > LOOKUP_PREFIX.length() && path.startsWith(LOOKUP_PREFIX) && req.method().equals(HttpMethod.GET)) {
            lookupHere(ctx, req, path);
            return true;
        }
        req.retain();
        try {
            workers.execute(() -> {
                try {
                    answer(ctx, req);
                } catch (RuntimeException e) {
                    log.error("API request failed", e);
                    send(ctx, req, error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error"));
                } finally {
                    req.release();
                    ctx.executor().execute(answered); // queued behind the answer's writes on the same loop
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) { // shutting down
            req.release();
            ctx.close();
            return true;
        }
        return false;
    }

    private void lookupHere(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        FullHttpResponse res;
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        try {
            res = refusal(ctx, req);
            if (res == null) {
                var v = service.lookup(QueryStringDecoder.decodeComponent(path.substring(LOOKUP_PREFIX.length())));
                io.netty.buffer.ByteBuf whole = LookupResponse.encode(ctx.alloc(), v, keepAlive);
                if (whole != null) {
                    // already HTTP: written past the response encoder (one buffer, one write)
                    var f = ctx.pipeline().context(io.netty.handler.codec.http.HttpResponseEncoder.class).write(whole);
                    if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                res = json(HttpResponseStatus.OK, v.json()); // a text that needs Jackson's escapes
            }
        } catch (IllegalArgumentException e) {
            res = error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        } catch (IllegalStateException e) {
            log.warn("API: {}", e.getMessage());
            res = error(HttpResponseStatus.SERVICE_UNAVAILABLE, "cannot store the change now, try again");
        } catch (RuntimeException e) {
            log.error("API request failed", e);
            res = error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
        }
        if (keepAlive) res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        var f = ctx.write(res); // flushed by the server's handler once this read's requests are answered
        if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Null when the request carries the API's bearer token; else the answer: 404 when a reload turned the API off,
     * 401 otherwise. The token's digest is kept until the token changes; the given token is hashed and compared in
     * constant time once per connection and token (a connection whose header repeats the one it proved is not
     * hashed again: only that client knows it).
     */
    private FullHttpResponse refusal(ChannelHandlerContext ctx, FullHttpRequest req) {
        String current = token.get();
        if (current.isEmpty()) return error(HttpResponseStatus.NOT_FOUND, "not found"); // turned off by a reload
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION, "");
        String given = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : "";
        Expected e = expected;
        if (!e.token().equals(current)) expected = e = new Expected(current, sha256(current));
        var proved = ctx.channel().attr(PROVED);
        Proved p = proved.get();
        if (p != null && p.expected() == e && p.given().equals(given)) return null;
        if (!MessageDigest.isEqual(e.digest(), sha256(given))) {
            FullHttpResponse res = error(HttpResponseStatus.UNAUTHORIZED, "missing or wrong bearer token");
            res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            return res;
        }
        proved.set(new Proved(e, given));
        return null;
    }

    /** The API's token and its SHA-256. */
    private record Expected(String token, byte[] digest) {}

    /** The token a connection proved, against which expected token. */
    private record Proved(Expected expected, String given) {}

    private static final io.netty.util.AttributeKey<Proved> PROVED = io.netty.util.AttributeKey.valueOf("bouncemx.api.proved");

    private void answer(ChannelHandlerContext ctx, FullHttpRequest req) {
        FullHttpResponse refused = refusal(ctx, req);
        if (refused != null) {
            send(ctx, req, refused);
            return;
        }
        var uri = new QueryStringDecoder(req.uri());
        String rest = uri.rawPath().substring(PREFIX.length());
        HttpMethod m = req.method();
        try {
            if (rest.equals("suppressions.csv") && m.equals(HttpMethod.GET)) {
                exportCsv(ctx, req);
            } else if (rest.equals("suppressions") && m.equals(HttpMethod.GET)) {
                send(ctx, req, list(uri));
            } else if (rest.equals("suppressions") && m.equals(HttpMethod.POST)) {
                JsonNode body = body(req);
                var v = service.add(body.path("address").asText(""), body.path("note").asText(""));
                log.info("API: suppression added (manual)");
                send(ctx, req, json(HttpResponseStatus.OK, v.json()));
            } else if (rest.startsWith("suppressions/") && m.equals(HttpMethod.GET)) {
                send(ctx, req, json(HttpResponseStatus.OK, service.lookup(pathAddress(rest)).json()));
            } else if (rest.startsWith("suppressions/") && m.equals(HttpMethod.DELETE)) {
                var v = service.lift(pathAddress(rest));
                log.info("API: suppression lifted (manual)");
                send(ctx, req, json(HttpResponseStatus.OK, v.json()));
            } else if (rest.equals("campaigns") && m.equals(HttpMethod.GET)) {
                send(ctx, req, campaigns(uri));
            } else if (rest.equals("activity") && m.equals(HttpMethod.POST)) {
                send(ctx, req, activity(body(req)));
            } else {
                send(ctx, req, error(HttpResponseStatus.NOT_FOUND, "no such API path or method"));
            }
        } catch (IllegalArgumentException e) {
            send(ctx, req, error(HttpResponseStatus.BAD_REQUEST, e.getMessage()));
        } catch (IllegalStateException e) {
            log.warn("API: {}", e.getMessage());
            send(ctx, req, error(HttpResponseStatus.SERVICE_UNAVAILABLE, "cannot store the change now, try again"));
        }
    }

    private static String pathAddress(String rest) {
        return QueryStringDecoder.decodeComponent(rest.substring("suppressions/".length()));
    }

    private FullHttpResponse list(QueryStringDecoder uri) {
        Instant since = instant(param(uri, "since", "1970-01-01T00:00:00Z"), "since");
        int limit;
        try {
            limit = Integer.parseInt(param(uri, "limit", "100"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit is not a whole number");
        }
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        String after = param(uri, "after", "");
        Instant afterTime = null;
        String afterAddress = null;
        if (!after.isEmpty()) {
            String t;
            try {
                t = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("after is not a paging token");
            }
            int colon = t.indexOf(':');
            try {
                afterTime = Instant.ofEpochMilli(Long.parseLong(t.substring(0, Math.max(colon, 0))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("after is not a paging token");
            }
            afterAddress = t.substring(colon + 1);
        }
        List<AddressState> page = queries.changedSince(since, afterTime, afterAddress, limit + 1);
        ObjectNode o = JSON.createObjectNode();
        ArrayNode items = o.putArray("items");
        for (int i = 0; i < Math.min(limit, page.size()); i++) items.add(service.view(page.get(i)).json());
        if (page.size() > limit) {
            AddressState last = page.get(limit - 1);
            o.put("next", Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (last.updatedAt().toEpochMilli() + ":" + last.address()).getBytes(StandardCharsets.UTF_8)));
        } else {
            o.putNull("next");
        }
        return json(HttpResponseStatus.OK, o);
    }

    /** The campaign report: counts from the UTC day of {@code since} (default: all) on, by campaign name. */
    private FullHttpResponse campaigns(QueryStringDecoder uri) {
        Instant since = instant(param(uri, "since", "1970-01-01T00:00:00Z"), "since");
        ObjectNode o = JSON.createObjectNode();
        ArrayNode items = o.putArray("items");
        for (var row : queries.campaigns(since)) {
            ObjectNode i = items.addObject();
            i.put("campaign", row.campaign());
            i.put("events", row.events());
            ObjectNode c = i.putObject("by_category");
            new java.util.TreeMap<>(row.byCategory()).forEach(c::put);
            ObjectNode r = i.putObject("by_reason");
            new java.util.TreeMap<>(row.byReason()).forEach(r::put);
        }
        return json(HttpResponseStatus.OK, o);
    }

    private FullHttpResponse activity(JsonNode body) {
        Instant at = body.has("at") ? instant(body.path("at").asText(""), "at") : null;
        if (body.has("addresses")) {
            if (!body.get("addresses").isArray() || body.get("addresses").size() > 10_000) {
                throw new IllegalArgumentException("addresses must be a list of at most 10000 addresses");
            }
            for (JsonNode a : body.get("addresses")) SuppressionService.normalize(a.asText(""));
            for (JsonNode a : body.get("addresses")) service.activity(a.asText(""), at);
        } else {
            service.activity(body.path("address").asText(""), at);
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("accepted", true);
        return json(HttpResponseStatus.ACCEPTED, o);
    }

    /** The CSV export, streamed: header, then one row per address, in chunks written one after another. */
    private void exportCsv(ChannelHandlerContext ctx, FullHttpRequest req) {
        var head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.write(head);
        StringBuilder chunk = new StringBuilder(CHUNK_BYTES + 512).append("address,suppressed,cause,soft_bounces,updated_at\r\n");
        queries.forEach(s -> {
            var v = service.view(s);
            chunk.append(csv(v.address())).append(',').append(v.suppressed()).append(',')
                    .append(v.cause() == null ? "" : v.cause()).append(',').append(v.softBounces()).append(',')
                    .append(v.updatedAt() == null ? "" : v.updatedAt().toString()).append("\r\n");
            if (chunk.length() >= CHUNK_BYTES) {
                writeChunk(ctx, chunk);
            }
        });
        if (!chunk.isEmpty()) writeChunk(ctx, chunk);
        var f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!HttpUtil.isKeepAlive(req)) f.addListener(ChannelFutureListener.CLOSE);
    }

    private static void writeChunk(ChannelHandlerContext ctx, StringBuilder chunk) {
        var f = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(chunk, StandardCharsets.UTF_8)));
        chunk.setLength(0);
        f.awaitUninterruptibly(); // back-pressure: one chunk in flight (a worker thread, never the event loop)
        if (!f.isSuccess()) throw new IllegalStateException("CSV export: the client went away");
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static JsonNode body(FullHttpRequest req) {
        try {
            JsonNode n = JSON.readTree(req.content().toString(StandardCharsets.UTF_8));
            if (n == null || !n.isObject()) throw new IllegalArgumentException("the body must be a JSON object");
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
    }

    private static String param(QueryStringDecoder uri, String name, String def) {
        List<String> v = uri.parameters().get(name);
        return v == null || v.isEmpty() ? def : v.getFirst();
    }

    private static Instant instant(String text, String name) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(name + " is not an ISO-8601 time such as 2026-12-01T00:00:00Z");
        }
    }

    static FullHttpResponse error(HttpResponseStatus status, String message) {
        ObjectNode o = JSON.createObjectNode();
        o.put("error", message);
        return json(status, o);
    }

    private static FullHttpResponse json(HttpResponseStatus status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body); // the same text as body.toString(), with the pooled buffers
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
        var res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON_TYPE);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
        return res;
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse res) {
        res = HttpServer.forMethod(req, res);
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (keepAlive) res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        var f = ctx.writeAndFlush(res);
        if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
