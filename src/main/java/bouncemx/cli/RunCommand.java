package bouncemx.cli;

import bouncemx.classify.Classifier;
import bouncemx.config.Config;
import bouncemx.event.EventFactory;
import bouncemx.journal.Journal;
import bouncemx.parse.Decoder;
import bouncemx.parse.Dialects;
import bouncemx.parse.Limits;
import bouncemx.parse.Originals;
import bouncemx.pipeline.Pipeline;
import bouncemx.smtp.MessageIds;
import bouncemx.smtp.RecipientSignaturePolicy;
import bouncemx.state.Campaigns;
import bouncemx.state.SqliteStore;
import bouncemx.state.SuppressionQueries;
import bouncemx.state.SuppressionService;
import bouncemx.state.SuppressionPolicy;
import bouncemx.state.SuppressionState;
import bouncemx.smtp.SmtpServer;
import bouncemx.verp.VerpVerifier;
import bouncemx.config.ConfigException;
import bouncemx.config.ConfigLoader;
import bouncemx.config.ListenAddress;
import bouncemx.health.ConsumerWatch;
import bouncemx.health.DiskReserve;
import bouncemx.health.DiskSpace;
import bouncemx.health.Readiness;
import bouncemx.http.HttpServer;
import bouncemx.journal.FileJournal;
import bouncemx.metrics.MeterNames;
import bouncemx.metrics.MeteredIntake;
import bouncemx.metrics.DiskMeters;
import bouncemx.metrics.JournalMeters;
import bouncemx.metrics.PipelineMeters;
import bouncemx.metrics.PrometheusScrape;
import bouncemx.metrics.SmtpMeters;
import bouncemx.metrics.SuppressionMeters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import bouncemx.smtp.SmtpSettings;
import bouncemx.webhook.JournalSource;
import bouncemx.webhook.Webhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.random.RandomGenerator;
import java.util.function.BiFunction;

