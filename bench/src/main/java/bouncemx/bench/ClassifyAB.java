package bouncemx.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The classifier alone (or, with {@code -Dbouncemx.bench.stage=engine}, the whole engine: decode and classify),
 * two or more builds in one JVM: each build's {@link ClassifyPass} in its own class loader,
 * passes taken in turn (A B, B A, ...: who goes first rotates), the thread's CPU time summed per build after the
 * warm-up passes. Interleaving pass by pass puts the machine's drift (up to 2x within an hour on these shared
 * machines) on every build alike, which separate runs do not. Usage: ClassifyAB EML_DIR PASSES WARM PASS_CLASSES
 * BUILD... where each BUILD is a class path (a tree's classes and its dependencies, or the shaded jar).
 */
public final class ClassifyAB {
    private ClassifyAB() {}

    public static void main(String[] args) throws Exception {
        Path eml = Path.of(args[0]);
        int passes = Integer.parseInt(args[1]);
        int warm = Integer.parseInt(args[2]);
        URL passClasses = Path.of(args[3]).toUri().toURL();
        System.setProperty("bouncemx.bench.eml", eml.toString());
        long messages;
        try (var files = Files.list(eml)) { messages = files.count(); }
        int builds = args.length - 4;
        LongSupplier[] pass = new LongSupplier[builds];
        for (int b = 0; b < builds; b++) {
            List<URL> urls = new ArrayList<>(List.of(passClasses));
            for (String p : args[4 + b].split(":")) if (!p.isEmpty()) urls.add(Path.of(p).toUri().toURL());
            var loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            pass[b] = (LongSupplier) loader.loadClass("bouncemx.bench.ClassifyPass").getConstructor().newInstance();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] cpuNanos = new long[builds];
        long[] sums = new long[builds];
        int measured = 0;
        for (int p = 0; p < passes; p++) {
            for (int k = 0; k < builds; k++) {
                int b = (k + p) % builds;
                long c0 = threads.getCurrentThreadCpuTime();
                sums[b] += pass[b].getAsLong();
                long c1 = threads.getCurrentThreadCpuTime();
                if (p >= warm) cpuNanos[b] += c1 - c0;
            }
            if (p >= warm) measured++;
        }
        System.out.printf("%d messages, %d passes (%d measured), %s, %d cores%n", messages, passes, measured,
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors());
        for (int b = 0; b < builds; b++) {
            System.out.printf("build %d: %s CPU %.2f us/msg (%.2f of build 0)  [rules' hash sum %d]  %s%n",
                    b, "engine".equals(System.getProperty("bouncemx.bench.stage")) ? "decode + classify" : "Classifier.classify",
                    cpuNanos[b] / 1e3 / measured / messages, (double) cpuNanos[b] / cpuNanos[0], sums[b],
                    args[4 + b].split(":")[0]);
        }
    }
}
