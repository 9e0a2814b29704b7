package bouncemx.webhook;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one webhook request. The future always completes normally, with the receiver's reply or with
 * {@link Answer.Failed} (timeout, refused or reset connection), within about the request's timeout.
 * Implementations are thread-safe and keep connections alive between requests.
 */
public interface Transport extends AutoCloseable {
    CompletableFuture<Answer> post(WebhookRequest request);

    /** Stops: requests in flight fail, later ones fail at once. */
    @Override
    void close();
}
