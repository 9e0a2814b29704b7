package bouncemx.webhook;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * What one POST to an endpoint came back with: a reply with its status (and {@code Retry-After}, when the
 * receiver sent one), or a failure before any reply (timeout, refused or reset connection, TLS trouble).
 * {@link #verdict} turns it into what the sender does next.
 */
public sealed interface Answer {
    /** The receiver replied. {@code excerpt} is the start of its body (for {@code webhook test}). */
    record Replied(int status, Optional<String> retryAfter, String excerpt) implements Answer {}

    /** No reply: {@code why} says what happened (one line, no stack trace). */
    record Failed(String why) implements Answer {}

    /** What the sender does with an answer. */
    sealed interface Verdict {
        /** 2xx: the event is delivered. */
        record Delivered(int status) implements Verdict {}

        /** Anything else but 410: try again, after {@code retryAfter} when the receiver asked for it. */
        record Retry(String why, Optional<Duration> retryAfter) implements Verdict {}

        /** 410 Gone: the receiver wants no more; the endpoint is disabled. */
        record Gone() implements Verdict {}
    }

    /** The verdict on this answer at {@code now} (which dates an HTTP-date Retry-After). */
    default Verdict verdict(Instant now) {
        return switch (this) {
            case Replied r when r.status() >= 200 && r.status() < 300 -> new Verdict.Delivered(r.status());
            case Replied r when r.status() == 410 -> new Verdict.Gone();
            case Replied r -> new Verdict.Retry("HTTP " + r.status(), r.retryAfter().flatMap(v -> retryAfter(v, now)));
            case Failed f -> new Verdict.Retry(f.why(), Optional.empty());
        };
    }

    /**
     * A Retry-After value (RFC 9110 section 10.2.3): delay-seconds, or an HTTP-date, as a wait from {@code now}
     * (zero for a date in the past); empty when it is neither.
     */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String v = value.strip();
        if (!v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(v.length() > 12 ? Duration.ofSeconds(999_999_999_999L) : Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
