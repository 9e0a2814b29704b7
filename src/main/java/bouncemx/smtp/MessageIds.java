package bouncemx.smtp;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Message ids, the ones in "250 2.0.0 &lt;id&gt;" and the base of event ids: 12 hex digits of the arrival time in
 * milliseconds, 8 of a random number drawn once per process, 6 of a counter; 26 lowercase hex characters,
 * sortable by arrival within one process and unique across restarts. Thread-safe.
 */
public final class MessageIds {
    private final Clock clock;
    private final String node;
    private final AtomicLong counter = new AtomicLong();

    public MessageIds(Clock clock) {
        this.clock = clock;
        this.node = HexFormat.of().toHexDigits(new SecureRandom().nextInt());
    }

    public String next() {
        long millis = clock.millis() & 0xFFFF_FFFF_FFFFL;
        long n = counter.getAndIncrement() & 0xFF_FFFF;
        HexFormat hex = HexFormat.of();   // not String.format: this runs once per message
        return hex.toHexDigits(millis).substring(4) + node + hex.toHexDigits((int) n).substring(2);
    }
}