/**
 * {@code bouncemx run [--config FILE] [--set KEY=VALUE]...}: the daemon. Wires by hand: clock, journal,
 * pipeline (one worker per core), SMTP listener, one webhook sender per endpoint, the journal spool drainer
 * (appends what {@code bouncemx reclassify} leaves while the daemon holds the journal), readiness ({@link #readiness}:
 * /readyz and the SMTP edge's 421/452 decisions); logs one INFO line with the listen address, then runs
 * until SIGTERM/SIGINT, on which it stops gracefully (SMTP first: no new connections, open transactions
 * finish up to a deadline, and meanwhile the webhook senders stop within 3 s; then the pipeline
 * drains; then the journal closes), each step bounded (see
 * {@link #PIPELINE_STOP}), and exits 0 ({@link Signals}: the stop runs on the main thread, not in a shutdown
 * hook). SIGHUP reloads the configuration ({@link ConfigReload}: the same file and overrides; what can change
 * live is applied without closing a session, a bad file is refused and the running configuration stays).
 * <p>
 * Exit status: 2 with one line on stderr for bad configuration or an address that cannot be listened on;
 * 1 when the journal cannot be opened.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the MX daemon: accept bounces over SMTP, classify them, journal them.")
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
    /**
     * The stop budget, within systemd's TimeoutStopSec=60 (systemd/bouncemx.service): SMTP at most its stop
     * deadline (20 s) plus ~3 s of closing writes, then the pipeline at most 10 s, the journal at most 10 s,
     * HTTP at most 2 s: about 45 s whatever clients and disks do.
     */
    static final java.time.Duration PIPELINE_STOP = java.time.Duration.ofSeconds(10);
    /** Webhook senders stop in parallel with SMTP (so within its 20 s), before the journal closes. */
    static final java.time.Duration WEBHOOK_STOP = java.time.Duration.ofSeconds(3);
    /** A spool drain in progress finishes its current append within this (it is interrupted at stop). */
    static final java.time.Duration SPOOL_STOP = java.time.Duration.ofSeconds(2);
    /** How often readiness (the SMTP greeting's 421 and MAIL's 452 4.3.1 decisions) is evaluated. */
    static final java.time.Duration READINESS_PERIOD = java.time.Duration.ofSeconds(1);
    /** A consumer with records pending whose position has not moved for this long is stuck (/readyz fails). */
    static final java.time.Duration CONSUMER_STALL = java.time.Duration.ofMinutes(10);

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (default: built-in defaults)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one key, VALUE read as YAML (repeatable)")
    List<String> sets = new ArrayList<>();

    /** Configuration that cannot be used; its message is the one line to print. */
    static final class ConfigProblem extends RuntimeException {
        ConfigProblem(String message) {
            super(message);
        }
    }

    private final PrintStream err;
    private final Clock clock;
    private final BiFunction<Path, List<String>, Config> configs;
    private final BiFunction<Config, Clock, Journal> journals;
    private final boolean installShutdownHook;
    private final DiskSpace diskSpace;
    private final java.time.Duration readinessPeriod;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile InetSocketAddress address;
    private volatile InetSocketAddress httpAddress;
    private volatile ConfigReload reload; // null before start-up finished and once stopping
    private final java.util.concurrent.atomic.AtomicBoolean reloadQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.ExecutorService reloader =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("config-reload").daemon().factory());

    RunCommand(PrintStream err, Clock clock) {
        this(err, clock, RunCommand::loadConfig, RunCommand::openJournal, true);
    }

    /** For tests: where configuration and journal come from, and whether SIGTERM is hooked. */
    RunCommand(PrintStream err, Clock clock, BiFunction<Path, List<String>, Config> configs,
               BiFunction<Config, Clock, Journal> journals, boolean installShutdownHook) {
        this(err, clock, configs, journals, installShutdownHook, DiskSpace.fileStore(), READINESS_PERIOD);
    }

    /** For tests: also where free disk space comes from and how often readiness is evaluated. */
    RunCommand(PrintStream err, Clock clock, BiFunction<Path, List<String>, Config> configs,
               BiFunction<Config, Clock, Journal> journals, boolean installShutdownHook, DiskSpace diskSpace,
               java.time.Duration readinessPeriod) {
        this.diskSpace = diskSpace;
        this.readinessPeriod = readinessPeriod;
        this.err = err;
        this.clock = clock;
        this.configs = configs;
        this.journals = journals;
        this.installShutdownHook = installShutdownHook;
    }

    /** Defaults, then the file, then the overrides ({@link ConfigLoader}); a problem is one line. */
    static Config loadConfig(Path file, List<String> sets) {
        try {
            return ConfigLoader.load(file, sets);
        } catch (ConfigException e) {
            throw new ConfigProblem(e.getMessage());
        }
    }

    /** The journal under {@code data.dir}/journal, recovered. */
    static Journal openJournal(Config config, Clock clock) {
        try {
            return FileJournal.open(config, clock);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        if (installShutdownHook) Signals.install(this::requestStop, this::reloadFromSignal);
        Config cfg;
        SmtpSettings smtpSettings;
        try {
            cfg = configs.apply(config, sets);
            smtpSettings = SmtpSettings.of(cfg.smtp());
        } catch (ConfigProblem | IllegalArgumentException e) {
            err.println("bouncemx: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        Journal journal;
        try {
            journal = journals.apply(cfg, clock);
        } catch (RuntimeException e) {
            err.println("bouncemx: cannot open the journal: " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
        var limits = Limits.DEFAULT;
        var verifier = new java.util.concurrent.atomic.AtomicReference<>(VerpVerifier.of(cfg.verp(), clock)); // a reload replaces it
        // the campaign report's header is kept from the returned original when it is not one events always carry
        String campaignHeader = cfg.suppression().campaignHeader().toLowerCase(java.util.Locale.ROOT);
        var originals = campaignHeader.equals("feedback-id") || campaignHeader.equals("list-id") ? Originals.standard()
                : new Originals(List.of(cfg.suppression().campaignHeader()), limits);
        var factory = new EventFactory(new Decoder(Dialects.standardOrder(limits), originals, limits),
                Classifier.standard(), limits, verifier::get);
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var journalMeters = new JournalMeters(journal, registry);
        if (journal instanceof FileJournal fj) fj.observe(journalMeters);
        Pipeline pipeline = Pipeline.standard(factory, journalMeters, clock, new PipelineMeters(registry));
        Gauge.builder(MeterNames.JOURNAL_HEALTHY, journal, j -> j.healthy() ? 1 : 0).register(registry);
        Gauge.builder(MeterNames.PIPELINE_QUEUE_DEPTH, pipeline, Pipeline::queued).register(registry);
        Path dataDir = Path.of(cfg.data().dir());
        new DiskMeters(dataDir, dataDir.resolve("journal"), DiskMeters.FreeSpace.FILE_STORE, DiskMeters.TTL,
                System::nanoTime).register(registry, cfg.data().minFreeBytes());
        Gauge.builder(MeterNames.BUILD_INFO, () -> 1).description("1, labelled with the version and the JDK")
                .tag("version", Main.version()).tag("jdk", Runtime.version().toString()).register(registry);
        Webhooks webhooks = webhooks(cfg, journal, registry);
        // each sender registers its own bouncemx.consumer.lag.records{consumer=NAME} (a reload adds and removes them)
        SuppressionState suppression;
        try {
            suppression = suppression(cfg, journal, registry);
        } catch (IllegalStateException e) {
            err.println("bouncemx: " + e.getMessage());
            webhooks.close(WEBHOOK_STOP);
            pipeline.close(PIPELINE_STOP);
            journal.close();
            return Main.EXIT_FAILURE;
        }
        var gcMetrics = bindJvmMetrics(registry);
        var smtpRef = new java.util.concurrent.atomic.AtomicReference<SmtpServer>();
        Readiness readiness = readiness(cfg, journal, webhooks, suppression, smtpRef, registry);
        BiFunction<Config, VerpVerifier, RecipientSignaturePolicy> signatures = (c, v) -> !c.verp().requireSignature()
                ? RecipientSignaturePolicy.NONE
                : new RecipientSignaturePolicy(v, problem -> registry.counter(MeterNames.SMTP_VERP_REFUSED,
                        MeterNames.TAG_PROBLEM, problem).increment());
        SmtpServer smtp;
        try {
            smtp = new SmtpServer(smtpSettings, new MeteredIntake(pipeline, registry), new MessageIds(clock), clock,
                    signatures.apply(cfg, verifier.get()), readiness, new SmtpMeters(registry));
            smtp.start();
            smtpRef.set(smtp);
            Gauge.builder(MeterNames.SMTP_SESSIONS, smtp, SmtpServer::openConnections).description("open SMTP sessions")
                    .register(registry);
            readiness.start(readinessPeriod); // at once: the first connections are greeted, or told why not
        } catch (SmtpServer.ListenException | IllegalArgumentException | IOException e) {
            err.println("bouncemx: " + e.getMessage());
            readiness.close();
            webhooks.close(WEBHOOK_STOP);
            closeSuppression(suppression);
            pipeline.close(PIPELINE_STOP);
            journal.close();
            return Main.EXIT_USAGE;
        }
        address = smtp.address();
        // operators' HTTP endpoint: health, readiness (the same checks, see readiness()), Prometheus metrics
        HttpServer http;
        var apiToken = new java.util.concurrent.atomic.AtomicReference<>(cfg.api().token()); // a reload may change it
        try {
            ListenAddress h = ListenAddress.parse(cfg.http().listen());
            HttpServer.Api api = HttpServer.Api.OFF;
            if (suppression != null && cfg.api().enabled()) {
                SuppressionState state = suppression;
                var service = new SuppressionService(suppression.store(), state::policy, journal,
                        suppression::appliedPosition, clock);
                api = new HttpServer.Api(apiToken::get, service, (SuppressionQueries) suppression.store());
            }
            http = HttpServer.start(h.host(), h.port(), new PrometheusScrape(registry), readiness.checks(), api);
        } catch (IllegalStateException | ConfigException e) {
            err.println("bouncemx: " + e.getMessage());
            readiness.close();
            smtp.stop();
            webhooks.close(WEBHOOK_STOP);
            closeSuppression(suppression);
            pipeline.close(PIPELINE_STOP);
            journal.close();
            return Main.EXIT_USAGE;
        }
        httpAddress = http.address();
        webhooks.start(); // after the journal opened; each sender reads it from its own cursor
        var spool = spoolDrainer(Path.of(cfg.data().dir()).resolve("journal"), journal);
        if (suppression != null) suppression.start(); // likewise, from the position kept in its store
        reload = new ConfigReload(cfg, () -> configs.apply(config, sets), smtp, webhooks, suppression, verifier,
                signatures, apiToken, cfg.api().enabled() && suppression != null, clock, registry);
        log.info("bouncemx listening for SMTP on {}, HTTP on {}", display(address), display(httpAddress));
        listening.countDown();

        Thread hook = installShutdownHook ? new Thread(this::stopFromSignal, "shutdown") : null;
        if (hook != null) Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopRequested.await();
        } finally {
            reload = null;
            reloader.shutdownNow();
            readiness.close(); // first: a stop is not a readiness failure to log (/readyz says 503 from now on)
            Thread webhookStop = Thread.ofPlatform().name("stop-webhooks").start(() -> webhooks.close(WEBHOOK_STOP));
            smtp.stop();
            spool.shutdownNow();
            pipeline.close(PIPELINE_STOP);
            spool.awaitTermination(SPOOL_STOP.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            webhookStop.join(WEBHOOK_STOP.toMillis() + 1000); // bounded: the senders read the journal until they stop
            closeSuppression(suppression); // before the journal: it may be appending a change record
            journal.close();
            http.close();
            gcMetrics.close();
            log.info("bouncemx stopped");
            stopped.countDown();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is what stopped us; it ends the JVM
                }
            }
        }
        return Main.EXIT_OK;
    }

    /**
     * Readiness (/readyz and the SMTP gate): "smtp" (listening and not stopping), "journal" (it can append,
     * {@link Journal#healthy()}), "disk" (free space of data.dir at or above data.min_free_bytes) and "consumers"
     * (no webhook sender ended on an error; the suppression state's thread alive and not stuck for
     * {@link #CONSUMER_STALL} with records pending). Connections it refuses are counted by the SMTP observer, in
     * bouncemx_smtp_connections_refused_total{cause="not_ready"}.
     */
    private Readiness readiness(Config cfg, Journal journal, Webhooks webhooks, SuppressionState suppression,
                                java.util.concurrent.atomic.AtomicReference<SmtpServer> smtp,
                                PrometheusMeterRegistry registry) {
        var reserve = new DiskReserve(diskSpace, Path.of(cfg.data().dir()), cfg.data().minFreeBytes());
        List<ConsumerWatch> watches = suppression == null ? List.of()
                : List.of(new ConsumerWatch("suppression", suppression::alive, suppression::appliedPosition,
                        suppression::pending, CONSUMER_STALL, System::nanoTime));
        List<HttpServer.Check> checks = List.of(
                new HttpServer.Check("smtp", () -> {
                    SmtpServer s = smtp.get();
                    boolean up = s != null && s.listening() && stopRequested.getCount() > 0;
                    return HttpServer.Check.State.of(up, up ? "" : s == null ? "not started" : "stopping");
                }),
                new HttpServer.Check("journal", () -> HttpServer.Check.State.of(journal.healthy(), journal.condition())),
                new HttpServer.Check("disk", reserve::state),
                new HttpServer.Check("consumers", () -> consumers(webhooks, watches)));
        return new Readiness(checks, reserve, watches);
    }

    /** The "consumers" check: the webhook senders and each watched consumer, with their own states. */
    private static HttpServer.Check.State consumers(Webhooks webhooks, List<ConsumerWatch> watches) {
        var details = new java.util.LinkedHashMap<String, Object>();
        boolean sendersOk = webhooks.running();
        boolean ok = sendersOk;
        details.put("webhooks", java.util.Map.of("ok", sendersOk, "senders", webhooks.senders().size()));
        for (ConsumerWatch w : watches) {
            HttpServer.Check.State st = w.state();
            ok &= st.ok();
            var one = new java.util.LinkedHashMap<String, Object>();
            one.put("ok", st.ok());
            one.putAll(st.details());
            details.put(w.name(), one);
        }
        return new HttpServer.Check.State(ok, details);
    }

    /**
     * One sender per configured endpoint, reading the daemon's journal (durable records only) when it is the
     * file journal, else the files under data.dir/journal; retry timer and HTTP callbacks on daemon threads.
     */
    /** The suppression state consumer (null when suppression.enabled is false); its store is data.dir/state/suppression.db. */
    private SuppressionState suppression(Config cfg, Journal journal, MeterRegistry registry) {
        if (!cfg.suppression().enabled()) return null;
        JournalSource source = journal instanceof FileJournal fj ? JournalSource.of(fj)
                : JournalSource.files(Path.of(cfg.data().dir()).resolve("journal"));
        var store = SqliteStore.open(SqliteStore.file(Path.of(cfg.data().dir())));
        var changes = new SuppressionMeters(registry);
        var state = new SuppressionState(store, new SuppressionPolicy(cfg.suppression()),
                new Campaigns(cfg.suppression().campaignHeader()), source::reader, source.lastSeq(), journal, clock,
                changes::changed).rebuildingIn(SqliteStore.rebuildScratch(Path.of(cfg.data().dir())));
        var lastSeq = source.lastSeq();
        Gauge.builder(MeterNames.CONSUMER_LAG, state, s -> Math.max(0, lastSeq.getAsLong() - s.appliedPosition()))
                .tag(MeterNames.TAG_CONSUMER, MeterNames.CONSUMER_SUPPRESSION)
                .description("journal records the consumer has not applied").register(registry);
        return state;
    }

    /**
     * The JVM and process binders: memory, GC, threads, class loading, CPU, uptime, file descriptors. Returns the
     * GC binder, which listens to the JVM until closed.
     */
    private static JvmGcMetrics bindJvmMetrics(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        var gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return gc;
    }

    private static void closeSuppression(SuppressionState s) {
        if (s == null) return;
        s.close();
        s.store().close();
    }

    private Webhooks webhooks(Config cfg, Journal journal, PrometheusMeterRegistry registry) {
        JournalSource source = journal instanceof FileJournal fj ? JournalSource.of(fj)
                : JournalSource.files(Path.of(cfg.data().dir()).resolve("journal"));
        var timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("webhook-timer").daemon().factory());
        timer.setRemoveOnCancelPolicy(true); // request deadlines are cancelled as requests end: do not keep them queued
        var http = Executors.newCachedThreadPool(Thread.ofPlatform().name("webhook-http-", 0).daemon().factory());
        return new Webhooks(cfg, source, Main.version(), clock, registry, timer, http, RandomGenerator.getDefault());
    }

    /**
     * Appends what other processes left in the journal's spool (bouncemx reclassify while the daemon runs,
     * see {@link bouncemx.journal.AppendSpool}), checked once a second on its own thread. Trouble is one WARN
     * per state change; the files stay for the next round.
     */
    private static java.util.concurrent.ScheduledExecutorService spoolDrainer(Path journalDir, Journal journal) {
        var ex = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("journal-spool").daemon().factory());
        var failing = new java.util.concurrent.atomic.AtomicBoolean();
        ex.scheduleWithFixedDelay(() -> {
            try {
                bouncemx.journal.AppendSpool.drain(journalDir, journal);
                if (failing.getAndSet(false)) log.info("journal spool readable again");
            } catch (IOException e) {
                if (!failing.getAndSet(true)) log.warn("cannot drain the journal spool in {}: {}", journalDir, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        return ex;
    }

    /**
     * The shutdown hook, for a JVM shutdown that is not our signal handlers' stop (e.g. a signal that came before
     * they were installed): asks {@link #call} to stop and waits, bounded, for the graceful stop, so the journal is
     * closed cleanly; the exit status is then the JVM's. SIGTERM and SIGINT themselves are handled by
     * {@link Signals}: the stop runs on the main thread, which returns and exits 0.
     */
    private void stopFromSignal() {
        log.info("stop requested by JVM shutdown");
        stopRequested.countDown();
        try {
            stopped.await(TimeoutStop.SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** systemd's TimeoutStopSec (systemd/bouncemx.service): a shutdown hook waits no longer than this. */
    private static final class TimeoutStop {
        static final long SECONDS = 60;
    }

    /** Asks a running {@link #call} to stop gracefully (what SIGTERM and SIGINT do). */
    void requestStop() {
        if (stopRequested.getCount() > 0) log.info("stop requested");
        stopRequested.countDown();
    }

    /** SIGHUP: one reload at a time on its own thread; a signal while one is queued adds nothing. */
    private void reloadFromSignal() {
        if (reload == null) {
            log.info("configuration reload requested while starting or stopping: ignored");
            return;
        }
        if (reloadQueued.compareAndSet(false, true)) {
            try {
                reloader.execute(() -> {
                    reloadQueued.set(false);
                    ConfigReload r = reload;
                    if (r != null) r.reload();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                reloadQueued.set(false);
            }
        }
    }

    /** Reloads the configuration now (what SIGHUP does); true when applied. Only while running. */
    boolean reload() {
        ConfigReload r = reload;
        if (r == null) throw new IllegalStateException("not running");
        return r.reload();
    }

    /** The bound HTTP address once listening (tests). */
    InetSocketAddress httpAddress() {
        return httpAddress;
    }

    /** Waits until the listener is up; the bound address (tests). */
    InetSocketAddress awaitListening() throws InterruptedException {
        listening.await();
        return address;
    }

    private static String display(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
