package bouncemx.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * The operator's HTTP endpoint (Netty): {@code GET /healthz} (the process is up: always 200),
 * {@code GET /readyz} (200 when every readiness check passes, else 503; the body names each check and its
 * state: {@code {"status": "ready"|"not_ready", "checks": {NAME: {"ok": bool, ...its details}, ...}}}),
 * {@code GET /metrics} (Prometheus text format; OpenMetrics when the scraper's Accept asks for it). Other paths
 * answer 404, other methods 405; HEAD answers as GET without the body. Requests
 * are small and answered on the event loops ({@link #EVENT_LOOPS}); bodies over 1 MiB are refused; answers written
 * on an event loop are flushed once per read, so pipelined requests leave in one write. With an API token, paths
 * under /api/v1/ are the suppression API ({@link SuppressionApi}: lookups of one address on the event loop, the
 * rest on virtual threads); without one every /api/ path answers 404. Each client is bounded ({@link ConnectionGuard}): 256 connections at most, responses a client
 * does not read stop its requests being read, a connection idle for 60 s (a response that does not drain
 * included) is closed. Thread-safe; start once,
 * close once.
 */
public final class HttpServer implements AutoCloseable {

    /**
     * One readiness condition: its name and its state now. The state is asked on the HTTP event loop for
     * every /readyz request: it must be cheap (a volatile read or a cached figure, never disk I/O).
     */
    public record Check(String name, Supplier<State> state) {
        public Check {
            java.util.Objects.requireNonNull(name, "name");
            java.util.Objects.requireNonNull(state, "state");
        }

        /** A check that is only ok or not. */
        public Check(String name, java.util.function.BooleanSupplier ok) {
            this(name, () -> ok.getAsBoolean() ? State.OK : State.FAILED);
        }

        /** Whether it holds now. */
        public boolean ok() {
            return state.get().ok();
        }

        /**
         * Whether a check holds, and what an operator needs to see about it: more fields of its JSON object,
         * in order (values: strings, numbers, booleans, or maps of them). Immutable.
         */
        public record State(boolean ok, java.util.Map<String, Object> details) {
            public static final State OK = new State(true, java.util.Map.of());
            public static final State FAILED = new State(false, java.util.Map.of());

            public State {
                details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
                if (details.containsKey("ok")) throw new IllegalArgumentException("\"ok\" is the state itself");
            }

            /** ok or not, with one {@code "detail"} text (omitted when empty). */
            public static State of(boolean ok, String detail) {
                return new State(ok, detail.isEmpty() ? java.util.Map.of() : java.util.Map.of("detail", detail));
            }
        }
    }

    /** The body of one scrape of /metrics and its Content-Type. */
    public record Exposition(String contentType, String body) {}

    /**
     * The metrics: the exposition for a scrape whose Accept header is {@code accept} ("" when it sent none), so
     * that a scraper asking for {@code application/openmetrics-text} gets OpenMetrics. Called on the event loop:
     * must not block.
     */
    @FunctionalInterface
    public interface Metrics {
        Exposition scrape(String accept);
    }

    /** The Prometheus text format's content type (version 0.0.4). */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private static Metrics text(Supplier<String> metrics) {
        return accept -> new Exposition(PROMETHEUS_TEXT, metrics.get());
    }

    /**
     * The suppression API's parts: its bearer token ("" = off: every /api/ path answers 404), the service and the
     * queries. The token is read on each request, so a configuration reload can change it or turn the API off; an
     * API off at start stays off until a restart.
     */
    public record Api(Supplier<String> token, bouncemx.state.SuppressionService service, bouncemx.state.SuppressionQueries queries) {
        public static final Api OFF = new Api("", null, null);

        /** An API with a fixed token. */
        public Api(String token, bouncemx.state.SuppressionService service, bouncemx.state.SuppressionQueries queries) {
            this(() -> token, service, queries);
        }
    }

    private final EventLoopGroup group;
    private final Channel channel;
    private final java.util.concurrent.ExecutorService workers;

    private HttpServer(EventLoopGroup group, Channel channel, java.util.concurrent.ExecutorService workers) {
        this.group = group;
        this.channel = channel;
        this.workers = workers;
    }

    /** Binds and serves without the suppression API. */
    public static HttpServer start(String host, int port, Supplier<String> metrics, List<Check> checks) {
        return start(host, port, metrics, checks, Api.OFF);
    }

    /**
     * Binds {@code host:port} (port 0: any free port) and starts serving.
     *
     * @param metrics the Prometheus scrape text, produced on each request
     * @throws IllegalStateException when the address cannot be bound (one clear message)
     */
    public static HttpServer start(String host, int port, Supplier<String> metrics, List<Check> checks, Api api) {
        return start(host, port, text(metrics), checks, api, MAX_CONNECTIONS, IDLE);
    }

    /** Binds and serves, with metrics in the format each scrape asks for ({@link Metrics}). */
    public static HttpServer start(String host, int port, Metrics metrics, List<Check> checks, Api api) {
        return start(host, port, metrics, checks, api, MAX_CONNECTIONS, IDLE);
    }

    /**
     * Event-loop threads: one per core (at least 2), since lookups of the suppression API are answered on them; fewer
     * than the store's reading connections ({@link bouncemx.state.SqliteStore#LOOKUP_CONNECTIONS}: one per core and
     * two more), so that a loop does not wait for a connection another loop holds (with more loops than connections
     * they did, and took more CPU per lookup: bench/README.md). Each connection stays on one loop.
     */
    static final int EVENT_LOOPS = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** At most this many HTTP connections at once (operators, Prometheus, the sender's systems). */
    static final int MAX_CONNECTIONS = 256;
    /** A connection on which nothing moves for this long is closed. */
    static final java.time.Duration IDLE = java.time.Duration.ofSeconds(60);

    static HttpServer start(String host, int port, Supplier<String> metrics, List<Check> checks, int maxConnections,
                            java.time.Duration idle) {
        return start(host, port, text(metrics), checks, Api.OFF, maxConnections, idle);
    }

    static HttpServer start(String host, int port, Metrics metrics, List<Check> checks, Api api,
                            int maxConnections, java.time.Duration idle) {
        var guard = new ConnectionGuard(maxConnections);
        var workers = java.util.concurrent.Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-api-", 0).factory());
        SuppressionApi routes = api.token().get().isEmpty() ? null : new SuppressionApi(api.token(), api.service(), api.queries(), workers);
        var loops = new java.util.concurrent.atomic.AtomicInteger();
        EventLoopGroup group = new NioEventLoopGroup(EVENT_LOOPS, r -> {
            Thread t = new Thread(r, "http-" + loops.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        List<Check> readiness = List.copyOf(checks);
        try {
            Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.config().setWriteBufferWaterMark(new io.netty.channel.WriteBufferWaterMark(32 * 1024, 256 * 1024));
                            c.pipeline().addLast(new io.netty.handler.timeout.IdleStateHandler(true, idle.toMillis(),
                                    idle.toMillis(), 0, java.util.concurrent.TimeUnit.MILLISECONDS), guard);
                            // decoder and encoder apart (not HttpServerCodec, which pairs each response with its
                            // request's method for HEAD): a lookup's answer is written whole past the encoder
                            // (LookupResponse), and HEAD answers are emptied here (forMethod)
                            c.pipeline().addLast(new HttpRequestDecoder(4096, 8192, 8192), new HttpResponseEncoder(),
                                    new HttpObjectAggregator(1 << 20), new Handler(metrics, readiness, routes));
                        }
                    })
                    .bind(host, port).syncUninterruptibly().channel();
            return new HttpServer(group, ch, workers);
        } catch (Exception e) { // Netty rethrows the bind failure (a checked BindException) without declaring it
            workers.shutdownNow();
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            throw new IllegalStateException("cannot listen for HTTP on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The bound address (the actual port when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        workers.shutdownNow();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * The response to send for {@code req}: to a HEAD request, the same status and headers (Content-Length included)
     * without the body (RFC 9110 section 9.3.2); to any other, {@code res} itself.
     */
    static FullHttpResponse forMethod(FullHttpRequest req, FullHttpResponse res) {
        if (!req.method().equals(HttpMethod.HEAD) || !res.content().isReadable()) return res;
        FullHttpResponse empty = res.replace(Unpooled.EMPTY_BUFFER);
        res.release();
        return empty;
    }

    /**
     * One per connection. HTTP/1.1 answers pipelined requests in their order (RFC 9112 section 9.3.2): while a
     * worker answers one of this connection's requests (anything but a lookup), the requests after it wait
     * here, retained, and reading stops; the next is served once the worker's answer is written. A client that
     * pipelines more than {@link #MAX_WAITING} requests behind a slow one is cut off.
     */
    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        static final int MAX_WAITING = 32;

        private final Metrics metrics;
        private final List<Check> checks;
        private final SuppressionApi api; // null: off
        private boolean busy;             // a worker is answering one of this connection's requests (event loop only)
        private final java.util.ArrayDeque<FullHttpRequest> waiting = new java.util.ArrayDeque<>();

        Handler(Metrics metrics, List<Check> checks, SuppressionApi api) {
            this.metrics = metrics;
            this.checks = checks;
            this.api = api;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            if (busy) {
                if (waiting.size() >= MAX_WAITING) {
                    ctx.close();
                    return;
                }
                waiting.add(req.retain());
                ctx.channel().config().setAutoRead(false);
                return;
            }
            serve(ctx, req);
        }

        /** A worker wrote its answer: serve the requests that waited for it, in order, and read again. */
        private void resume(ChannelHandlerContext ctx) {
            busy = false;
            while (!busy && !waiting.isEmpty()) {
                FullHttpRequest next = waiting.poll();
                try {
                    if (ctx.channel().isActive()) serve(ctx, next);
                } finally {
                    next.release();
                }
            }
            ctx.flush();
            if (!busy && ctx.channel().isActive() && ctx.channel().isWritable()) ctx.channel().config().setAutoRead(true);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            FullHttpRequest r;
            while ((r = waiting.poll()) != null) r.release();
        }

        private void serve(ChannelHandlerContext ctx, FullHttpRequest req) {
            String path = path(req.uri());
            FullHttpResponse res;
            if (path.startsWith("/api/")) {
                if (api != null && path.startsWith(SuppressionApi.PREFIX)) {
                    if (!api.handle(ctx, req, path, () -> resume(ctx))) busy = true;
                    return;
                }
                res = SuppressionApi.error(HttpResponseStatus.NOT_FOUND, "not found");
            } else if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
                res = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed\n", "text/plain");
                res.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            } else {
                res = switch (path) {
                    case "/healthz" -> text(HttpResponseStatus.OK, "ok\n", "text/plain");
                    case "/readyz" -> readiness();
                    case "/metrics" -> {
                        String accept = req.headers().get(HttpHeaderNames.ACCEPT);
                        Exposition e = metrics.scrape(accept == null ? "" : accept);
                        yield text(HttpResponseStatus.OK, e.body(), e.contentType());
                    }
                    default -> text(HttpResponseStatus.NOT_FOUND, "not found\n", "text/plain");
                };
            }
            res = forMethod(req, res);
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (keepAlive) res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            var f = ctx.write(res);
            if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
        }

        /** Answers written on the event loop leave together, once the requests of this read are answered. */
        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            ctx.fireChannelReadComplete();
        }

        /** The path of a request target: up to its query or fragment, as {@link io.netty.handler.codec.http.QueryStringDecoder#rawPath}. */
        private static String path(String uri) {
            for (int i = 0; i < uri.length(); i++) {
                char c = uri.charAt(i);
                if (c == '?' || c == '#') return uri.substring(0, i);
            }
            return uri;
        }

        private FullHttpResponse readiness() {
            var body = JSON.createObjectNode();
            var all = JSON.createObjectNode();
            boolean ready = true;
            for (Check c : checks) {
                Check.State st = c.state().get();
                ready &= st.ok();
                var one = all.putObject(c.name());
                one.put("ok", st.ok());
                for (var e : st.details().entrySet()) one.set(e.getKey(), JSON.valueToTree(e.getValue()));
            }
            body.put("status", ready ? "ready" : "not_ready");
            body.set("checks", all);
            return text(ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body.toString() + "\n",
                    "application/json");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a broken client connection: nothing to answer
        }

        private static FullHttpResponse text(HttpResponseStatus status, String body, String type) {
            var res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
            return res;
        }
    }
}
