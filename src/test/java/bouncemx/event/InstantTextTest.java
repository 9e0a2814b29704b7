package bouncemx.event;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The event's instants read as the JDK writes them. */
class InstantTextTest {

    @Property(tries = 20000)
    void asInstantToString(@ForAll("instants") Instant t) {
        assertEquals(t.toString(), InstantText.of(t));
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.oneOf(
                Arbitraries.longs().between(-62_167_219_200L - 100_000, 253_402_300_799L + 100_000), // years 0000-9999 and a little past
                Arbitraries.longs().between(1_700_000_000L, 1_900_000_000L),                         // the years events are written in
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()));
        // nanoseconds of each shape: none, milliseconds, microseconds, any
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999).map(m -> m * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(u -> u * 1_000), Arbitraries.integers().between(0, 999_999_999));
        return seconds.flatMap(s -> nanos.map(n -> Instant.ofEpochSecond(s, n)));
    }

    @Test
    void theEdgesOfTheFastYears() {
        for (String s : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
                "2000-02-29T12:00:00.100Z", "1969-12-31T23:59:59.000001Z", "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"}) {
            Instant t = Instant.parse(s);
            assertEquals(t.toString(), InstantText.of(t), s);
        }
    }
}
