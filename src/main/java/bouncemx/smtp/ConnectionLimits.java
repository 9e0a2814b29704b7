package bouncemx.smtp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Admits sessions: at most {@code smtp.max_connections} in all and {@code smtp.max_connections_per_ip} from one
 * address; a session over either limit is answered 421 4.7.0 before the greeting and closed. Also keeps the
 * set of live sessions, which a graceful stop closes. Thread-safe (one lock; held briefly, never during I/O).
 */
final class ConnectionLimits {
    private static final Logger log = LoggerFactory.getLogger(ConnectionLimits.class);

    private int maxConnections; // guarded by this; a reload changes them (sessions already admitted stay)
    private int maxPerIp;
    private final Map<InetAddress, Integer> perIp = new HashMap<>();
    private final Set<SmtpSession> live = new LinkedHashSet<>();
    private boolean refusing; // for one log line per state change

    ConnectionLimits(int maxConnections, int maxPerIp) {
        this.maxConnections = maxConnections;
        this.maxPerIp = maxPerIp;
    }

    /** New limits (a configuration reload); they apply to the sessions admitted from now on. */
    synchronized void limits(int maxConnections, int maxPerIp) {
        this.maxConnections = maxConnections;
        this.maxPerIp = maxPerIp;
    }

    /** Admits {@code s} (null), or the refusal to send it. */
    synchronized SmtpReply admit(SmtpSession s, InetAddress ip) {
        SmtpReply refusal = null;
        if (live.size() >= maxConnections) refusal = SmtpReply.TOO_MANY_CONNECTIONS;
        else if (perIp.getOrDefault(ip, 0) >= maxPerIp) refusal = SmtpReply.TOO_MANY_CONNECTIONS_FROM_YOU;
        if (refusal != null) {
            if (!refusing) log.warn("refusing connections: {} open, limit {} in all and {} per address",
                    live.size(), maxConnections, maxPerIp);
            refusing = true;
            return refusal;
        }
        if (refusing) log.info("accepting connections again ({} open)", live.size());
        refusing = false;
        perIp.merge(ip, 1, Integer::sum);
        live.add(s);
        return null;
    }

    /** {@code s} ended; only for admitted sessions. */
    synchronized void release(SmtpSession s, InetAddress ip) {
        if (!live.remove(s)) return;
        perIp.computeIfPresent(ip, (k, n) -> n == 1 ? null : n - 1);
    }

    synchronized int open() {
        return live.size();
    }

    synchronized List<SmtpSession> snapshot() {
        return List.copyOf(live);
    }
}
