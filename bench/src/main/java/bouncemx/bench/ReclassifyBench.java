package bouncemx.bench;

import bouncemx.classify.Classifier;
import bouncemx.cli.Main;
import bouncemx.event.Envelope;
import bouncemx.event.Event;
import bouncemx.event.EventFactory;
import bouncemx.event.EventJson;
import bouncemx.journal.FileJournal;
import bouncemx.journal.Storage;
import bouncemx.parse.Decoder;
import bouncemx.parse.Dialects;
import bouncemx.parse.Limits;
import bouncemx.parse.Originals;
import bouncemx.pipeline.JournalEntry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code bouncemx reclassify} speed: a journal of N records (the corpus repeated, each as the daemon writes
 * it; with "stale" every event's reason is rewritten so that every event gets a revision), then
 * {@code reclassify --dry-run} twice (the first warms the JIT) and once for real; messages/s of each, and the
 * process CPU time each took (all threads: on a shared machine, CPU per message is the steadier figure).
 * Usage: ReclassifyBench [N] [stale]
 */
public final class ReclassifyBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        boolean stale = args.length > 1 && args[1].equals("stale");
        List<byte[]> msgs = CorpusMessages.load();
        Path data = Files.createTempDirectory("reclassify-bench");
        try {
            run(n, stale, msgs, data);
        } finally {
            deleteTree(data); // a journal of 120,000 records is ~650 MB: runs must not pile them up in /tmp
        }
    }

    /** The -X options this JVM was started with (the launcher's for reclassify come from .ci/jdk), or "none". */
    private static String jvmOptions() {
        var opts = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X")).toList();
        return opts.isEmpty() ? "none" : String.join(" ", opts);
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static void run(int n, boolean stale, List<byte[]> msgs, Path data) throws Exception {
        var limits = Limits.DEFAULT;
        var factory = new EventFactory(new Decoder(Dialects.standardOrder(limits), Originals.standard(), limits),
                Classifier.standard(), limits);
        var json = new EventJson();
        Clock clock = Clock.systemUTC();
        try (var j = new FileJournal(data.resolve("journal"), 128L << 20, Duration.ofDays(3650), 4096, clock, Storage.files())) {
            List<CompletableFuture<Long>> pending = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] raw = msgs.get(i % msgs.size());
                var env = new Envelope("", List.of("bounces+" + i + "@bounce.example"), "192.0.2.1", "mx.example");
                List<byte[]> events = new ArrayList<>();
                for (Event e : factory.events(raw, env, clock.instant(), clock.instant(), null, null)) {
                    String s = new String(json.toJson(e, null), StandardCharsets.UTF_8);
                    if (stale) s = s.replaceFirst("\"reason\":\"[a-z]+\"", "\"reason\":\"stale\"");
                    events.add(s.getBytes(StandardCharsets.UTF_8));
                }
                pending.add(j.append(new JournalEntry("m" + i, clock.instant(), env, raw, events).encode()));
                if (pending.size() >= 2000) {
                    for (var f : pending) f.get();
                    pending.clear();
                }
            }
            for (var f : pending) f.get();
        }
        System.out.printf("%d cores, %s, JVM options %s, journal of %d records%s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"), jvmOptions(), n, stale ? " (every event stale)" : "");
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (String mode : new String[]{"--dry-run", "--dry-run", "append"}) {
            var out = new ByteArrayOutputStream();
            String[] a = mode.equals("append") ? new String[]{"reclassify", "--data", data.toString()}
                    : new String[]{"reclassify", "--data", data.toString(), "--dry-run"};
            long t0 = System.nanoTime();
            long c0 = os.getProcessCpuTime();
            int code = Main.run(a, new PrintStream(out, true, StandardCharsets.UTF_8), System.err, clock);
            long ms = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
            double cpu = (os.getProcessCpuTime() - c0) / 1e9;
            System.out.printf("%-9s exit %d: %,d messages in %,d ms = %,.0f messages/s; %.2f CPU-s (%.0f us each); load %.1f; %s%n",
                    mode, code, n, ms, n * 1000.0 / ms, cpu, cpu * 1e6 / n, os.getSystemLoadAverage(),
                    out.toString(StandardCharsets.UTF_8).lines().findFirst().orElse(""));
        }
    }
}
