package bouncemx.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {

    @Test
    void parsesEveryUnit() {
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("5s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofHours(2), Durations.parse("2h"));
        assertEquals(Duration.ofDays(30), Durations.parse("30d"));
        assertEquals(Duration.ZERO, Durations.parse("0s"));
    }

    @Test
    void refusesEverythingElseWithTheExpectedForms() {
        for (String s : List.of("", "5", "s", "5 s", " 5s", "5S", "-5s", "+5s", "1.5h", "1h30m", "5sec", "PT5S", "5w")) {
            var e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(s), s);
            assertEquals("\"" + s + "\" is not a duration (expected a whole number with a unit: 250ms, 5s, 5m, 2h, 30d)", e.getMessage());
        }
        assertEquals("\"999999999999999999d\" is too long a duration",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("999999999999999999d")).getMessage());
    }

    @Test
    void formatsWithTheLargestExactUnitAndRoundTrips() {
        assertEquals("5m", Durations.format(Duration.ofSeconds(300)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("30d", Durations.format(Duration.ofDays(30)));
        assertEquals("3d", Durations.format(Duration.ofHours(72)));
        assertEquals("25h", Durations.format(Duration.ofHours(25)));
        assertEquals("0s", Durations.format(Duration.ZERO));
        assertEquals("-5s", Durations.format(Duration.ofSeconds(-5)));
        assertEquals("PT0.0000015S", Durations.format(Duration.ofNanos(1500)));
        assertEquals("106751991167300d", Durations.format(Duration.ofDays(106_751_991_167_300L)));
        for (String s : List.of("250ms", "5s", "5m", "2h", "30d", "1001ms", "25h")) assertEquals(s, Durations.format(Durations.parse(s)));
    }
}
