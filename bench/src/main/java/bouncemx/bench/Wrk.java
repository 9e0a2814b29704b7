package bouncemx.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the C load generator wrk (https://github.com/wg/wrk, Debian package {@code wrk}) once with a Lua script that
 * ends by printing one line {@code WRK-RESULT requests=N duration_us=N connect=N read=N write=N status=N timeout=N
 * p50_us=N p90_us=N p99_us=N max_us=N} from its {@code done()} (wrk's summary: {@code status} counts answers with a
 * status of 400 or more; the latencies are wrk's, per request, in microseconds); the script gets the bearer token
 * and the address count as its arguments. wrk's own output is appended to a log file of its own. Not a test.
 */
final class Wrk {
    private static final Pattern RESULT = Pattern.compile("WRK-RESULT requests=(\\d+) duration_us=(\\d+) connect=(\\d+) read=(\\d+)"
            + " write=(\\d+) status=(\\d+) timeout=(\\d+) p50_us=(\\d+) p90_us=(\\d+) p99_us=(\\d+) max_us=(\\d+)");

    private Wrk() {
    }

    /** What one run did; {@code cpuNanos}: wrk's CPU (user and system), sampled every 100 ms while it ran. */
    record Result(long requests, long durationUs, long connect, long read, long write, long status, long timeout,
                  long p50Us, long p90Us, long p99Us, long maxUs, long cpuNanos) {
        long errors() {
            return connect + read + write + status + timeout;
        }
    }

    /**
     * Runs {@code wrk -t THREADS -c CONNECTIONS -d SECONDS --timeout 10s --latency -s SCRIPT URL -- TOKEN ADDRESSES}
     * and waits for it (at most SECONDS + 60 s; it is killed after that).
     *
     * @throws IllegalStateException when wrk does not end well or prints no WRK-RESULT line
     */
    static Result run(String url, String script, int threads, int connections, int seconds, String token, int addresses,
                      Path log) throws IOException, InterruptedException {
        if (script.isEmpty()) throw new IllegalStateException("WRK_SCRIPT is not set (bench/run-suppression-http.sh writes it)");
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t", Integer.toString(threads), "-c", Integer.toString(connections),
                "-d", seconds + "s", "--timeout", "10s", "--latency", "-s", script, url, "--", token, Integer.toString(addresses)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> out = new ArrayList<>();
        Thread reader = Thread.ofPlatform().daemon().name("wrk-out").start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (out) {
                        out.add(line);
                    }
                }
            } catch (IOException e) {
                // the process went away: what was read is what there is
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 60L).toNanos();
        long cpu = 0;
        while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
            cpu = p.info().totalCpuDuration().map(Duration::toNanos).orElse(cpu);
            if (System.nanoTime() > deadline) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("wrk did not end within " + (seconds + 60) + " s");
            }
        }
        reader.join(10_000);
        List<String> lines;
        synchronized (out) {
            lines = List.copyOf(out);
        }
        try (Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            w.write("---- " + String.join(" ", cmd.subList(0, cmd.size() - 2)) + " -- TOKEN " + addresses + "\n");
            for (String l : lines) w.write(l + "\n");
        }
        Matcher m = null;
        for (String l : lines) {
            Matcher x = RESULT.matcher(l);
            if (x.find()) m = x;
        }
        if (p.exitValue() != 0 || m == null) {
            throw new IllegalStateException("wrk exited " + p.exitValue() + (m == null ? " without a WRK-RESULT line" : "") + ": "
                    + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
        }
        long[] v = new long[11];
        for (int i = 0; i < v.length; i++) v[i] = Long.parseLong(m.group(i + 1));
        return new Result(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], cpu);
    }
}
