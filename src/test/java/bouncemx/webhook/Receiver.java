package bouncemx.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A webhook receiver for tests: the JDK's HTTP server on 127.0.0.1, port 0, recording every request it gets
 * (headers, body, arrival time) and answering by a script: a function from the request (and how many
 * requests with the same webhook-id came before) to a {@link Reply}.
 */
final class Receiver implements AutoCloseable {
    /** One request as it arrived. {@code attempt} counts from 1 per webhook-id. */
    record Request(String id, String timestamp, String signature, String contentType, String userAgent, byte[] body,
                   long arrivedNanos, int attempt) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** How to answer. */
    sealed interface Reply {
        record Status(int code, Map<String, String> headers) implements Reply {}
        /** Never answer (until the receiver closes). */
        record Hang() implements Reply {}
        /** Close the connection without an answer. */
        record Drop() implements Reply {}
    }

    static Reply ok() { return new Reply.Status(200, Map.of()); }
    static Reply status(int code) { return new Reply.Status(code, Map.of()); }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Function<Request, Reply> script;

    Receiver(Function<Request, Reply> script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory()));
        server.createContext("/hook", this::handle);
        server.start();
    }

    Receiver() throws IOException {
        this(r -> ok());
    }

    void script(Function<Request, Reply> script) {
        this.script = script;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private void handle(HttpExchange x) throws IOException {
        byte[] body = x.getRequestBody().readAllBytes();
        var h = x.getRequestHeaders();
        String id = String.valueOf(h.getFirst("webhook-id"));
        var r = new Request(id, h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"), h.getFirst("content-type"),
                h.getFirst("user-agent"), body, System.nanoTime(), attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet());
        synchronized (requests) {
            requests.add(r);
        }
        switch (script.apply(r)) {
            case Reply.Status s -> {
                s.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
                x.sendResponseHeaders(s.code(), -1);
                x.close();
            }
            case Reply.Hang hang -> {
                try {
                    closing.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                x.close();
            }
            case Reply.Drop drop -> throw new IOException("dropping the connection on purpose"); // the server closes it
        }
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Requests answered 2xx would be the caller's business; this is every request whose id is {@code id}. */
    List<Request> requestsFor(String id) {
        return requests().stream().filter(r -> r.id().equals(id)).toList();
    }

    /** Waits until {@code condition} holds, at most {@code timeout}; fails the test otherwise. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
