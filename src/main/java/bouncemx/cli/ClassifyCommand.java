package bouncemx.cli;

import bouncemx.classify.Classifier;
import bouncemx.event.Event;
import bouncemx.event.EventFactory;
import bouncemx.event.EventJson;
import bouncemx.parse.Dialects;
import bouncemx.parse.Limits;
import bouncemx.parse.Mbox;
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

    /**
     * One input: a file, or standard input when {@code path} is null; {@code streamed} when it is read here
     * as a stream of messages (standard input, and files named on the command line from
     * {@link #STREAM_FROM_BYTES} on), else a worker reads it whole.
     */
    private record Input(Path path, String name, boolean streamed) {}

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
                inputs.add(new Input(null, "-", true));
                continue;
            }
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                try (Stream<Path> s = Files.walk(path)) {
                    s.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".eml"))
                            .sorted().forEach(f -> inputs.add(new Input(f, f.toString(), false)));
                } catch (IOException | java.io.UncheckedIOException e) {
                    failed = true;
                    err.println("bouncemx: cannot read directory " + p + ": " + why(e));
                }
            } else {
                inputs.add(new Input(path, p, large(path)));
            }
        }
        // Decode in parallel, print in input order: a bounded window of futures, taken in order. A large file
        // (an mbox, or standard input) is read here one message at a time, each message a task of its own.
        OutputStream sink = new BufferedOutputStream(out, 1 << 16);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "classify");
            t.setDaemon(true);
            return t;
        });
        var window = new Window(pool, 4 * jobs, sink);
        try {
            for (Input in : inputs) {
                if (in.streamed()) {
                    try (var reader = new Mbox.Reader(in.path() == null ? System.in : Files.newInputStream(in.path()), STREAM_CHUNK_BYTES)) {
                        for (byte[] m = reader.next(); m != null; m = reader.next()) {
                            byte[] message = m;
                            window.add(() -> decode(factory, json, List.of(message), in.name()));
                        }
                    } catch (IOException e) {
                        window.add(() -> new Output(null, "bouncemx: cannot read " + in.name() + ": " + why(e)));
                    }
                } else {
                    window.add(() -> process(factory, json, in));
                }
            }
            window.drain(0);
        } finally {
            pool.shutdownNow();
        }
        failed |= window.failed;
        sink.flush();
        return failed ? Main.EXIT_FAILURE : Main.EXIT_OK;
    }

    /** Files from this size on are read as a stream of messages (an mbox), each message decoded on its own. */
    static final long STREAM_FROM_BYTES = 1 << 20;
    private static final int STREAM_CHUNK_BYTES = 1 << 20;

    private static boolean large(Path p) {
        try {
            return Files.size(p) >= STREAM_FROM_BYTES;
        } catch (IOException e) {
            return false; // the worker reports why it cannot be read
        }
    }

    /** Tasks in flight, at most {@code size}; their outputs are written in the order the tasks were added. */
    private final class Window {
        private final java.util.concurrent.ExecutorService pool;
        private final int size;
        private final OutputStream sink;
        private final java.util.ArrayDeque<java.util.concurrent.Future<Output>> futures = new java.util.ArrayDeque<>();
        boolean failed;

        Window(java.util.concurrent.ExecutorService pool, int size, OutputStream sink) {
            this.pool = pool;
            this.size = size;
            this.sink = sink;
        }

        void add(java.util.concurrent.Callable<Output> task) throws IOException, InterruptedException {
            drain(size - 1);
            futures.add(pool.submit(task));
        }

        /** Writes the oldest outputs until at most {@code left} tasks are in flight. */
        void drain(int left) throws IOException, InterruptedException {
            while (futures.size() > left) {
                Output o = take(futures.poll());
                if (o.error() != null) {
                    sink.flush();
                    err.println(o.error());
                    failed = true;
                } else {
                    sink.write(o.lines());
                }
            }
        }
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
            raw = Files.readAllBytes(in.path());
        } catch (IOException e) {
            return new Output(null, "bouncemx: cannot read " + in.name() + ": " + why(e));
        }
        return decode(factory, json, Mbox.split(raw), in.name());
    }

    private Output decode(EventFactory factory, EventJson json, List<byte[]> messages, String source) {
        var buf = new java.io.ByteArrayOutputStream(2048);
        try (EventJson.Lines lines = json.lines(buf)) {
            for (byte[] message : messages) {
                Instant now = clock.instant();
                for (Event e : factory.events(message, null, now, now, null, null)) lines.write(e, source, true);
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
