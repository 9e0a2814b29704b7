package bouncemx.cli;

import bouncemx.config.Config;
import bouncemx.config.ListenAddress;
import bouncemx.journal.FileJournal;
import bouncemx.state.AddressState;
import bouncemx.state.SqliteStore;
import bouncemx.state.SuppressionPolicy;
import bouncemx.state.SuppressionService;
import bouncemx.state.SuppressionState;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code bouncemx suppression get | list | export | add | lift}: the suppression state of a data directory
 * ({@code DIR/state/suppression.db}), safe while the daemon runs: reads go to the store directly (SQLite WAL lets
 * another process read); writes go through the journal like the API's: when no daemon holds the journal the
 * command appends the {@code suppression.changed} record itself and brings the store up to date; when the daemon
 * runs, it asks the daemon's API ({@code http.listen}, {@code api.token} of the same configuration). Output: one JSON
 * object per address as the API shows it (DESIGN.md section 6); {@code export} writes the API's CSV. Exit status:
 * 0 ok; 2 bad usage or configuration, or no store yet; 1 runtime failure.
 */
@Command(name = "suppression", mixinStandardHelpOptions = true,
        description = "Suppression state: get, list, export, add, lift.",
        subcommands = {SuppressionCommand.Get.class, SuppressionCommand.ListChanges.class, SuppressionCommand.Export.class,
                SuppressionCommand.Add.class, SuppressionCommand.Lift.class})
