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

    @Override
    public Integer call() throws IOException {
        if (paths.isEmpty()) paths = List.of("-");
        var limits = Limits.DEFAULT;
        var decoder = new bouncemx.parse.Decoder(Dialects.standardOrder(limits), new Originals(extraHeaders, limits), limits);
        var factory = new EventFactory(decoder, Classifier.standard(), limits);
        var json = new EventJson();
        boolean failed = false;
        OutputStream sink = new BufferedOutputStream(out, 1 << 16);
        for (String p : paths) {
            if (p.equals("-")) {
                emit(factory, json, System.in.readAllBytes(), "-", sink);
                continue;
            }
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(path)) {
                    files = s.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".eml"))
                            .sorted().toList();
                } catch (IOException | java.io.UncheckedIOException e) {
                    failed = true;
                    err.println("bouncemx: cannot read directory " + p + ": " + why(e));
                    continue;
                }
                for (Path f : files) failed |= !emitFile(factory, json, f, f.toString(), sink);
            } else {
                failed |= !emitFile(factory, json, path, p, sink);
            }
        }
        sink.flush();
        return failed ? Main.EXIT_FAILURE : Main.EXIT_OK;
    }

    private boolean emitFile(EventFactory factory, EventJson json, Path f, String name, OutputStream sink) throws IOException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(f);
        } catch (IOException e) {
            sink.flush();
            err.println("bouncemx: cannot read " + name + ": " + why(e));
            return false;
        }
        emit(factory, json, raw, name, sink);
        return true;
    }

    private void emit(EventFactory factory, EventJson json, byte[] raw, String source, OutputStream sink) throws IOException {
        for (byte[] message : bouncemx.parse.Mbox.split(raw)) {
            Instant now = clock.instant();
            for (Event e : factory.events(message, null, now, now, null, null)) {
                json.write(e, source, sink);
                sink.write('\n');
            }
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
