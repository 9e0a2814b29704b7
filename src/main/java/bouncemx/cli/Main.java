package bouncemx.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;

/**
 * The command line, and the only place that wires objects together. Exit status (DESIGN.md section 4):
 * 0 ok, 2 bad usage or configuration (one line on stderr), 1 runtime failure.
 */
@Command(name = "bouncemx", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "MX daemon for a bounce subdomain: decodes, classifies, journals and forwards bounces.")
public final class Main implements Runnable {

    /**
     * The commands, in the order help lists them. Only the one named on the command line is built: picocli
     * reflects over a command class when it is added (about 0.15 s of CPU for all of them at start-up, with
     * Jackson's ObjectMapper initialised by one of them), which a short {@code classify} run pays for nothing.
     * When the first argument names no command (help, --version, a typo), all are built, so help and errors
     * read as before.
     */
    static final List<Class<?>> COMMANDS = List.of(RunCommand.class, ClassifyCommand.class, CheckConfigCommand.class,
            JournalCommand.class, ReclassifyCommand.class, WebhookCommand.class, VerpCommand.class, SuppressionCommand.class);

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        quietJvm();
        String format = System.getProperty(LOG_FORMAT, System.getenv(LOG_FORMAT));
        if (format != null && !format.equals("text") && !format.equals("json")) {
            System.err.println("bouncemx: " + LOG_FORMAT + " must be text or json, not \"" + format + "\"");
            System.exit(EXIT_USAGE);
        }
        int code = run(args, System.out, System.err, Clock.systemUTC());
        System.exit(code);
    }

    /** The log format switch conf/logback.xml reads (an environment variable or a system property). */
    static final String LOG_FORMAT = "BOUNCEMX_LOG_FORMAT";

    /**
     * No JVM warnings at start on JDK 21-25: Netty's direct buffers use {@code sun.misc.Unsafe}, whose memory
     * methods JDK 24+ warn about (JEP 471/498) unless {@code --sun-misc-unsafe-memory-access=allow}, an option JDK
     * 21-22 refuse. Netty is told not to use Unsafe instead ({@code io.netty.noUnsafe}; set here, before any Netty
     * class loads, unless the command line set it): the HTTP side (health, metrics, the API) moves small bodies, and
     * a loopback comparison showed no slow-down (README "JVM options"). sqlite-jdbc's native library needs native
     * access on JDK 22+: the jar's manifest grants it ({@code Enable-Native-Access: ALL-UNNAMED}).
     */
    static void quietJvm() {
        if (System.getProperty("io.netty.noUnsafe") == null) System.setProperty("io.netty.noUnsafe", "true");
    }

    /** Runs one command line; never calls System.exit, so tests can call it. */
    public static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        var cli = new CommandLine(new Main(), new Factory(out, err, clock));
        Class<?> named = args.length == 0 ? null : COMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(args[0])).findFirst().orElse(null);
        for (Class<?> c : COMMANDS) if (named == null || c == named) cli.addSubcommand(c);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("bouncemx: " + ex.getMessage() + " (see 'bouncemx --help')");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            err.println("bouncemx: " + ex.getMessage());
            return EXIT_FAILURE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: " + String.join(", ", spec.subcommands().keySet()));
    }

    /** Gives commands the streams and clock of this invocation. */
    static final class Factory implements CommandLine.IFactory {
        private final PrintStream out;
        private final PrintStream err;
        private final Clock clock;

        Factory(PrintStream out, PrintStream err, Clock clock) {
            this.out = out;
            this.err = err;
            this.clock = clock;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == ClassifyCommand.class) return cls.cast(new ClassifyCommand(out, err, clock));
            if (cls == CheckConfigCommand.class) return cls.cast(new CheckConfigCommand(out, err));
            if (cls == JournalDumpCommand.class) return cls.cast(new JournalDumpCommand(out, err));
            if (cls == ReclassifyCommand.class) return cls.cast(new ReclassifyCommand(out, err, clock));
            if (cls == RunCommand.class) return cls.cast(new RunCommand(err, clock));
            if (cls == WebhookCommand.Status.class) return cls.cast(new WebhookCommand.Status(out, err, clock));
            if (cls == WebhookCommand.ReplayCommand.class) return cls.cast(new WebhookCommand.ReplayCommand(out, err, clock));
            if (cls == WebhookCommand.Test.class) return cls.cast(new WebhookCommand.Test(out, err, clock));
            if (cls == WebhookCommand.Enable.class) return cls.cast(new WebhookCommand.Enable(out, err, clock));
            if (cls == VerpCommand.Encode.class) return cls.cast(new VerpCommand.Encode(out, err, clock));
            if (cls == VerpCommand.Verify.class) return cls.cast(new VerpCommand.Verify(out, err, clock));
            if (cls == SuppressionCommand.Get.class) return cls.cast(new SuppressionCommand.Get(out, err, clock));
            if (cls == SuppressionCommand.ListChanges.class) return cls.cast(new SuppressionCommand.ListChanges(out, err, clock));
            if (cls == SuppressionCommand.Export.class) return cls.cast(new SuppressionCommand.Export(out, err, clock));
            if (cls == SuppressionCommand.Add.class) return cls.cast(new SuppressionCommand.Add(out, err, clock));
            if (cls == SuppressionCommand.Lift.class) return cls.cast(new SuppressionCommand.Lift(out, err, clock));
            return CommandLine.defaultFactory().create(cls);
        }
    }

    /** Version from the jar manifest (or "dev" when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"bouncemx " + version()};
        }
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
