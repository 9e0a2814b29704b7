package bouncemx.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsumerWatchTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicBoolean alive = new AtomicBoolean(true);
    private final AtomicLong position = new AtomicLong(10);
    private final AtomicLong pending = new AtomicLong();
    private final ConsumerWatch watch = new ConsumerWatch("suppression", alive::get, position::get, pending::get,
            Duration.ofMinutes(10), now::get);

    private void after(Duration d) {
        now.addAndGet(d.toNanos());
        watch.refresh();
    }

    @Test
    void aCaughtUpConsumerIsNeverStuckHoweverLongItWaits() {
        watch.refresh();
        after(Duration.ofHours(5));
        assertTrue(watch.state().ok(), watch.state().toString());
        assertEquals(0L, watch.state().details().get("pending"));
    }

    @Test
    void recordsPendingWithoutProgressForTheStallTimeIsStuckAndProgressClearsIt() {
        watch.refresh();
        pending.set(42);
        after(Duration.ofMinutes(9));
        assertTrue(watch.state().ok(), "9 minutes without progress is not yet stuck");
        after(Duration.ofMinutes(1));
        assertFalse(watch.state().ok());
        assertEquals("the suppression consumer made no progress for 600 s with 42 record(s) pending",
                watch.state().details().get("detail"));

        position.set(11); // one step is progress
        after(Duration.ofSeconds(1));
        assertTrue(watch.state().ok());
        after(Duration.ofMinutes(9));
        assertTrue(watch.state().ok(), "the stall time counts from the last step");
    }

    @Test
    void aConsumerWhoseThreadEndedIsStuckAtOnce() {
        watch.refresh();
        alive.set(false);
        after(Duration.ofSeconds(1));
        assertFalse(watch.state().ok());
        assertTrue(((String) watch.state().details().get("detail")).contains("stopped on an error"));
    }
}
