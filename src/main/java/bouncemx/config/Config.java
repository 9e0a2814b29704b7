package bouncemx.config;

import bouncemx.reason.Reason;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The whole configuration, one immutable record tree (../shared/DESIGN.md section 5). Every key has a
 * default ({@link #defaults()}); loading, overrides and validation live in {@link ConfigLoader}. Nothing
 * else reads configuration files or the environment.
 */
public record Config(Smtp smtp, Http http, Data data, Journal journal, List<Webhook> webhooks, Verp verp,
                     Suppression suppression, Api api) {

    public Config {
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(verp, "verp");
        Objects.requireNonNull(suppression, "suppression");
        Objects.requireNonNull(api, "api");
        webhooks = List.copyOf(webhooks);
    }

    /** The sections before signed VERP, suppression and the API existed; those keep their defaults. */
    public Config(Smtp smtp, Http http, Data data, Journal journal, List<Webhook> webhooks) {
        this(smtp, http, data, journal, webhooks, Verp.DEFAULT, Suppression.DEFAULT, Api.DEFAULT);
    }

    /** A copy with another {@code verp} section. */
    public Config withVerp(Verp v) {
        return new Config(smtp, http, data, journal, webhooks, v, suppression, api);
    }

    /** A copy with another {@code suppression} section. */
    public Config withSuppression(Suppression s) {
        return new Config(smtp, http, data, journal, webhooks, verp, s, api);
    }

    /** A copy with another {@code api} section. */
    public Config withApi(Api a) {
        return new Config(smtp, http, data, journal, webhooks, verp, suppression, a);
    }

    /**
     * Signed VERP ({@code verp/SignedVerp}): the keys (the first signs, all verify), whether RCPT to a bounce domain
     * needs a valid signature, and how old a signature may be.
     */
    public record Verp(List<VerpKey> keys, boolean requireSignature, Duration maxAge) {
        public static final Verp DEFAULT = new Verp(List.of(), false, Duration.ofDays(60));

        public Verp {
            keys = List.copyOf(keys);
            Objects.requireNonNull(maxAge, "maxAge");
        }
    }

    /** One signed-VERP key: its id (1-8 of a-z, 0-9, written into every address) and its secret, base64 of >= 32 bytes. */
    public record VerpKey(String id, String secret) {
        public VerpKey {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(secret, "secret");
        }

        public byte[] secretBytes() {
            return java.util.Base64.getDecoder().decode(secret);
        }

        @Override
        public String toString() {
            return "VerpKey[id=" + id + ", secret=...]";
        }
    }

    /**
     * The suppression policy ({@code state/}): soft bounces of {@code countReasons} count against an address, which
     * is suppressed at {@code softThreshold} of them within {@code softWindow} ({@code softThresholdActive} when the
     * sender reported activity within {@code activityWindow}); {@code campaignHeader} groups the campaign report.
     */
    public record Suppression(boolean enabled, int softThreshold, int softThresholdActive, Duration activityWindow,
                              Duration softWindow, List<String> countReasons, String campaignHeader) {
        /**
         * Reasons for which the recipient's side is at fault (README "Suppression" says why each is here). Left out:
         * the sender-side reasons (rejected, blocked, badreputation, requireptr, authfailure, spamdetected,
         * contenterror, virusdetected, policyviolation, securityerror, speeding, toomanyconn, norelaying,
         * notcompliantrfc, failedstarttls, mesgtoobig, syntaxerror) and those that are no failure (feedback,
         * vacation, delivered).
         */
        public static final List<String> DEFAULT_COUNT_REASONS = Stream.of(Reason.MAILBOX_FULL, Reason.EXCEED_LIMIT,
                Reason.SUSPEND, Reason.SYSTEM_FULL, Reason.EXPIRED, Reason.NETWORK_ERROR, Reason.UNDEFINED, Reason.ON_HOLD,
                Reason.FILTERED, Reason.SYSTEM_ERROR, Reason.MAILER_ERROR, Reason.NOT_ACCEPT, Reason.USER_UNKNOWN,
                Reason.HOST_UNKNOWN, Reason.HAS_MOVED).map(Reason::wireName).toList();
        public static final Suppression DEFAULT = new Suppression(true, 7, 15, Duration.ofDays(180), Duration.ofDays(180),
                DEFAULT_COUNT_REASONS, "Feedback-ID");

        public Suppression {
            Objects.requireNonNull(activityWindow, "activityWindow");
            Objects.requireNonNull(softWindow, "softWindow");
            Objects.requireNonNull(campaignHeader, "campaignHeader");
            countReasons = List.copyOf(countReasons);
        }
    }

    /** The HTTP API under /api/v1: its bearer token; empty turns the API off (every path answers 404). */
    public record Api(String token) {
        public static final Api DEFAULT = new Api("");

        public Api {
            Objects.requireNonNull(token, "token");
        }

        public boolean enabled() { return !token.isEmpty(); }

        @Override
        public String toString() {
            return "Api[token=" + (token.isEmpty() ? "" : "...") + "]";
        }
    }

    /**
     * SMTP listener settings. {@code listen} is "host:port"; {@code domains} are exact names, "*.example.com" or
     * "*"; {@code minDataRate} is bytes per second (0: off); {@code maxBufferedBytes} 0 means a sixth of the heap.
     */
    public record Smtp(String listen, String hostname, List<String> domains, long maxMessageBytes, int maxRecipients,
                       int maxConnections, int maxConnectionsPerIp, Duration commandTimeout, long minDataRate,
                       long maxBufferedBytes, Tls tls) {
        public static final long DEFAULT_MIN_DATA_RATE = 500;

        public Smtp {
            Objects.requireNonNull(listen, "listen");
            Objects.requireNonNull(hostname, "hostname");
            Objects.requireNonNull(commandTimeout, "commandTimeout");
            Objects.requireNonNull(tls, "tls");
            domains = List.copyOf(domains);
        }

        /** The keys before min_data_rate and max_buffered_bytes existed; those two keep their defaults. */
        public Smtp(String listen, String hostname, List<String> domains, long maxMessageBytes, int maxRecipients,
                    int maxConnections, int maxConnectionsPerIp, Duration commandTimeout, Tls tls) {
            this(listen, hostname, domains, maxMessageBytes, maxRecipients, maxConnections, maxConnectionsPerIp,
                    commandTimeout, DEFAULT_MIN_DATA_RATE, 0, tls);
        }
    }

    /** STARTTLS certificate and key (PEM files); offered only when both are set. */
    public record Tls(String cert, String key) {
        public Tls {
            Objects.requireNonNull(cert, "cert");
            Objects.requireNonNull(key, "key");
        }

        public boolean enabled() { return !cert.isEmpty() && !key.isEmpty(); }
    }

    public record Http(String listen) {}

    /**
     * The data directory, and the free space its file system must keep ({@code min_free_bytes}, 1 GiB by default;
     * 0 turns the reserve off): below it SMTP answers MAIL with 452 4.3.1 and /readyz fails.
     */
    public record Data(String dir, long minFreeBytes) {
        public static final long DEFAULT_MIN_FREE_BYTES = 1L << 30;

        public Data {
            Objects.requireNonNull(dir, "dir");
            if (minFreeBytes < 0) throw new IllegalArgumentException("min free bytes " + minFreeBytes);
        }

        /** The data directory with the default reserve. */
        public Data(String dir) {
            this(dir, DEFAULT_MIN_FREE_BYTES);
        }
    }

    /**
     * The journal: segment size, retention, and how many bytes of zeros the writer keeps ahead of the records in the
     * active segment (journal/FileJournal: cheaper fsync; 0 = none; never past the segment size).
     */
    public record Journal(long segmentBytes, Duration retention, long preallocateBytes) {
        public static final long DEFAULT_PREALLOCATE_BYTES = 4L << 20;

        public Journal {
            if (preallocateBytes < 0) throw new IllegalArgumentException("preallocate bytes " + preallocateBytes);
        }

        /** With the default preallocation. */
        public Journal(long segmentBytes, Duration retention) {
            this(segmentBytes, retention, DEFAULT_PREALLOCATE_BYTES);
        }
    }

    /**
     * One webhook endpoint (delivered by {@code webhook/WebhookSender}). {@code secrets} are the Standard
     * Webhooks signing keys ({@code whsec_<base64>}), one or more during a key rotation (every request is signed
     * with each); {@code secret} is the first of them (the one key of a configuration that lists one).
     */
    public record Webhook(String name, String url, String secret, List<String> types, Duration timeout, int concurrency,
                          Duration backoffInitial, Duration backoffMax, Duration maxAge, List<String> secrets) {
        /** The event types of DESIGN.md section 3, in its order; a webhook without a filter gets all of them. */
        public static final List<String> ALL_TYPES = List.of("bounce.hard", "bounce.soft", "bounce.delayed", "complaint",
                "auto_reply", "delivery.success", "message.unclassified", "suppression.changed");

        public Webhook {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(backoffInitial, "backoffInitial");
            Objects.requireNonNull(backoffMax, "backoffMax");
            Objects.requireNonNull(maxAge, "maxAge");
            types = List.copyOf(types);
            secrets = secrets.isEmpty() ? List.of(secret) : List.copyOf(secrets);
            if (!secrets.getFirst().equals(secret)) throw new IllegalArgumentException("secret must be the first of secrets");
        }

        /** An endpoint with one signing key (the keys before {@code secret} could be a list). */
        public Webhook(String name, String url, String secret, List<String> types, Duration timeout, int concurrency,
                       Duration backoffInitial, Duration backoffMax, Duration maxAge) {
            this(name, url, secret, types, timeout, concurrency, backoffInitial, backoffMax, maxAge, List.of());
        }

        /** An endpoint with the defaults of DESIGN.md section 5: all types, 15s, 4 in flight, 5s..1h backoff, 72h. */
        public static Webhook of(String name, String url, String secret) {
            return new Webhook(name, url, secret, ALL_TYPES, Duration.ofSeconds(15), 4, Duration.ofSeconds(5),
                    Duration.ofHours(1), Duration.ofHours(72));
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
