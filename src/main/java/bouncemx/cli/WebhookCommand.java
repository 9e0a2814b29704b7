package bouncemx.cli;

import bouncemx.config.Config;
import bouncemx.journal.Cursor;
import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;
import bouncemx.webhook.EndpointClient;
import bouncemx.webhook.EndpointStore;
import bouncemx.webhook.JournalSource;
import bouncemx.webhook.Replay;
import bouncemx.webhook.WebhookSender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.random.RandomGenerator;

/**
 * {@code bouncemx webhook status | replay | test | enable}: the webhook endpoints of a configuration, seen
 * and handled from the command line, safe while the daemon runs (they read the journal files, and change
 * only what one create, rename or delete changes: the disabled mark, dead-letter files). Each takes
 * {@code --config FILE} and {@code --set KEY=VALUE} as {@code run} does (the endpoints; the built-in defaults
 * have none) and {@code --data DIR} (default: the configuration's data.dir). Exit status as DESIGN.md section 4: 0 ok; 2 bad usage, a bad
 * configuration or an unknown endpoint (one line on stderr); 1 when something could not be delivered or read.
 */
@Command(name = "webhook", mixinStandardHelpOptions = true, description = "Webhook endpoints: status, replay, test, enable.",
        subcommands = {WebhookCommand.Status.class, WebhookCommand.ReplayCommand.class, WebhookCommand.Test.class,
                WebhookCommand.Enable.class})
