package bouncemx.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Durations as the configuration writes them: a whole number and one unit, {@code 250ms}, {@code 5s},
 * {@code 5m}, {@code 2h}, {@code 30d} (a day is 24 hours). {@link #parse} throws IllegalArgumentException
 * with a one-line reason for anything else (no sign, no fractions, no spaces, no compound "1h30m");
 * {@link #format} writes the largest unit that represents the duration exactly. Stateless, thread-safe.
 */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("([0-9]{1,18})(ms|s|m|h|d)");

    /** Units from the largest down: format picks the first that divides exactly (order matters). */
    private record Unit(String suffix, Duration length) {}

    private static final List<Unit> UNITS = List.of(
            new Unit("d", Duration.ofDays(1)),
            new Unit("h", Duration.ofHours(1)),
            new Unit("m", Duration.ofMinutes(1)),
            new Unit("s", Duration.ofSeconds(1)),
            new Unit("ms", Duration.ofMillis(1)));

    public static final String EXPECTED = "a whole number with a unit: 250ms, 5s, 5m, 2h, 30d";

    private Durations() {}

    /** Parses "250ms", "5s", "5m", "2h", "30d"; zero is allowed here (callers decide what is too small). */
    public static Duration parse(String text) {
        var m = FORM.matcher(text);
        if (!m.matches()) throw new IllegalArgumentException("\"" + text + "\" is not a duration (expected " + EXPECTED + ")");
        long n = Long.parseLong(m.group(1));
        for (Unit u : UNITS) {
            if (u.suffix().equals(m.group(2))) {
                try {
                    return u.length().multipliedBy(n);
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("\"" + text + "\" is too long a duration");
                }
            }
        }
        throw new IllegalStateException("unit " + m.group(2));
    }

    /** The shortest exact form: 5m rather than 300s; durations that are not whole milliseconds use ISO-8601. */
    public static String format(Duration d) {
        if (d.isZero()) return "0s";
        if (d.isNegative()) return "-" + format(d.negated());
        for (Unit u : UNITS) {
            if (divides(u.length(), d)) return d.dividedBy(u.length()) + u.suffix();
        }
        return d.toString();
    }

    /** Whether {@code d} is a whole number of {@code unit}s; by seconds and nanos, since toNanos overflows past 292 years. */
    private static boolean divides(Duration unit, Duration d) {
        if (unit.getNano() == 0) return d.getNano() == 0 && d.getSeconds() % unit.getSeconds() == 0;
        return unit.getSeconds() == 0 && d.getNano() % unit.getNano() == 0;
    }
}
