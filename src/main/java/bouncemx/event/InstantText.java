package bouncemx.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * {@link Instant#toString()} for the years 0000-9999, without {@code DateTimeFormatter}: every event carries
 * one or two instants, and formatting them was ~1% of {@code classify}'s CPU under C1. The text is the same
 * ({@code 2026-12-03T10:55:38Z}, and a fraction of 3, 6 or 9 digits when the nanoseconds need it; checked
 * against the JDK by InstantTextTest); other years go to {@code toString()}. Stateless.
 */
final class InstantText {
    private InstantText() {}

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z. */
    private static final long FIRST = -62_167_219_200L, LAST = 253_402_300_799L;

    static String of(Instant t) {
        long s = t.getEpochSecond();
        if (s < FIRST || s > LAST) return t.toString();
        int nano = t.getNano();
        long days = Math.floorDiv(s, 86_400);
        int secs = (int) (s - days * 86_400);
        // the civil date of a day count (H. Hinnant's days-to-civil: eras of 400 years starting on March 1st)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        int doe = (int) (z - era * 146_097);
        int yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        int mp = (5 * doy + 2) / 153;
        int day = doy - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        int year = (int) (era * 400 + yoe) + (month <= 2 ? 1 : 0);
        int fraction = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        byte[] b = new byte[20 + (fraction == 0 ? 0 : fraction + 1)];
        digits(b, 0, year, 4);
        b[4] = '-';
        digits(b, 5, month, 2);
        b[7] = '-';
        digits(b, 8, day, 2);
        b[10] = 'T';
        digits(b, 11, secs / 3_600, 2);
        b[13] = ':';
        digits(b, 14, secs / 60 % 60, 2);
        b[16] = ':';
        digits(b, 17, secs % 60, 2);
        int i = 19;
        if (fraction > 0) {
            b[i++] = '.';
            digits(b, i, nano / (fraction == 3 ? 1_000_000 : fraction == 6 ? 1_000 : 1), fraction);
            i += fraction;
        }
        b[i] = 'Z';
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** {@code v} as {@code n} decimal digits, zero-padded, at {@code b[at..]}. */
    private static void digits(byte[] b, int at, int v, int n) {
        for (int i = at + n - 1; i >= at; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }
}
