package bouncemx.cli;

import bouncemx.classify.Classifier;
import bouncemx.event.Event;
import bouncemx.event.EventFactory;
import bouncemx.event.EventJson;
import bouncemx.parse.Dialects;
import bouncemx.parse.Limits;
import bouncemx.parse.Originals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code bouncemx classify PATH...}: decodes and classifies files offline and prints one event JSON line
 * per result, with a top-level "source" naming the file ("-" for standard input). Directories are walked
 * for *.eml files in name order. An unreadable path gets one line on stderr; the others are still
 * processed and the exit status is then 1.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Decode and classify bounce messages (.eml or mbox files, directories of .eml files, or - for stdin); print one event JSON per line.")
final class ClassifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", description = "files, directories (searched for *.eml), or - for standard input")
    List<String> paths = new ArrayList<>();

    @Option(names = "--extra-header", paramLabel = "NAME",
            description = "also report this header of the returned original (repeatable)")
    List<String> extraHeaders = new ArrayList<>();

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    ClassifyCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    @Option(names = "--jobs", paramLabel = "N", description = "messages decoded in parallel (default: the number of cores)")
    int jobs = Runtime.getRuntime().availableProcessors();

    /** One input: a file, or standard input when {@code path} is null. */
    private record Input(Path path, String name) {}

    /** What one input produced: its output lines, or the one error line about it. */
    private record Output(byte[] lines, String error) {}

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (paths.isEmpty()) paths = List.of("-");
        if (jobs < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1");
        var limits = Limits.DEFAULT;
        var decoder = new bouncemx.parse.Decoder(Dialects.standardOrder(limits), new Originals(extraHeaders, limits), limits);
        var factory = new EventFactory(decoder, Classifier.standard(), limits);
        var json = new EventJson();
        boolean failed = false;
        List<Input> inputs = new ArrayList<>();
        for (String p : paths) {
            if (p.equals("-")) {
                inputs.add(new Input(null, "-"));
                continue;
            }
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                try (Stream<Path> s = Files.walk(path)) {
                    s.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".eml"))
                            .sorted().forEach(f -> inputs.add(new Input(f, f.toString())));
                } catch (IOException | java.io.UncheckedIOException e) {
                    failed = true;
                    err.println("bouncemx: cannot read directory " + p + ": " + why(e));
                }
            } else {
                inputs.add(new Input(path, p));
            }
        }
        // Decode in parallel, print in input order: a bounded window of futures, taken in order.
        OutputStream sink = new BufferedOutputStream(out, 1 << 16);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "classify");
            t.setDaemon(true);
            return t;
        });
        try {
            var window = new java.util.ArrayDeque<java.util.concurrent.Future<Output>>();
            int next = 0;
            while (next < inputs.size() || !window.isEmpty()) {
                while (next < inputs.size() && window.size() < 4 * jobs) {
                    Input in = inputs.get(next++);
                    window.add(pool.submit(() -> process(factory, json, in)));
                }
                Output o = take(window.poll());
                if (o.error() != null) {
                    sink.flush();
                    err.println(o.error());
                    failed = true;
                } else {
                    sink.write(o.lines());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        sink.flush();
        return failed ? Main.EXIT_FAILURE : Main.EXIT_OK;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private static Output take(java.util.concurrent.Future<Output> f) throws InterruptedException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) { // a bug in decoding or writing: say which
            throw new IllegalStateException("classify failed: " + e.getCause(), e.getCause());
        }
    }

    private Output process(EventFactory factory, EventJson json, Input in) {
        byte[] raw;
        try {
            raw = in.path() == null ? System.in.readAllBytes() : Files.readAllBytes(in.path());
        } catch (IOException e) {
            return new Output(null, "bouncemx: cannot read " + in.name() + ": " + why(e));
        }
        var buf = new java.io.ByteArrayOutputStream(2048);
        try (EventJson.Lines lines = json.lines(buf)) {
            for (byte[] message : bouncemx.parse.Mbox.split(raw)) {
                Instant now = clock.instant();
                for (Event e : factory.events(message, null, now, now, null, null)) lines.write(e, in.name(), true);
            }
        }
        return new Output(buf.toByteArray(), null);
    }

    private static String why(Exception e) {
        if (e instanceof NoSuchFileException) return "no such file";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e.getCause() instanceof IOException io && e instanceof java.io.UncheckedIOException) return why(io);
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
