package bouncemx.smtp;

import bouncemx.config.Config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Everything the SMTP edge needs to know: {@code smtp.*} of the configuration plus a few limits that have no
 * configuration key (yet) and whose defaults follow common MTA practice:
 * <ul>
 *   <li>{@code commandTimeout} ({@code smtp.command_timeout}, 5 min, RFC 5321 4.5.3.2): the time a whole
 *       command line may take to arrive, and a whole reply to be written (Postfix's per-request deadline);</li>
 *   <li>{@code minDataRate} ({@code smtp.min_data_rate}, 500 bytes/s, Postfix's smtpd_min_data_rate): how fast
 *       DATA and BDAT content must arrive on average (0: only each read is limited, by the command timeout);</li>
 *   <li>{@code maxBufferedBytes} ({@code smtp.max_buffered_bytes}): message bytes all sessions together may hold
 *       in memory (0 in the configuration: a sixth of the JVM's maximum heap);</li>
 *   <li>{@code sessionDeadline} (30 min): a whole connection, however busy, is closed with 421 4.4.2 after it;</li>
 *   <li>{@code journalDeadline} (30 s): how long the end of DATA waits for the message to become durable
 *       before answering 451 4.3.0 (well under the 10 min a client waits, RFC 5321 4.5.3.2.6);</li>
 *   <li>{@code maxBadCommands} (20, Postfix's smtpd_hard_error_limit): unknown or malformed commands before
 *       421 4.7.0 and a closed connection;</li>
 *   <li>{@code stopDeadline} (20 s): how long a graceful stop lets transactions in flight finish (the whole
 *       stop stays under systemd's TimeoutStopSec=60, see cli/RunCommand).</li>
 * </ul>
 * Immutable.
 */
public record SmtpSettings(InetSocketAddress listen, String hostname, List<String> domains, long maxMessageBytes,
                           int maxRecipients, int maxConnections, int maxConnectionsPerIp, Duration commandTimeout,
                           Duration sessionDeadline, Duration journalDeadline, int maxBadCommands, Duration stopDeadline,
                           Config.Tls tls, long minDataRate, long maxBufferedBytes) {

    public SmtpSettings {
        domains = List.copyOf(domains);
        if (maxMessageBytes < 0 || maxMessageBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("max message bytes " + maxMessageBytes + " (one buffer: at most 2 GiB)");
        }
        if (maxRecipients < 1) throw new IllegalArgumentException("max recipients " + maxRecipients);
        if (maxConnections < 1) throw new IllegalArgumentException("max connections " + maxConnections);
        if (maxConnectionsPerIp < 1) throw new IllegalArgumentException("max connections per ip " + maxConnectionsPerIp);
        if (maxBadCommands < 1) throw new IllegalArgumentException("max bad commands " + maxBadCommands);
        if (minDataRate < 0) throw new IllegalArgumentException("min data rate " + minDataRate);
        if (maxBufferedBytes < 1) throw new IllegalArgumentException("max buffered bytes " + maxBufferedBytes);
        for (Duration d : List.of(commandTimeout, sessionDeadline, journalDeadline, stopDeadline)) {
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("duration must be positive: " + d);
        }
    }

    /** {@code smtp.max_buffered_bytes} of 0: a sixth of the heap the JVM may grow to. */
    public static long defaultBufferedBytes() {
        return Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 6);
    }

    public static SmtpSettings of(Config.Smtp smtp) {
        return new SmtpSettings(listenAddress(smtp.listen()), smtp.hostname(), smtp.domains(), smtp.maxMessageBytes(),
                smtp.maxRecipients(), smtp.maxConnections(), smtp.maxConnectionsPerIp(), smtp.commandTimeout(),
                Duration.ofMinutes(30), Duration.ofSeconds(30), 20, Duration.ofSeconds(20), smtp.tls(),
                smtp.minDataRate(), smtp.maxBufferedBytes() == 0 ? defaultBufferedBytes() : smtp.maxBufferedBytes());
    }

    public SmtpSettings withListen(InetSocketAddress a) {
        return new SmtpSettings(a, hostname, domains, maxMessageBytes, maxRecipients, maxConnections,
                maxConnectionsPerIp, commandTimeout, sessionDeadline, journalDeadline, maxBadCommands, stopDeadline, tls,
                minDataRate, maxBufferedBytes);
    }

    public SmtpSettings withLimits(long maxMessageBytes, int maxRecipients, int maxConnections, int maxConnectionsPerIp,
                                   int maxBadCommands) {
        return new SmtpSettings(listen, hostname, domains, maxMessageBytes, maxRecipients, maxConnections,
                maxConnectionsPerIp, commandTimeout, sessionDeadline, journalDeadline, maxBadCommands, stopDeadline, tls,
                minDataRate, maxBufferedBytes);
    }

    public SmtpSettings withTimeouts(Duration commandTimeout, Duration sessionDeadline, Duration journalDeadline,
                                     Duration stopDeadline) {
        return new SmtpSettings(listen, hostname, domains, maxMessageBytes, maxRecipients, maxConnections,
                maxConnectionsPerIp, commandTimeout, sessionDeadline, journalDeadline, maxBadCommands, stopDeadline, tls,
                minDataRate, maxBufferedBytes);
    }

    public SmtpSettings withDomains(List<String> d) {
        return new SmtpSettings(listen, hostname, d, maxMessageBytes, maxRecipients, maxConnections,
                maxConnectionsPerIp, commandTimeout, sessionDeadline, journalDeadline, maxBadCommands, stopDeadline, tls,
                minDataRate, maxBufferedBytes);
    }

    public SmtpSettings withTls(Config.Tls t) {
        return new SmtpSettings(listen, hostname, domains, maxMessageBytes, maxRecipients, maxConnections,
                maxConnectionsPerIp, commandTimeout, sessionDeadline, journalDeadline, maxBadCommands, stopDeadline, t,
                minDataRate, maxBufferedBytes);
    }

    /** The content-rate rule and the global buffer budget. */
    public SmtpSettings withBuffering(long minDataRate, long maxBufferedBytes) {
        return new SmtpSettings(listen, hostname, domains, maxMessageBytes, maxRecipients, maxConnections,
                maxConnectionsPerIp, commandTimeout, sessionDeadline, journalDeadline, maxBadCommands, stopDeadline, tls,
                minDataRate, maxBufferedBytes);
    }

    /** "host:port" or "[v6]:port" as an unresolved-free socket address (the host must be a literal or resolvable). */
    static InetSocketAddress listenAddress(String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0 || colon == listen.length() - 1) throw new IllegalArgumentException("smtp.listen: expected host:port, got \"" + listen + "\"");
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("smtp.listen: bad port in \"" + listen + "\"");
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("smtp.listen: bad port in \"" + listen + "\"");
        return new InetSocketAddress(host, port);
    }
}
