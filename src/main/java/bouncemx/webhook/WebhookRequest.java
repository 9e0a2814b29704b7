package bouncemx.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One attempt to deliver one event: where, the Standard Webhooks headers' values ({@code webhook-id},
 * {@code webhook-timestamp} in unix seconds, {@code webhook-signature}) and the body (the event JSON, the
 * exact bytes that were signed). The body array is shared, not copied. Immutable.
 */
public record WebhookRequest(URI url, String id, long timestamp, String signature, byte[] body, Duration timeout) {
    public WebhookRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(timeout, "timeout");
    }
}
