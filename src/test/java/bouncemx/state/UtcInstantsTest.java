package bouncemx.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The fast reader gives exactly what {@link Instant#parse} gives, and null where it throws. */
class UtcInstantsTest {

    private static Instant reference(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    @Test
    void readsEveryInstantThatInstantToStringWritesAsInstantParseDoes() {
        var rnd = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long seconds = rnd.nextLong(-62_135_596_800L, 253_402_300_799L); // years 1 to 9999
            int nanos = switch (rnd.nextInt(4)) {
                case 0 -> 0;
                case 1 -> rnd.nextInt(1000) * 1_000_000;
                case 2 -> rnd.nextInt(1_000_000) * 1000;
                default -> rnd.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(t, UtcInstants.parse(t.toString()), t.toString());
        }
    }

    @Test
    void agreesWithInstantParseOnTextsWithOneCharacterChanged() {
        var rnd = new SplittableRandom(11);
        String alphabet = "0123456789-:.TZ+ x";
        for (int i = 0; i < 100_000; i++) {
            char[] text = Instant.ofEpochSecond(rnd.nextLong(0, 4_102_444_800L), rnd.nextInt(1000) * 1_000_000).toString().toCharArray();
            text[rnd.nextInt(text.length)] = alphabet.charAt(rnd.nextInt(alphabet.length()));
            String s = new String(text);
            assertEquals(reference(s), UtcInstants.parse(s), s);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T00:00:00Z", "2026-04-31T10:00:00Z", "2026-12-02T10:60:00Z",
            "2026-13-01T00:00:00Z", "2026-12-02T10:00:00.1234567890Z", "2026-12-02 10:00:00Z",
            "2026-12-02T10:00:00", "", "yesterday"})
    void refusesWhatInstantParseRefuses(String text) {
        assertNull(UtcInstants.parse(text));
        assertNull(reference(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29T23:59:59.5Z", "2026-12-02T10:00:00+01:00", "2026-12-02T10:00:00.000000001Z",
            "0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
            "2026-12-02T24:00:00Z", "2026-12-02T10:00:00.Z"}) // the last two: Instant.parse takes them, so the slow path does
    void acceptsWhatInstantParseAccepts(String text) {
        assertEquals(reference(text), UtcInstants.parse(text));
    }
}
