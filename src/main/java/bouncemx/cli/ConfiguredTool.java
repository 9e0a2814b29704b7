package bouncemx.cli;

import bouncemx.config.Config;
import bouncemx.config.ConfigException;
import bouncemx.config.ConfigLoader;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The base of the commands that read the configuration exactly as {@code run} does ({@code webhook},
 * {@code suppression}, {@code verp}): {@code --config FILE} and {@code --set KEY=VALUE}, the output streams and
 * the clock. A configuration that cannot be used, or a {@link Usage} problem the command throws, is one line on
 * stderr and exit 2 (DESIGN.md section 4). Not thread-safe (one command, one run).
 */
abstract class ConfiguredTool implements Callable<Integer> {

    /** A usage problem: its message is the one line to print, exit 2. */
    static final class Usage extends RuntimeException {
        Usage(String message) {
            super(message);
        }
    }

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (default: built-in defaults)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one key as `run --set` does (repeatable)")
    List<String> sets = new ArrayList<>();

    final PrintStream out;
    final PrintStream err;
    final Clock clock;

    ConfiguredTool(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    @Override
    public final Integer call() throws Exception {
        Config cfg;
        try {
            cfg = ConfigLoader.load(config, sets);
        } catch (ConfigException e) {
            return usage(e.getMessage());
        }
        try {
            return run(cfg);
        } catch (Usage e) {
            return usage(e.getMessage());
        }
    }

    /** The command, with the loaded configuration; its exit status. */
    abstract int run(Config cfg) throws Exception;

    /** Prints {@code problem} as the one line on stderr; exit 2. */
    final int usage(String problem) {
        err.println("bouncemx: " + problem);
        return Main.EXIT_USAGE;
    }
}
