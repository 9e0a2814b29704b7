package bouncemx.cli;

import bouncemx.config.Config;
import bouncemx.metrics.MeterNames;
import bouncemx.smtp.RecipientSignaturePolicy;
import bouncemx.smtp.SmtpServer;
import bouncemx.smtp.SmtpSettings;
import bouncemx.state.SuppressionPolicy;
import bouncemx.state.SuppressionState;
import bouncemx.verp.VerpVerifier;
import bouncemx.webhook.Webhooks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A configuration reload of the running daemon (SIGHUP, {@code systemctl reload}): reads the configuration again
 * (the same {@code --config} file with the same {@code --set} overrides), and when it is valid applies what can
 * change live, without closing a connection:
 * <ul>
 *   <li>{@code smtp.*} but {@code listen}: domains, hostname, limits, timeouts, rates, the buffer budget and the
 *       STARTTLS certificate (read again): new sessions at once, open sessions from their next command;</li>
 *   <li>{@code webhooks}: added endpoints start, removed ones stop, changed ones restart from their own cursor;</li>
 *   <li>{@code verp.*}: keys, require_signature, max_age (RCPT checks and the events' verp block);</li>
 *   <li>{@code suppression.*} but {@code enabled} and {@code campaign_header}: the policy for signals applied
 *       from now on, and the API's view;</li>
 *   <li>{@code api.token}: a new token, or "" to turn the API off (turning it on needs a restart).</li>
 * </ul>
 * Keys that cannot change live ({@code smtp.listen}, {@code http.listen}, {@code data.*}, {@code journal.*},
 * {@code suppression.enabled}, {@code suppression.campaign_header}, {@code api.token} when the API was off at
 * start) keep their running value, each named in one WARN line "... needs a restart". A configuration that does
 * not load, or whose STARTTLS files cannot be read, is refused with one ERROR line naming the problem, and
 * nothing changes. Each reload counts in {@code bouncemx.config.reloads{outcome=ok|refused}}.
 * <p>
 * Reloads run one at a time ({@link #reload} is synchronized); the parts they change are read through volatile
 * holders, so the hot paths pay one volatile read. Thread-safe.
 */
final class ConfigReload {
    private static final Logger log = LoggerFactory.getLogger(ConfigReload.class);

    /** Loads the configuration again; throws {@link RunCommand.ConfigProblem} (one line) when it cannot be used. */
    private final Supplier<Config> load;
    private final SmtpServer smtp;
    private final Webhooks webhooks;
    private final SuppressionState suppression; // null: suppression off
    private final AtomicReference<VerpVerifier> verifier;
    private final BiFunction<Config, VerpVerifier, RecipientSignaturePolicy> signatures;
    private final AtomicReference<String> apiToken;
    private final boolean apiStarted;
    private final Clock clock;
    private final Counter ok;
    private final Counter refused;
    private Config current;

    ConfigReload(Config running, Supplier<Config> load, SmtpServer smtp, Webhooks webhooks, SuppressionState suppression,
                 AtomicReference<VerpVerifier> verifier, BiFunction<Config, VerpVerifier, RecipientSignaturePolicy> signatures,
                 AtomicReference<String> apiToken, boolean apiStarted, Clock clock, MeterRegistry registry) {
        this.current = Objects.requireNonNull(running, "running");
        this.load = load;
        this.smtp = smtp;
        this.webhooks = webhooks;
        this.suppression = suppression;
        this.verifier = verifier;
        this.signatures = signatures;
        this.apiToken = apiToken;
        this.apiStarted = apiStarted;
        this.clock = clock;
        this.ok = Counter.builder(MeterNames.CONFIG_RELOADS).description("configuration reloads (SIGHUP) by outcome")
                .tag(MeterNames.TAG_RELOAD_OUTCOME, "ok").register(registry);
        this.refused = Counter.builder(MeterNames.CONFIG_RELOADS).description("configuration reloads (SIGHUP) by outcome")
                .tag(MeterNames.TAG_RELOAD_OUTCOME, "refused").register(registry);
    }

    /** The configuration in force (what the last successful reload applied, restart-only keys kept). */
    synchronized Config current() {
        return current;
    }

    /** Reloads (see the class comment); true when the new configuration was applied. */
    synchronized boolean reload() {
        Config next;
        SmtpSettings smtpSettings;
        VerpVerifier nextVerifier;
        try {
            next = load.get();
            smtpSettings = SmtpSettings.of(next.smtp());
            nextVerifier = VerpVerifier.of(next.verp(), clock);
        } catch (RunCommand.ConfigProblem | IllegalArgumentException e) {
            return refuse(e.getMessage());
        }
        Config kept = keepRestartOnly(next);
        try {
            // first: it can still fail (STARTTLS files), and then nothing else may have changed
            smtp.reconfigure(smtpSettings, signatures.apply(kept, nextVerifier));
        } catch (IOException | RuntimeException e) {
            return refuse(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        verifier.set(nextVerifier);
        if (suppression != null) suppression.policy(new SuppressionPolicy(kept.suppression()));
        apiToken.set(kept.api().token());
        Webhooks.Changes changes = webhooks.reconfigure(kept.webhooks());
        current = kept;
        ok.increment();
        log.info("configuration reloaded: SMTP domains {}, webhooks {}", kept.smtp().domains(),
                changes.none() ? "unchanged" : "added " + changes.added() + ", removed " + changes.removed()
                        + ", changed " + changes.changed());
        return true;
    }

    private boolean refuse(String problem) {
        refused.increment();
        log.error("configuration reload refused, the running configuration stays: {}", problem);
        return false;
    }

    /**
     * {@code next} with every key that needs a restart set back to its running value, one WARN line for each
     * that differed.
     */
    private Config keepRestartOnly(Config next) {
        List<String> restart = new ArrayList<>();
        Config.Smtp smtp = next.smtp();
        if (!smtp.listen().equals(current.smtp().listen())) {
            restart.add("smtp.listen (running: " + current.smtp().listen() + ", file: " + smtp.listen() + ")");
            smtp = new Config.Smtp(current.smtp().listen(), smtp.hostname(), smtp.domains(), smtp.maxMessageBytes(),
                    smtp.maxRecipients(), smtp.maxConnections(), smtp.maxConnectionsPerIp(), smtp.commandTimeout(),
                    smtp.minDataRate(), smtp.maxBufferedBytes(), smtp.tls());
        }
        if (!next.http().equals(current.http())) {
            restart.add("http.listen (running: " + current.http().listen() + ", file: " + next.http().listen() + ")");
        }
        if (!next.data().dir().equals(current.data().dir())) {
            restart.add("data.dir (running: " + current.data().dir() + ", file: " + next.data().dir() + ")");
        }
        if (next.data().minFreeBytes() != current.data().minFreeBytes()) {
            restart.add("data.min_free_bytes (running: " + current.data().minFreeBytes() + ", file: "
                    + next.data().minFreeBytes() + ")");
        }
        if (!next.journal().equals(current.journal())) restart.add("journal.*");
        Config.Suppression s = next.suppression();
        Config.Suppression was = current.suppression();
        if (s.enabled() != was.enabled()) restart.add("suppression.enabled");
        if (!s.campaignHeader().equals(was.campaignHeader())) restart.add("suppression.campaign_header");
        s = new Config.Suppression(was.enabled(), s.softThreshold(), s.softThresholdActive(), s.activityWindow(),
                s.softWindow(), s.countReasons(), was.campaignHeader());
        Config.Api api = next.api();
        if (!apiStarted && api.enabled()) {
            restart.add("api.token (the API was off at start)");
            api = current.api();
        }
        for (String key : restart) {
            log.warn("configuration reload: {} changed and needs a restart; the running value stays", key);
        }
        return new Config(smtp, current.http(), current.data(), current.journal(), next.webhooks(), next.verp(), s, api);
    }
}
