package bouncemx.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End to end (issue 10): corpus bounces over SMTP into `bouncemx run` (several sessions), signed webhooks out
 * to a receiver in this process (the JDK's HttpServer, 4 threads, answers 204), one endpoint with
 * concurrency 8. Each message goes to RCPT {@code b+wNNN=example.com@bounce.example}, which its events carry in
 * {@code envelope.rcpt_to}, so the receiver knows which 250 each event belongs to. Prints messages/s
 * accepted, events/s journaled (the events of the messages accepted in the window, counted as they arrive)
 * and delivered (arrivals within the window), and the delay from the 250 to the event's arrival, p50/p99,
 * at full speed and at a fixed rate. Then delivery alone: the daemon restarts with the endpoint's cursor removed
 * and re-delivers the whole journal; events/s until the receiver has them all.
 *
 * <p>Usage: WebhookLoad JAR DATA_DIR SESSIONS WARMUP_S MEASURE_S RATE [RATE...] (RATE messages/s, 0 = full speed)
 */
public final class WebhookLoad {
    private static final Pattern TOKEN = Pattern.compile("b\\+w(\\d+)=example\\.com@");
    private static final Pattern LISTENING = Pattern.compile("listening for SMTP on 127\\.0\\.0\\.1:(\\d+)");
    static final String KEY = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    static final ConcurrentHashMap<Long, Long> ackNanos = new ConcurrentHashMap<>();
    static final ConcurrentHashMap<Long, List<Long>> arrivals = new ConcurrentHashMap<>();
    static final AtomicLong lastArrival = new AtomicLong();
    static final LongAdder requests = new LongAdder();
    static final AtomicLong firstArrivalAfterReset = new AtomicLong();
    static final AtomicLong halfwayTarget = new AtomicLong(Long.MAX_VALUE);
    static final AtomicLong halfwayNanos = new AtomicLong();

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        Path data = Path.of(args[1]);
        int sessions = Integer.parseInt(args[2]);
        double warmup = Double.parseDouble(args[3]);
        double measure = Double.parseDouble(args[4]);
        List<byte[]> messages = SmtpLoad.messages("corpus");

        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/hook", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            Matcher m = TOKEN.matcher(new String(body, StandardCharsets.UTF_8));
            if (m.find()) arrivals.computeIfAbsent(Long.parseLong(m.group(1)), k -> new ArrayList<>()).add(now);
            lastArrival.set(now);
            firstArrivalAfterReset.compareAndSet(0, now);
            requests.increment();
            if (requests.sum() >= halfwayTarget.get()) halfwayNanos.compareAndSet(0, now);
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        Process daemon = start(jar, data, url);
        var smtp = new InetSocketAddress("127.0.0.1", port(daemon));
        System.out.printf("machine: %d cores, %s; JDK %s; %d SMTP sessions, corpus of %d messages, one endpoint, concurrency 8%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"), System.getProperty("java.version"),
                sessions, messages.size());
        AtomicLong token = new AtomicLong();
        run(smtp, sessions, warmup, 0, messages, token, false); // JIT warm-up, unmeasured
        for (int i = 5; i < args.length; i++) {
            double rate = Double.parseDouble(args[i]);
            run(smtp, sessions, measure, rate, messages, token, true);
        }
        daemon.destroy();
        daemon.waitFor(60, TimeUnit.SECONDS);

        // Delivery alone: the same journal again from its start (cursor removed), as fast as the sender goes.
        Files.deleteIfExists(data.resolve("cursors").resolve("webhook-bench"));
        long before = requests.sum();
        long expected = before;            // every event once more
        long t0 = System.nanoTime();
        firstArrivalAfterReset.set(0);
        halfwayTarget.set(before + expected / 2);
        daemon = start(jar, data, url);
        port(daemon);
        while (requests.sum() - before < expected && System.nanoTime() - t0 < 300_000_000_000L) Thread.sleep(20);
        double secs = (lastArrival.get() - firstArrivalAfterReset.get()) / 1e9;
        double warm = (lastArrival.get() - halfwayNanos.get()) / 1e9;
        System.out.printf("backlog drain    %,d events re-delivered from the journal in %.1f s (first to last arrival): %,.0f events/s;"
                + " second half (JIT warmer): %,.0f events/s%n", requests.sum() - before, secs, (requests.sum() - before) / secs,
                (expected - expected / 2) / warm);
        daemon.destroy();
        daemon.waitFor(60, TimeUnit.SECONDS);
        receiver.stop(0);
        System.exit(0);
    }

    static Process start(String jar, Path data, String url) throws IOException {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(javaBin));
        String opts = System.getenv("BOUNCEMX_BENCH_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) command.addAll(List.of(opts.trim().split("\\s+")));
        command.addAll(List.of("-jar", jar, "run", "--set", "smtp.listen=127.0.0.1:0", "--set", "http.listen=127.0.0.1:0",
                "--set", "data.dir=" + data, "--set", "smtp.max_connections_per_ip=1000",
                "--set", "webhooks=[{name: bench, url: \"" + url + "\", secret: \"" + KEY + "\", concurrency: 8, backoff_initial: 100ms, backoff_max: 1s}]"));
        var pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        Process daemon = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::destroyForcibly));
        return daemon;
    }

    static int port(Process daemon) throws Exception {
        var port = new CompletableFuture<Integer>();
        Thread.ofPlatform().daemon().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) port.complete(Integer.parseInt(m.group(1)));
                    if (line.contains("WARN") || line.contains("ERROR")) System.err.println("daemon: " + line);
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        });
        return port.get(60, TimeUnit.SECONDS);
    }

    static void run(InetSocketAddress smtp, int sessions, double seconds, double rate, List<byte[]> messages, AtomicLong token,
                    boolean report) throws Exception {
        long firstToken = token.get() + 1;
        var accepted = new LongAdder();
        AtomicBoolean go = new AtomicBoolean(true);
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            int seed = s;
            threads.add(Thread.ofPlatform().start(() -> {
                double interval = rate > 0 ? sessions * 1e9 / rate : 0;
                long next = t0 + (long) (interval * seed / sessions);
                try (var session = new SmtpLoad.Session(smtp)) {
                    long[] nanos = new long[1];
                    for (int i = 0; System.nanoTime() < end; i++) {
                        if (interval > 0) {
                            long wait = next - System.nanoTime();
                            if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            next += (long) interval;
                        }
                        long t = token.incrementAndGet();
                        session.command("MAIL FROM:<>\r\n", 250);
                        session.command("RCPT TO:<b+w" + t + "=example.com@bounce.example>\r\n", 250);
                        session.command("DATA\r\n", 354);
                        if (session.message(messages.get((int) ((seed * 7919L + i) % messages.size())), nanos) == 250) {
                            ackNanos.put(t, System.nanoTime());
                            accepted.increment();
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    System.err.println("session " + seed + ": " + e);
                }
            }));
        }
        for (Thread t : threads) t.join();
        long measuredEnd = System.nanoTime();
        long lastToken = token.get();
        // wait for delivery to catch up: no arrival for 2 s
        while (System.nanoTime() - lastArrival.get() < 2_000_000_000L) Thread.sleep(100);
        if (!report) return;
        long events = 0;
        long inWindow = 0;
        List<Long> delays = new ArrayList<>();
        for (long t = firstToken; t <= lastToken; t++) {
            Long ack = ackNanos.get(t);
            List<Long> got = arrivals.get(t);
            if (ack == null || got == null) continue;
            synchronized (got) {
                events += got.size();
                for (long a : got) {
                    delays.add(a - ack);
                    if (a <= measuredEnd) inWindow++;
                }
            }
        }
        double secs = (measuredEnd - t0) / 1e9;
        long[] d = delays.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%-16s %,7.0f messages/s accepted, %,7.0f events/s journaled, %,7.0f events/s delivered (%.2f),"
                        + " 250-to-arrival p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                rate > 0 ? String.format("%,.0f msgs/s", rate) : "full speed", accepted.sum() / secs, events / secs, inWindow / secs,
                events == 0 ? 0 : (double) inWindow / events, pct(d, 0.50) / 1e6, pct(d, 0.99) / 1e6, d.length == 0 ? 0 : d[d.length - 1] / 1e6);
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

}
