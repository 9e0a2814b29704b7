package bouncemx.cli;

import bouncemx.config.ConfigException;
import bouncemx.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bouncemx check-config --config FILE [--set KEY=VALUE ...]}: loads the configuration exactly as
 * {@code run} would (defaults, file, overrides) and reports. Prints "config ok: FILE" and returns 0, or
 * prints one line "bouncemx: FILE: problem" on stderr and returns 2 (a missing or unreadable file too).
 * Starts nothing, binds nothing. One instance per invocation.
 */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Check a configuration file (and --set overrides) without starting anything.")
final class CheckConfigCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the YAML configuration file")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override one key, VALUE read as YAML (repeatable), e.g. smtp.domains=[bounce.example.com]")
    List<String> sets = new ArrayList<>();

    private final PrintStream out;
    private final PrintStream err;

    CheckConfigCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            ConfigLoader.load(config, sets);
        } catch (ConfigException e) {
            err.println("bouncemx: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        out.println("config ok: " + config);
        return Main.EXIT_OK;
    }
}