final class WebhookCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a webhook command is required: " + String.join(", ", spec.subcommands().keySet()));
    }

    /** What every webhook command shares: the configuration, --data. */
    abstract static class Tool extends ConfiguredTool {
        @Option(names = "--data", paramLabel = "DIR", description = "the data directory (default: data.dir of the configuration)")
        Path data;

        Tool(PrintStream out, PrintStream err, Clock clock) {
            super(out, err, clock);
        }

        @Override
        final int run(Config cfg) throws Exception {
            return run(cfg, data != null ? data : Path.of(cfg.data().dir()));
        }

        abstract int run(Config cfg, Path dataDir) throws Exception;

        static Config.Webhook endpoint(Config cfg, String name) {
            for (Config.Webhook w : cfg.webhooks()) if (w.name().equals(name)) return w;
            List<String> names = cfg.webhooks().stream().map(Config.Webhook::name).toList();
            throw new Usage("no webhook endpoint named \"" + name + "\" in the configuration"
                    + (names.isEmpty() ? " (it has none; give --config FILE)" : " (it has: " + String.join(", ", names) + ")"));
        }

        /** Runs {@code work} with a client for {@code endpoint} (its HTTP threads stop afterwards). */
        <T> T withClient(Config.Webhook endpoint, ClientWork<T> work) throws Exception {
            ExecutorService http = Executors.newCachedThreadPool(Thread.ofPlatform().name("webhook-http-", 0).daemon().factory());
            var timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("webhook-timer").daemon().factory());
            timer.setRemoveOnCancelPolicy(true);
            try (var client = EndpointClient.of(endpoint, http, timer, Main.version(), clock, new SimpleMeterRegistry())) {
                return work.run(client, timer);
            } finally {
                http.shutdownNow();
                timer.shutdownNow();
            }
        }

        interface ClientWork<T> {
            T run(EndpointClient client, java.util.concurrent.ScheduledExecutorService timer) throws Exception;
        }
    }

    /**
     * {@code webhook status}: one JSON line per endpoint: {@code endpoint}, {@code cursor} (last acknowledged
     * journal sequence number), {@code last_seq} (of the journal), {@code backlog} (records behind),
     * {@code oldest_pending_age_seconds} (age of the first record not acknowledged; 0 when caught up),
     * {@code dead_letters}, {@code disabled} (true while a 410 Gone keeps it disabled).
     */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Print each endpoint's cursor, backlog, dead letters and state.")
    static final class Status extends Tool {
        Status(PrintStream out, PrintStream err, Clock clock) {
            super(out, err, clock);
        }

        @Override
        int run(Config cfg, Path dataDir) throws IOException {
            if (cfg.webhooks().isEmpty()) {
                // nothing to report is not an error, but an empty answer would look like one
                err.println("bouncemx: no webhook endpoints configured (key webhooks)");
                return Main.EXIT_OK;
            }
            var mapper = new ObjectMapper();
            Path journal = dataDir.resolve("journal");
            if (!java.nio.file.Files.isDirectory(journal)) {
                err.println("bouncemx: no journal at " + journal);
                return Main.EXIT_USAGE;
            }
            long last = JournalSource.files(journal).lastSeq().getAsLong();
            for (Config.Webhook w : cfg.webhooks()) {
                long cursor = Cursor.open(dataDir, EndpointStore.cursorName(w.name())).position();
                var store = new EndpointStore(dataDir, w.name());
                long age = 0;
                if (cursor < last) {
                    try (var r = new JournalReader(journal, cursor + 1)) {
                        Optional<Instant> t = r.next().map(JournalRecord::timestamp);
                        if (t.isPresent()) age = Math.max(0, Duration.between(t.get(), clock.instant()).toSeconds());
                    }
                }
                ObjectNode line = mapper.createObjectNode();
                line.put("endpoint", w.name());
                line.put("cursor", cursor);
                line.put("last_seq", last);
                line.put("backlog", Math.max(0, last - cursor));
                line.put("oldest_pending_age_seconds", age);
                line.put("dead_letters", store.deadLetterCount());
                line.put("disabled", store.disabledFingerprint().map(WebhookSender.fingerprint(w)::equals).orElse(false));
                out.println(mapper.writeValueAsString(line));
            }
            return Main.EXIT_OK;
        }
    }

    /**
     * {@code webhook replay --endpoint NAME (--from SEQ [--to SEQ] | --dead-letter)}: sends again, with the
     * original ids; prints "replayed N events: D delivered, F failed" and one line per failure on stderr;
     * exit 1 when any failed.
     */
    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Send events again with their original ids: a journal range, or the dead-letter list.")
    static final class ReplayCommand extends Tool {
        @Option(names = "--endpoint", required = true, paramLabel = "NAME", description = "the endpoint's configured name")
        String endpoint;

        @Option(names = "--from", paramLabel = "SEQ", description = "first journal sequence number to send")
        Long from;

        @Option(names = "--to", paramLabel = "SEQ", description = "last journal sequence number to send (default: the last one)")
        Long to;

        @Option(names = "--dead-letter", description = "send the endpoint's dead letters (each leaves the list once delivered)")
        boolean deadLetter;

        ReplayCommand(PrintStream out, PrintStream err, Clock clock) {
            super(out, err, clock);
        }

        @Override
        int run(Config cfg, Path dataDir) throws Exception {
            Config.Webhook w = endpoint(cfg, endpoint);
            if (deadLetter == (from != null)) throw new Usage("replay needs either --from SEQ [--to SEQ] or --dead-letter");
            if (deadLetter && to != null) throw new Usage("--to goes with --from, not with --dead-letter");
            if (from != null && from < 1) throw new Usage("--from must be at least 1");
            if (to != null && to < from) throw new Usage("--to " + to + " is before --from " + from);
            Replay.Summary s = withClient(w, (client, timer) -> {
                var replay = new Replay(client, clock, timer, RandomGenerator.getDefault());
                if (deadLetter) return replay.deadLetters(new EndpointStore(dataDir, w.name()));
                try (var reader = new JournalReader(dataDir.resolve("journal"), from)) {
                    return replay.range(reader, to == null ? Long.MAX_VALUE : to);
                }
            });
            for (String f : s.failures()) err.println("bouncemx: not delivered: " + f);
            out.println("replayed " + s.sent() + " events: " + s.delivered() + " delivered, " + s.failures().size() + " failed");
            return s.failures().isEmpty() ? Main.EXIT_OK : Main.EXIT_FAILURE;
        }
    }

    /**
     * {@code webhook test --endpoint NAME}: sends one sample event of every type (ids {@code test_TYPE_MILLIS},
     * {@code "test": true} in data, journal_seq 0) and prints each answer, one line each; exit 1 unless all
     * were answered 2xx.
     */
    @Command(name = "test", mixinStandardHelpOptions = true, description = "Send one sample event of every type and print each answer.")
    static final class Test extends Tool {
        @Option(names = "--endpoint", required = true, paramLabel = "NAME", description = "the endpoint's configured name")
        String endpoint;

        Test(PrintStream out, PrintStream err, Clock clock) {
            super(out, err, clock);
        }

        @Override
        int run(Config cfg, Path dataDir) throws Exception {
            Config.Webhook w = endpoint(cfg, endpoint);
            var mapper = new ObjectMapper();
            Instant now = clock.instant();
            return withClient(w, (client, timer) -> {
                boolean allOk = true;
                for (String type : Config.Webhook.ALL_TYPES) {
                    ObjectNode event = mapper.createObjectNode();
                    event.put("type", type);
                    event.put("timestamp", now.toString());
                    ObjectNode d = event.putObject("data");
                    String id = "test_" + type.replace('.', '_') + "_" + now.toEpochMilli();
                    d.put("id", id);
                    d.put("journal_seq", 0);
                    d.put("received_at", now.toString());
                    d.put("test", true);
                    if (type.equals("suppression.changed")) {
                        d.putObject("suppression").put("address", "user@example.com").put("suppressed", true).put("cause", "manual");
                    } else {
                        d.putObject("recipient").put("address", "user@example.com").put("source", "dsn");
                    }
                    long t0 = System.nanoTime();
                    var answer = client.post(id, mapper.writeValueAsString(event).getBytes(StandardCharsets.UTF_8)).join();
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    switch (answer) {
                        case bouncemx.webhook.Answer.Replied r -> {
                            boolean ok = r.status() >= 200 && r.status() < 300;
                            allOk &= ok;
                            out.println(type + ": " + r.status() + " in " + ms + " ms" + (r.excerpt().isBlank() ? "" : ": " + oneLine(r.excerpt())));
                        }
                        case bouncemx.webhook.Answer.Failed f -> {
                            allOk = false;
                            out.println(type + ": no answer: " + f.why());
                        }
                    }
                }
                return allOk ? Main.EXIT_OK : Main.EXIT_FAILURE;
            });
        }

        private static String oneLine(String s) {
            return s.strip().replaceAll("\\s+", " ");
        }
    }

    /** {@code webhook enable --endpoint NAME}: lifts a disable by 410 Gone (a running daemon resumes within a second). */
    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable an endpoint that a 410 Gone disabled.")
    static final class Enable extends Tool {
        @Option(names = "--endpoint", required = true, paramLabel = "NAME", description = "the endpoint's configured name")
        String endpoint;

        Enable(PrintStream out, PrintStream err, Clock clock) {
            super(out, err, clock);
        }

        @Override
        int run(Config cfg, Path dataDir) throws IOException {
            Config.Webhook w = endpoint(cfg, endpoint);
            boolean was = new EndpointStore(dataDir, w.name()).enable();
            out.println(was ? "webhook " + w.name() + " enabled" : "webhook " + w.name() + " was not disabled");
            return Main.EXIT_OK;
        }
    }

}
