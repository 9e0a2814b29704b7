package bouncemx.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real daemon in a forked JVM: {@code java JVM_OPTIONS -jar target/bouncemx.jar run} (the jar failsafe
 * names in {@code bouncemx.jar}), SMTP and HTTP on loopback port 0 and {@code data.dir} set, then the test's
 * own {@code --set KEY=VALUE} overrides (later ones win). Its ports are read from the INFO line
 * {@code bouncemx listening for SMTP on HOST:PORT, HTTP on HOST:PORT}; every line it writes (stdout and
 * stderr together) is kept. {@link #start} throws an AssertionError with the whole output when the daemon
 * ends or says nothing within 60 s (an unknown configuration key is such a case). {@link #stop} is SIGTERM
 * and reports the exit code and how long the stop took; {@link #kill} is SIGKILL; {@link #close} kills a
 * daemon still running, so a try-with-resources never leaves one behind. Thread-safe.
 */
public final class DaemonProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile(
            "listening for SMTP on (\\[[^\\]]+\\]|[^:\\s]+):(\\d+), HTTP on (\\[[^\\]]+\\]|[^:\\s]+):(\\d+)");
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);

    private final Process process;
    private final InetSocketAddress smtp;
    private final InetSocketAddress http;
    private final List<String> log;
    private final Thread logReader;

    /** How a stop went: whether the process ended within the deadline, its exit code (-1 if not), how long it took. */
    public record Stop(boolean exited, int exitCode, Duration took) {}

    private DaemonProcess(Process process, InetSocketAddress smtp, InetSocketAddress http, List<String> log, Thread logReader) {
        this.process = process;
        this.smtp = smtp;
        this.http = http;
        this.log = log;
        this.logReader = logReader;
    }

    /** Starts the daemon on {@code data} with {@code jvmOptions} (e.g. "-Xmx256m") and the overrides {@code sets}. */
    public static DaemonProcess start(Path data, List<String> jvmOptions, String... sets) throws IOException, InterruptedException {
        return start(data, jvmOptions, Map.of(), List.of(), sets);
    }

    /**
     * Likewise with {@code env} added to the daemon's environment and {@code runArgs} (e.g. "--config", FILE)
     * after {@code run}. No JVM option is added: the jar itself keeps the JVM quiet (cli/Main).
     */
    public static DaemonProcess start(Path data, List<String> jvmOptions, Map<String, String> env, List<String> runArgs,
                                      String... sets) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", System.getProperty("bouncemx.jar", "target/bouncemx.jar"), "run"));
        cmd.addAll(runArgs);
        cmd.addAll(List.of("--set", "smtp.listen=127.0.0.1:0", "--set", "http.listen=127.0.0.1:0", "--set", "data.dir=" + data));
        for (String s : sets) {
            cmd.add("--set");
            cmd.add(s);
        }
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        var ports = new CompletableFuture<InetSocketAddress[]>();
        Thread reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    log.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (!ports.isDone() && m.find()) {
                        ports.complete(new InetSocketAddress[] {address(m.group(1), m.group(2)), address(m.group(3), m.group(4))});
                    }
                }
            } catch (IOException e) {
                ports.completeExceptionally(e);
            }
            ports.completeExceptionally(new IllegalStateException("the daemon's output ended"));
        }, "daemon-log-" + p.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            InetSocketAddress[] a = ports.get(START_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            return new DaemonProcess(p, a[0], a[1], log, reader);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the daemon did not start (" + String.join(" ", cmd) + "):\n" + String.join("\n", snapshot(log)), e);
        }
    }

    private static InetSocketAddress address(String host, String port) {
        if (host.startsWith("[")) host = host.substring(1, host.length() - 1);
        return new InetSocketAddress(host, Integer.parseInt(port));
    }

    public InetSocketAddress smtp() { return smtp; }

    public InetSocketAddress http() { return http; }

    public long pid() { return process.pid(); }

    public Process process() { return process; }

    public boolean alive() { return process.isAlive(); }

    /** Every line the daemon has written so far. */
    public List<String> log() {
        return snapshot(log);
    }

    /** The last {@code n} lines of the log, for failure messages. */
    public String logTail(int n) {
        List<String> all = log();
        return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
    }

    /** True when some line of the log contains {@code text}. */
    public boolean logged(String text) {
        return log().stream().anyMatch(l -> l.contains(text));
    }

    /** The status of {@code GET path} on the HTTP endpoint (bounded: 5 s to connect, 10 s in all). */
    public int httpStatus(String path) throws IOException, InterruptedException {
        try (HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            var uri = URI.create("http://" + http.getAddress().getHostAddress() + ":" + http.getPort() + path);
            return c.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** SIGTERM, then waits up to {@code deadline}; a daemon still running then is killed (SIGKILL) and reported as not exited. */
    public Stop stop(Duration deadline) throws InterruptedException {
        long t0 = System.nanoTime();
        // SIGTERM through the handle: Process.destroy() also closes the pipes, and the lines written while
        // stopping would be lost
        process.toHandle().destroy();
        boolean exited = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (!exited) {
            kill();
            return new Stop(false, -1, took);
        }
        logReader.join(5_000); // the last lines it wrote
        return new Stop(true, process.exitValue(), took);
    }

    /** SIGKILL, and waits (up to 30 s) until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("the daemon survived SIGKILL for 30 s");
        logReader.join(5_000); // the last lines it wrote
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }

    private static List<String> snapshot(List<String> log) {
        synchronized (log) {
            return List.copyOf(log);
        }
    }
}
