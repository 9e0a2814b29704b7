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
import java.util.concurrent.Callable;

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
    private record Input(Path path, String name, boolean streamed, long size) {}

    /** What one input produced: its output lines, or the one error line about it. */
    private record Output(byte[] lines, String error) {}

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (paths.isEmpty()) paths = List.of("-");
        if (jobs < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1");
        // The decoder's tables are built on a thread of their own while the inputs are listed: at start-up each
        // takes ~0.1-0.3 s (a directory of 30,000 files), and no message can be decoded before both are done.
        var setup = new java.util.concurrent.FutureTask<>(() -> {
            var limits = Limits.DEFAULT;
            var decoder = new bouncemx.parse.Decoder(Dialects.standardOrder(limits), new Originals(extraHeaders, limits), limits);
            return new EventFactory(decoder, Classifier.standard(), limits);
        });
        Thread.ofPlatform().name("classify-setup").daemon(true).start(setup);
        var json = new EventJson();
        boolean failed = false;
        List<Input> inputs = new ArrayList<>();
        for (String p : paths) {
            if (p.equals("-")) {
                inputs.add(new Input(null, "-", true, -1));
                continue;
            }
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                try {
                    inputs.addAll(emlFiles(path));
                } catch (IOException | java.io.UncheckedIOException e) {
                    failed = true;
                    err.println("bouncemx: cannot read directory " + p + ": " + why(e));
                }
            } else {
                inputs.add(new Input(path, p, large(path), -1));
            }
        }
        EventFactory factory;
        try {
            factory = setup.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot build the decoder", e.getCause());
        }
        // Decode in parallel, print in input order: a bounded window of futures, taken in order. Each task is a
        // batch of files or messages (one hand-off and one output buffer per batch, not per message: the main
        // thread's queueing and waking cost ~20 us a message with one task each). A large file (an mbox, or
        // standard input) is read here one message at a time, its messages batched likewise.
        OutputStream sink = new BufferedOutputStream(out, 1 << 16);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "classify");
            t.setDaemon(true);
            return t;
        });
        var window = new Window(pool, 4 * jobs, sink);
        try {
            List<Input> files = new ArrayList<>();
            for (Input in : inputs) {
                if (!in.streamed()) {
                    files.add(in);
                    if (files.size() == BATCH_MESSAGES) files = submitFiles(window, factory, json, files);
                    continue;
                }
                files = submitFiles(window, factory, json, files);
                List<byte[]> batch = new ArrayList<>();
                long bytes = 0;
                try (var reader = new Mbox.Reader(in.path() == null ? System.in : Files.newInputStream(in.path()), STREAM_CHUNK_BYTES)) {
                    for (byte[] m = reader.next(); m != null; m = reader.next()) {
                        batch.add(m);
                        bytes += m.length;
                        if (batch.size() == BATCH_MESSAGES || bytes >= BATCH_BYTES) {
                            batch = submitMessages(window, factory, json, batch, in.name());
                            bytes = 0;
                        }
                    }
                } catch (IOException e) {
                    batch = submitMessages(window, factory, json, batch, in.name());
                    window.add(() -> List.of(new Output(null, "bouncemx: cannot read " + in.name() + ": " + why(e))));
                }
                submitMessages(window, factory, json, batch, in.name());
            }
            submitFiles(window, factory, json, files);
            window.drain(0);
        } finally {
            pool.shutdownNow();
        }
        failed |= window.failed;
        sink.flush();
        return failed ? Main.EXIT_FAILURE : Main.EXIT_OK;
    }

    /**
     * A task's batch: at most this many messages, and (streamed messages) from {@link #BATCH_BYTES} on no more;
     * with the window of 4 batches per thread, at most ~8 MB of streamed messages wait in memory per thread.
     */
    static final int BATCH_MESSAGES = 32;
    static final long BATCH_BYTES = 1 << 20;

    /** Submits the files as one task (when there are any) and returns an empty list for the next batch. */
    private List<Input> submitFiles(Window window, EventFactory factory, EventJson json, List<Input> files)
            throws IOException, InterruptedException {
        if (files.isEmpty()) return files;
        window.add(() -> process(factory, json, files));
        return new ArrayList<>();
    }

    /** Submits streamed messages of {@code source} as one task (when there are any) and returns an empty list for the next batch. */
    private List<byte[]> submitMessages(Window window, EventFactory factory, EventJson json, List<byte[]> messages, String source)
            throws IOException, InterruptedException {
        if (messages.isEmpty()) return messages;
        window.add(() -> decode(factory, json, messages, source));
        return new ArrayList<>();
    }

    /**
     * The *.eml files under {@code dir}, in path order. One stat per entry (the walk's own attributes), and
     * only for names that end in .eml or may be directories.
     */
    private static List<Input> emlFiles(Path dir) throws IOException {
        List<Input> found = new ArrayList<>();
        Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) {
                // a link counts when it leads to a regular file (as Files.isRegularFile says); its size is the target's
                if (!isEml(f)) return java.nio.file.FileVisitResult.CONTINUE;
                if (a.isRegularFile()) found.add(new Input(f, f.toString(), false, a.size()));
                else if (a.isSymbolicLink() && Files.isRegularFile(f)) found.add(new Input(f, f.toString(), false, -1));
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                throw e;
            }
        });
        found.sort(java.util.Comparator.comparing(Input::path));
        return found;
    }

    private static boolean isEml(Path f) {
        String n = f.getFileName().toString();
        return n.regionMatches(true, n.length() - 4, ".eml", 0, 4);
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
        private final java.util.ArrayDeque<java.util.concurrent.Future<List<Output>>> futures = new java.util.ArrayDeque<>();
        boolean failed;

        Window(java.util.concurrent.ExecutorService pool, int size, OutputStream sink) {
            this.pool = pool;
            this.size = size;
            this.sink = sink;
        }

        void add(java.util.concurrent.Callable<List<Output>> task) throws IOException, InterruptedException {
            drain(size - 1);
            futures.add(pool.submit(task));
        }

        /** Writes the oldest outputs until at most {@code left} tasks are in flight. */
        void drain(int left) throws IOException, InterruptedException {
            while (futures.size() > left) {
                for (Output o : take(futures.poll())) {
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
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private static List<Output> take(java.util.concurrent.Future<List<Output>> f) throws InterruptedException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) { // a bug in decoding or writing: say which
            throw new IllegalStateException("classify failed: " + e.getCause(), e.getCause());
        }
    }

    /** Each worker's reader of whole files (it keeps a buffer). */
    private final ThreadLocal<FileBytes> reader = ThreadLocal.withInitial(FileBytes::new);

    /** Reads and decodes a batch of files: their lines in one buffer, split where a file cannot be read. */
    private List<Output> process(EventFactory factory, EventJson json, List<Input> files) {
        List<Output> outputs = new ArrayList<>(1);
        var buf = new java.io.ByteArrayOutputStream(BUFFER_BYTES);
        EventJson.Lines lines = json.lines(buf);
        for (Input in : files) {
            byte[] raw;
            try {
                raw = reader.get().read(in.path(), in.size());
            } catch (IOException e) {
                lines.close();
                if (buf.size() > 0) outputs.add(new Output(buf.toByteArray(), null));
                outputs.add(new Output(null, "bouncemx: cannot read " + in.name() + ": " + why(e)));
                buf.reset();
                lines = json.lines(buf);
                continue;
            }
            write(factory, lines, Mbox.split(raw), in.name());
        }
        lines.close();
        if (buf.size() > 0) outputs.add(new Output(buf.toByteArray(), null));
        return outputs;
    }

    private List<Output> decode(EventFactory factory, EventJson json, List<byte[]> messages, String source) {
        var buf = new java.io.ByteArrayOutputStream(BUFFER_BYTES);
        try (EventJson.Lines lines = json.lines(buf)) {
            write(factory, lines, messages, source);
        }
        return List.of(new Output(buf.toByteArray(), null));
    }

    /** A batch's first output buffer: ~1 KB of JSON per event, 32 messages. */
    private static final int BUFFER_BYTES = 1 << 15;

    private void write(EventFactory factory, EventJson.Lines lines, List<byte[]> messages, String source) {
        for (byte[] message : messages) {
            Instant now = clock.instant();
            for (Event e : factory.events(message, null, now, now, null, null)) lines.write(e, source, true);
        }
    }

    private static String why(Exception e) {
        if (e instanceof NoSuchFileException) return "no such file";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e.getCause() instanceof IOException io && e instanceof java.io.UncheckedIOException) return why(io);
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
