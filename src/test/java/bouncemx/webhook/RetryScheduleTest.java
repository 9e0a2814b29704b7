package bouncemx.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryScheduleTest {
    final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(5), Duration.ofHours(1));
    final RandomGenerator random = RandomGenerator.of("L64X128MixRandom");

    @Test
    void theCeilingDoublesFromTheInitialBackoffUpToTheMaximum() {
        assertEquals(Duration.ofSeconds(5), schedule.ceiling(1));
        assertEquals(Duration.ofSeconds(10), schedule.ceiling(2));
        assertEquals(Duration.ofSeconds(40), schedule.ceiling(4));
        assertEquals(Duration.ofHours(1), schedule.ceiling(11));
        assertEquals(Duration.ofHours(1), schedule.ceiling(1000));
    }

    @Test
    void delaysAreSpreadOverTheWholeRangeBelowTheCeiling() {
        Duration min = Duration.ofDays(1);
        Duration max = Duration.ZERO;
        for (int i = 0; i < 2000; i++) {
            Duration d = schedule.delay(3, Optional.empty(), random);
            assertTrue(d.compareTo(Duration.ofMillis(1)) >= 0 && d.compareTo(Duration.ofSeconds(20)) <= 0, d.toString());
            if (d.compareTo(min) < 0) min = d;
            if (d.compareTo(max) > 0) max = d;
        }
        assertTrue(min.compareTo(Duration.ofSeconds(2)) < 0 && max.compareTo(Duration.ofSeconds(18)) > 0, min + ".." + max);
    }

    @Test
    void retryAfterReplacesTheDrawnDelayButNeverExceedsTheMaximum() {
        assertEquals(Duration.ofSeconds(120), schedule.delay(1, Optional.of(Duration.ofSeconds(120)), random));
        assertEquals(Duration.ofHours(1), schedule.delay(1, Optional.of(Duration.ofDays(2)), random));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(30)), Answer.retryAfter("30", now));
        assertEquals(Optional.of(Duration.ofSeconds(90)), Answer.retryAfter("Wed, 02 Dec 2026 10:01:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), Answer.retryAfter("Wed, 02 Dec 2026 09:00:00 GMT", now));
        assertEquals(Optional.empty(), Answer.retryAfter("soon", now));
    }

    @Test
    void only2xxDeliversAnd410DisablesEverythingElseIsRetried() {
        Instant now = Instant.EPOCH;
        assertInstanceOf(Answer.Verdict.Delivered.class, new Answer.Replied(204, Optional.empty(), "").verdict(now));
        assertInstanceOf(Answer.Verdict.Gone.class, new Answer.Replied(410, Optional.empty(), "").verdict(now));
        for (int code : new int[]{301, 400, 404, 429, 500, 503}) {
            assertInstanceOf(Answer.Verdict.Retry.class, new Answer.Replied(code, Optional.empty(), "").verdict(now));
        }
        var retry = assertInstanceOf(Answer.Verdict.Retry.class, new Answer.Replied(503, Optional.of("7"), "").verdict(now));
        assertEquals(Optional.of(Duration.ofSeconds(7)), retry.retryAfter());
        assertInstanceOf(Answer.Verdict.Retry.class, new Answer.Failed("connection refused").verdict(now));
    }
}
