package bouncemx.state;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the ISO-8601 UTC instants bouncemx writes ({@code Instant.toString()}: {@code 2026-12-02T11:40:53.870Z},
 * with 0 to 9 fraction digits) without {@code DateTimeFormatter}, which took an eighth of a suppression rebuild's
 * time (two instants per event). Anything else (an offset, a leap second, a year past 9999) goes to
 * {@link Instant#parse}, so every text it accepts gives the same instant as before. Stateless.
 */
final class UtcInstants {
    private UtcInstants() {}

    /** The instant of {@code text}, or null when it is none (also for ""). */
    static Instant parse(String text) {
        if (text.isEmpty()) return null;
        Instant fast = fast(text);
        if (fast != null) return fast;
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} in range, else null (then the slow path decides). */
    private static Instant fast(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') return null;
        int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
        int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) return null;
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21; // between '.' and 'Z'
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) return null;
            int f = digits(s, 20, fraction);
            if (f < 0) return null;
            nanos = f;
            for (int i = fraction; i < 9; i++) nanos *= 10;
        }
        if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) return null;
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second, nanos);
    }

    /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
