package bouncemx.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link Transport} on the JDK's {@link HttpClient} (chosen over Netty by a measurement, bench/README.md):
 * one client per endpoint, so one keep-alive connection pool each; HTTP/1.1 for {@code http://} (no h2c
 * upgrade headers), HTTP/2 when TLS negotiates it for {@code https://}; TLS with the JDK's trust store.
 * Every request carries {@code content-type: application/json}, {@code user-agent: bouncemx/VERSION} and
 * the three Standard Webhooks headers. The request's timeout covers the connection, the reply headers and
 * the reply body: a receiver that stalls anywhere is cut off and the answer is {@link Answer.Failed}.
 * Thread-safe.
 */
public final class JdkTransport implements Transport {
    private static final int EXCERPT_CHARS = 200;

    private final HttpClient client;
    private final String userAgent;
    private final ScheduledExecutorService deadlines;

    /**
     * A client whose I/O callbacks run on {@code executor}; {@code https} selects HTTP/2 where offered;
     * {@code deadlines} cuts off requests past their timeout (each deadline is cancelled when its request ends).
     */
    public JdkTransport(boolean https, Duration connectTimeout, Executor executor, ScheduledExecutorService deadlines,
                        String version) {
        this.deadlines = deadlines;
        this.client = HttpClient.newBuilder()
                .version(https ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.userAgent = "bouncemx/" + version;
    }

    @Override
    public CompletableFuture<Answer> post(WebhookRequest r) {
        HttpRequest request = HttpRequest.newBuilder(r.url())
                .timeout(r.timeout())
                .header("content-type", "application/json")
                .header("user-agent", userAgent)
                .header("webhook-id", r.id())
                .header("webhook-timestamp", Long.toString(r.timestamp()))
                .header("webhook-signature", r.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(r.body()))
                .build();
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            sent = client.sendAsync(request, info -> new Capped(EXCERPT_CHARS * 4));
        } catch (IllegalStateException | IllegalArgumentException e) { // closed client, unusable URL
            return CompletableFuture.completedFuture(new Answer.Failed(e.toString()));
        }
        // The client's own timeout ends at the reply headers; a body that never ends is cut off here.
        ScheduledFuture<?> deadline;
        try {
            deadline = deadlines.schedule(() -> sent.cancel(true), r.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) { // stopping
            sent.cancel(true);
            deadline = null;
        }
        ScheduledFuture<?> cut = deadline;
        return sent.handle((response, failure) -> {
            if (cut != null) cut.cancel(false);
            return failure == null ? replied(response) : failed(failure, r.timeout());
        });
    }

    private static Answer replied(HttpResponse<byte[]> response) {
        String body = new String(response.body(), 0, Math.min(response.body().length, EXCERPT_CHARS * 4), StandardCharsets.UTF_8);
        return new Answer.Replied(response.statusCode(), response.headers().firstValue("retry-after"),
                body.length() > EXCERPT_CHARS ? body.substring(0, EXCERPT_CHARS) : body);
    }

    private static Answer failed(Throwable failure, Duration timeout) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof HttpTimeoutException || t instanceof CancellationException) {
            return new Answer.Failed("no answer within " + timeout.toMillis() + " ms");
        }
        if (t instanceof ConnectException) return new Answer.Failed("connection refused");
        if (t instanceof IOException) return new Answer.Failed("connection failed: " + (t.getMessage() == null ? t : t.getMessage()));
        return new Answer.Failed(t.toString());
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    /**
     * A response body read up to {@code max} bytes; the rest is not read (the subscription is cancelled, the
     * connection dropped), so an endpoint that answers with gigabytes costs no memory. Only the excerpt of
     * the body is ever used.
     */
    static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private java.util.concurrent.Flow.Subscription subscription;

        Capped(int max) {
            this.max = max;
        }

        @Override
        public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(java.util.List<java.nio.ByteBuffer> items) {
            for (java.nio.ByteBuffer b : items) {
                int n = Math.min(b.remaining(), max - kept.size());
                for (int i = 0; i < n; i++) kept.write(b.get());
            }
            if (kept.size() >= max) {
                subscription.cancel();
                body.complete(kept.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(kept.toByteArray());
        }
    }
}
