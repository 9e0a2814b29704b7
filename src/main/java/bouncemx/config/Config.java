package bouncemx.config;

import java.time.Duration;
import java.util.List;

/**
 * The whole configuration, one immutable record tree (../shared/DESIGN.md section 5). Every key has a
 * default ({@link #defaults()}); loading, overrides and validation live in {@link ConfigLoader}. Nothing
 * else reads configuration files or the environment.
 */
public record Config(Smtp smtp, Http http, Data data, Journal journal, List<Webhook> webhooks) {

    public Config {
        webhooks = List.copyOf(webhooks);
    }

    /** SMTP listener settings. {@code listen} is "host:port"; {@code domains} are exact names, "*.example.com" or "*". */
    public record Smtp(String listen, String hostname, List<String> domains, long maxMessageBytes, int maxRecipients,
                       int maxConnections, int maxConnectionsPerIp, Duration commandTimeout, Tls tls) {
        public Smtp {
            domains = List.copyOf(domains);
        }
    }

    /** STARTTLS certificate and key (PEM files); offered only when both are set. */
    public record Tls(String cert, String key) {
        public boolean enabled() { return !cert.isEmpty() && !key.isEmpty(); }
    }

    public record Http(String listen) {}

    public record Data(String dir) {}

    public record Journal(long segmentBytes, Duration retention) {}

    /** One webhook endpoint (delivery arrives with a later issue; the settings are read and checked now). */
    public record Webhook(String name, String url, String secret, List<String> types, Duration timeout, int concurrency,
                          Duration backoffInitial, Duration backoffMax, Duration maxAge) {
        public Webhook {
            types = List.copyOf(types);
        }
    }

    /** The built-in defaults of DESIGN.md section 5 (no webhooks). */
    public static Config defaults() {
        return new Config(
                new Smtp("127.0.0.1:2525", "localhost", List.of("*"), 10_485_760L, 100, 2000, 50, Duration.ofMinutes(5),
                        new Tls("", "")),
                new Http("127.0.0.1:9025"),
                new Data("./data"),
                new Journal(134_217_728L, Duration.ofDays(30)),
                List.of());
    }
}
