package bouncemx.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The values of few-valued fields (an event's type, category, reason, rule, cause) as one String each, not a new one
 * per event: a rebuild reads tens of millions of events, and its readers keep the strings of a partition's states
 * in memory. Remembers the last value per slot of a small table by a hash of its bytes; a value not held is decoded
 * and takes its slot. Used by {@link EventScanner} and by the rebuild's scratch reader. One thread.
 */
final class RecentWords {
    /** Longer values are not kept here (the callers decode them as usual). */
    static final int MAX_BYTES = 64;
    private static final int SLOTS = 128;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] words = new String[SLOTS];

    /** The UTF-8 text of {@code b[from, from + len)}, {@code len <= MAX_BYTES}: the String given for these bytes before when its slot still holds it. */
    String of(byte[] b, int from, int len) {
        int h = len;
        for (int i = 0; i < len; i++) h = 31 * h + b[from + i];
        int slot = (h ^ (h >>> 11)) & (SLOTS - 1);
        byte[] k = keys[slot];
        if (k == null || !Arrays.equals(k, 0, k.length, b, from, from + len)) {
            keys[slot] = Arrays.copyOfRange(b, from, from + len);
            words[slot] = new String(b, from, len, StandardCharsets.UTF_8);
        }
        return words[slot];
    }
}
