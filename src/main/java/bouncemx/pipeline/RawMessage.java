package bouncemx.pipeline;

import bouncemx.event.Envelope;

import java.time.Instant;

/**
 * One message as the SMTP edge accepted it: its id (the one in "250 2.0.0 &lt;id&gt;"), envelope, the DATA
 * bytes read once into one buffer, and the arrival time. Immutable by convention: nobody writes to
 * {@code bytes} after construction.
 */
public record RawMessage(String id, Envelope envelope, byte[] bytes, Instant receivedAt) {}
