package bouncemx.smtp;

import bouncemx.config.Config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Everything the SMTP edge needs to know: {@code smtp.*} of the configuration plus a few limits that have no
 * configuration key (yet) and whose defaults follow common MTA practice:
 * <ul>
 *   <li>{@code sessionDeadline} (30 min): a whole connection, however busy, is closed with 421 4.4.2 after it;</li>
 *   <li>{@code journalDeadline} (30 s): how long the end of DATA waits for the message to become durable
 *       before answering 451 4.3.0 (well under the 10 min a client waits, RFC 5321 4.5.3.2.6);</li>
 *   <li>{@code maxBadCommands} (20, Postfix's smtpd_hard_error_limit): unknown or malformed commands before
 *       421 4.7.0 and a closed connection;</li>
 *   <li>{@code stopDeadline} (30 s): how long a graceful stop lets transactions in flight finish.</li>
 * </ul>
 * Immutable.
 */
public record SmtpSettings(InetSocketAddress listen, String hostname, List<String> domains, long maxMessageBytes,
                           int maxRecipients, int maxConnections, int maxConnectionsPerIp, Duration commandTimeout,
                           Duration sessionDeadline, Duration journalDeadline, int maxBadCommands, Duration stopDeadline,
                           Config.Tls tls) {

    public SmtpSettings {
        domains = List.copyOf(domains);
        if (maxMessageBytes < 0 || maxMessageBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("max message bytes " + maxMessageBytes + " (one buffer: at most 2 GiB)");
        }
        if (maxRecipients < 1) throw new IllegalArgumentException("max recipients " + maxRecipients);
        if (maxConnections < 1) throw new IllegalArgumentException("max connections " + maxConnections);
        if (maxConnectionsPerIp < 1) throw new IllegalArgumentException("max connections per ip " + maxConnectionsPerIp);
        if (maxBadCommands < 1) throw new IllegalArgumentException("max bad commands " + maxBadCommands);
        for (Duration d : List.of(commandTimeout, sessionDeadline, journalDeadline, stopDeadline)) {
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("duration must be positive: " + d);
        }
    }

    public static SmtpSettings of(Config.Smtp smtp) {
        return new SmtpSettings(listenAddress(smtp.listen()), smtp.hostname(), smtp.domains(), smtp.maxMessageBytes(),
                smtp.maxRecipients(), smtp.maxConnections(), smtp.maxConnectionsPerIp(), smtp.commandTimeout(),
                Duration.ofMinutes(30), Duration.ofSeconds(30), 20, Duration.ofSeconds(30), smtp.tls());
    }

    public SmtpSettings withListen(InetSocketAddress a) {
        return new SmtpSettings(a, hostname, domains, maxMessageBytes, maxRecipients, maxConnections,
                maxConnectionsPerIp, commandTimeout, sessionDeadline, journalDeadline, maxBadCommands, stopDeadline, tls);
    }

    public SmtpSettings withLimits(long maxMessageBytes, int maxRecipients, int maxConnections, int maxConnectionsPerIp,
                                   int maxBadCommands) {
        return new SmtpSettings(listen, hostname, domains, maxMessageBytes, maxRecipients, maxConnections,
                maxConnectionsPerIp, commandTimeout, sessionDeadline, journalDeadline, maxBadCommands, stopDeadline, tls);
    }

    public SmtpSettings withTimeouts(Duration commandTimeout, Duration sessionDeadline, Duration journalDeadline,
                                     Duration stopDeadline) {
        return new SmtpSettings(listen, hostname, domains, maxMessageBytes, maxRecipients, maxConnections,
                maxConnectionsPerIp, commandTimeout, sessionDeadline, journalDeadline, maxBadCommands, stopDeadline, tls);
    }

    public SmtpSettings withDomains(List<String> d) {
        return new SmtpSettings(listen, hostname, d, maxMessageBytes, maxRecipients, maxConnections,
                maxConnectionsPerIp, commandTimeout, sessionDeadline, journalDeadline, maxBadCommands, stopDeadline, tls);
    }

    public SmtpSettings withTls(Config.Tls t) {
        return new SmtpSettings(listen, hostname, domains, maxMessageBytes, maxRecipients, maxConnections,
                maxConnectionsPerIp, commandTimeout, sessionDeadline, journalDeadline, maxBadCommands, stopDeadline, t);
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