final class SuppressionCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a suppression command is required: " + String.join(", ", spec.subcommands().keySet()));
    }

    abstract static class Tool extends ConfiguredTool {
        @Option(names = "--data", paramLabel = "DIR", description = "the data directory (default: data.dir of the configuration)")
        Path data;

        Config cfg;

        Tool(PrintStream out, PrintStream err, Clock clock) {
            super(out, err, clock);
        }

        @Override
        final int run(Config loaded) throws Exception {
            cfg = loaded;
            try {
                return run();
            } catch (IllegalArgumentException e) {
                return usage(e.getMessage());
            }
        }

        abstract int run() throws Exception;

        Path dataDir() {
            return data != null ? data : Path.of(cfg.data().dir());
        }

        SuppressionPolicy policy() {
            return new SuppressionPolicy(cfg.suppression());
        }

        /** The existing store (a usage error when there is none yet). */
        SqliteStore store() {
            Path file = SqliteStore.file(dataDir());
            if (!Files.exists(file)) throw new Usage("no suppression state in " + dataDir() + " (run the daemon first)");
            return SqliteStore.open(file);
        }

        String json(SuppressionService.View v) {
            return v.json().toString();
        }

        SuppressionService.View view(SqliteStore store, AddressState s) {
            return new SuppressionService(store, policy(), null, () -> Long.MAX_VALUE, clock).view(s);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "One address's suppression, as JSON.")
    static final class Get extends Tool {
        @Parameters(paramLabel = "ADDRESS")
        String address;

        Get(PrintStream out, PrintStream err, Clock clock) {
            super(out, err, clock);
        }

        @Override
        int run() {
            try (SqliteStore store = store()) {
                out.println(json(new SuppressionService(store, policy(), null, () -> Long.MAX_VALUE, clock).lookup(address)));
            }
            return Main.EXIT_OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Addresses whose suppression changed since T, in time order, one JSON line each.")
    static final class ListChanges extends Tool {
        @Option(names = "--since", paramLabel = "T", description = "ISO-8601 time (default: the beginning)")
        String since = "1970-01-01T00:00:00Z";

        ListChanges(PrintStream out, PrintStream err, Clock clock) {
            super(out, err, clock);
        }

        @Override
        int run() {
            Instant t;
            try {
                t = Instant.parse(since);
            } catch (DateTimeException e) {
                throw new Usage("--since " + since + ": not an ISO-8601 time such as 2026-12-01T00:00:00Z");
            }
            try (SqliteStore store = store()) {
                Instant afterTime = null;
                String afterAddress = null;
                while (true) {
                    List<AddressState> page = store.changedSince(t, afterTime, afterAddress, 1000);
                    for (AddressState s : page) out.println(json(view(store, s)));
                    if (page.size() < 1000) break;
                    afterTime = page.getLast().updatedAt();
                    afterAddress = page.getLast().address();
                }
            }
            return Main.EXIT_OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Every known address as CSV (as GET /api/v1/suppressions.csv).")
    static final class Export extends Tool {
        @Option(names = "--csv", description = "CSV output (the only format; accepted for clarity)")
        boolean csv;

        Export(PrintStream out, PrintStream err, Clock clock) {
            super(out, err, clock);
        }

        @Override
        int run() {
            try (SqliteStore store = store()) {
                out.print("address,suppressed,cause,soft_bounces,updated_at\r\n");
                store.forEach(s -> {
                    var v = view(store, s);
                    out.print(v.address() + "," + v.suppressed() + "," + (v.cause() == null ? "" : v.cause()) + ","
                            + v.softBounces() + "," + (v.updatedAt() == null ? "" : v.updatedAt().toString()) + "\r\n");
                });
                out.flush();
            }
            return Main.EXIT_OK;
        }
    }

    /** add and lift: through the journal, or through the running daemon's API. */
    abstract static class Write extends Tool {
        @Parameters(paramLabel = "ADDRESS")
        String address;

        Write(PrintStream out, PrintStream err, Clock clock) {
            super(out, err, clock);
        }

        abstract boolean suppress();

        @Override
        int run() throws Exception {
            String a = SuppressionService.normalize(address);
            FileJournal journal;
            try {
                // one record: no preallocated zeros (journal.preallocate_bytes is for the daemon's steady appends)
                var j = cfg.journal();
                journal = FileJournal.open(dataDir().resolve("journal"), new Config.Journal(j.segmentBytes(), j.retention(), 0), clock);
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("already open")) return viaDaemon(a);
                err.println("bouncemx: cannot open the journal: " + e.getMessage());
                return Main.EXIT_FAILURE;
            }
            try (SqliteStore store = SqliteStore.open(SqliteStore.file(dataDir()))) {
                var policy = policy();
                var service = new SuppressionService(store, policy, journal, () -> Long.MAX_VALUE, clock);
                if (suppress()) service.add(a, ""); else service.lift(a);
                new SuppressionState(store, policy, journal::reader, journal::lastSeq, journal, clock)
                        .rebuildingIn(SqliteStore.rebuildScratch(dataDir())).catchUp();
                out.println(json(service.lookup(a)));
                return Main.EXIT_OK;
            } finally {
                journal.close();
            }
        }

        private int viaDaemon(String a) throws Exception {
            if (!cfg.api().enabled()) {
                throw new Usage("the daemon holds the journal; set api.token (the daemon's) so this command can ask its API");
            }
            ListenAddress h = ListenAddress.parse(cfg.http().listen());
            String base = "http://" + (h.host().contains(":") ? "[" + h.host() + "]" : h.host()) + ":" + h.port() + "/api/v1/suppressions";
            var b = suppress()
                    ? HttpRequest.newBuilder(URI.create(base)).POST(HttpRequest.BodyPublishers.ofString(
                    JSON.createObjectNode().put("address", a).toString()))
                    : HttpRequest.newBuilder(URI.create(base + "/" + URLEncoder.encode(a, StandardCharsets.UTF_8))).DELETE();
            var req = b.header("Authorization", "Bearer " + cfg.api().token()).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).build();
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    err.println("bouncemx: the daemon's API answered " + r.statusCode() + ": " + r.body());
                    return Main.EXIT_FAILURE;
                }
                out.println(r.body());
                return Main.EXIT_OK;
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Suppress an address (cause manual).")
    static final class Add extends Write {
        Add(PrintStream out, PrintStream err, Clock clock) {
            super(out, err, clock);
        }

        @Override
        boolean suppress() {
            return true;
        }
    }

    @Command(name = "lift", mixinStandardHelpOptions = true, description = "Lift an address's suppression and reset its count (cause manual_lift).")
    static final class Lift extends Write {
        Lift(PrintStream out, PrintStream err, Clock clock) {
            super(out, err, clock);
        }

        @Override
        boolean suppress() {
            return false;
        }
    }
}
