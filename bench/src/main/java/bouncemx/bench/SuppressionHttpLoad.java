package bouncemx.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Suppression lookups over HTTP while the daemon takes mail (issue 11's "lookups >= 20,000/s with the daemon also
 * taking mail, heap <= 512 MB"), and the daemon's first start over a large journal. Not a test.
 * <p>
 * Starts the packaged daemon ({@code java -Xmx512m -jar bouncemx.jar run}, SMTP and HTTP on 127.0.0.1 port 0,
 * {@code data.dir=DIR}, a random API token) and waits until /readyz answers 200 and the suppression consumer has
 * nothing pending (a deleted store is first rebuilt from the journal). Then, for a warm-up (WARMUP_S, not counted)
 * and SECONDS: CONCURRENCY clients, each one keep-alive connection, one request at a time, doing
 * {@code GET /api/v1/suppressions/user<N>@example.org} (N uniform below ADDRESSES, bearer token; an answer counts
 * when it is 200 and names the address asked), while MAIL_SESSIONS SMTP sessions send MAIL_RATE small DSNs per
 * second in all, each for a distinct recipient of the same address space (hard bounces: each one suppresses an
 * address, so the store is written while it is read). After the window: a full GC of the daemon and its heap used
 * ({@code jcmd GC.run}, {@code GC.heap_info}), then SIGTERM and its exit status.
 * <p>
 * Mode {@code first-start}: deletes DIR/state/suppression.db* first and reports the time from the daemon's start to
 * its INFO line "suppression state: rebuilt from the journal", with the heap after a full GC every 10 s during the
 * rebuild (max) and once after it; then runs the load as above (SECONDS 0: none).
 * <p>
 * Usage: {@code SuppressionHttpLoad JAR DIR SECONDS CONCURRENCY MAIL_RATE ADDRESSES load|first-start}. Environment:
 * CLIENT ({@code wrk}: the C load generator, see {@link Wrk}, with WRK_SCRIPT and WRK_THREADS, a warm-up run and then
 * the measured run, which sets the window; {@code raw}: HTTP/1.1 over plain sockets, the default when the driver is
 * run by itself; {@code jdk}: java.net.http.HttpClient, one per client thread), WARMUP_S (default 5), MAIL_SESSIONS
 * (default 16), JFR (a file: the daemon records a JFR profile there), DAEMON_OPTS (more JVM options for the daemon). Exit status: 0; 1 when a lookup or a message failed, nothing was looked up, or the daemon did not stop
 * with status 0 after SIGTERM; 2 for bad usage. Everything on 127.0.0.1; every socket read has a timeout, every
 * wait a bound; the daemon is killed if the driver exits early.
 */
public final class SuppressionHttpLoad {
    private static final Pattern LISTENING = Pattern.compile("listening for SMTP on ([^\\s,]+):(\\d+), HTTP on ([^\\s,]+):(\\d+)");
    private static final Pattern REBUILT = Pattern.compile("suppression state: rebuilt from the journal, (\\d+) records in (\\d+) ms");
    private static final Pattern PENDING = Pattern.compile("\"suppression\":\\{[^}]*\"pending\":(\\d+)");
    private static final Duration READY_WAIT = Duration.ofMinutes(60);
    private static final Duration HEAP_EVERY = Duration.ofSeconds(10);
    private static final int READ_TIMEOUT_MS = 10_000;

    private final Path jar;
    private final Path dir;
    private final int seconds;
    private final int concurrency;
    private final double mailRate;
    private final int addresses;
    private final boolean firstStart;
    private final String client = System.getenv().getOrDefault("CLIENT", "raw");
    private final int warmupS = Integer.parseInt(System.getenv().getOrDefault("WARMUP_S", "5"));
    private final int mailSessions = Integer.parseInt(System.getenv().getOrDefault("MAIL_SESSIONS", "16"));
    private final String jfr = System.getenv().getOrDefault("JFR", "");
    private final String token = UUID.randomUUID().toString();
    private final Path log;

    private Process daemon;
    private InetSocketAddress smtp;
    private InetSocketAddress http;
    private final CompletableFuture<InetSocketAddress[]> listening = new CompletableFuture<>();
    private final CompletableFuture<long[]> rebuilt = new CompletableFuture<>(); // {nanoTime seen, records, ms the daemon says}

    // the window being measured: [from, to) in nanoTime; requests that end in it count
    private volatile long from = Long.MAX_VALUE;
    private volatile long to = Long.MAX_VALUE;
    private volatile boolean stop;
    private final LongAdder lookupErrors = new LongAdder();
    private final LongAdder lookupIoErrors = new LongAdder();
    private final LongAdder mailRefused = new LongAdder();
    private final LongAdder mailIoErrors = new LongAdder();
    private final AtomicLong mailSeq = new AtomicLong();

    private SuppressionHttpLoad(String[] a) throws IOException {
        jar = Path.of(a[0]);
        dir = Path.of(a[1]).toAbsolutePath();
        seconds = Integer.parseInt(a[2]);
        concurrency = Integer.parseInt(a[3]);
        mailRate = Double.parseDouble(a[4]);
        addresses = Integer.parseInt(a[5]);
        firstStart = a[6].equals("first-start");
        log = Files.createTempFile("bouncemx-http-load-", ".log");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7 || !(args[6].equals("load") || args[6].equals("first-start"))) {
            System.err.println("SuppressionHttpLoad: usage: SuppressionHttpLoad JAR DIR SECONDS CONCURRENCY MAIL_RATE ADDRESSES load|first-start");
            System.exit(2);
        }
        System.exit(new SuppressionHttpLoad(args).run());
    }

    private int run() throws Exception {
        if (!Files.isDirectory(dir.resolve("journal"))) {
            System.err.println("SuppressionHttpLoad: no journal in " + dir + " (make one with bench/run-suppression.sh DIR ADDRESSES EVENTS)");
            return 2;
        }
        String load0 = loadAverage();
        if (firstStart) {
            for (String suffix : new String[]{"", "-wal", "-shm"}) Files.deleteIfExists(Path.of(dir.resolve("state").resolve("suppression.db") + suffix));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process p = daemon;
            if (p != null && p.isAlive()) p.destroyForcibly();
        }, "kill-daemon"));
        long started = System.nanoTime();
        startDaemon();
        System.out.printf("daemon: pid %d, SMTP %s, HTTP %s, log %s%n", daemon.pid(), smtp, http, log);
        List<Double> heapDuring = new ArrayList<>();
        if (firstStart) {
            // a full GC every 10 s while it rebuilds: the most the rebuild keeps live
            while (!rebuilt.isDone() && daemon.isAlive() && System.nanoTime() - started < READY_WAIT.toNanos()) {
                try {
                    rebuilt.get(HEAP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException next) {
                    double h = heapAfterGcMb();
                    if (h >= 0 && !rebuilt.isDone()) heapDuring.add(h);
                }
            }
            if (!rebuilt.isDone()) {
                System.out.println("first start: no \"rebuilt from the journal\" line (see " + log + ")");
                return stopDaemon(1);
            }
            long[] r = rebuilt.get();
            System.out.printf("first start: %,d records rebuilt from the journal; %.1f s from the daemon's start to its \"rebuilt\" line"
                    + " (the rebuild itself, as it logs: %.1f s)%n", r[1], (r[0] - started) / 1e9, r[2] / 1e3);
            System.out.printf("heap after GC during the rebuild: max %.0f MB (%d samples, every %d s); after it: %.0f MB (-Xmx512m)%n",
                    heapDuring.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), heapDuring.size(),
                    HEAP_EVERY.toSeconds(), heapAfterGcMb());
            System.out.printf("store on disk: %,d MB%n", sizeOf(dir.resolve("state")) >> 20);
        }
        waitReady(started);
        System.out.printf("ready after %.1f s%n", (System.nanoTime() - started) / 1e9);
        int status = seconds > 0 ? load() : 0;
        System.out.printf("machine: %d cores, %s %s; JDK %s (%s); load average %s before, %s after%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"), load0, loadAverage());
        return stopDaemon(status);
    }

    // ---------------------------------------------------------------- the daemon

    private void startDaemon() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m"));
        if (Runtime.version().feature() >= 24) cmd.add("--sun-misc-unsafe-memory-access=allow");
        if (!jfr.isEmpty()) cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
        for (String o : System.getenv().getOrDefault("DAEMON_OPTS", "").trim().split("\\s+")) if (!o.isEmpty()) cmd.add(o);
        cmd.addAll(List.of("-jar", jar.toString(), "run", "--set", "data.dir=" + dir, "--set", "api.token=" + token,
                "--set", "smtp.listen=127.0.0.1:0", "--set", "http.listen=127.0.0.1:0"));
        daemon = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Process p = daemon;
        Thread.ofPlatform().daemon().name("daemon-log").start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                    out.write(line);
                    out.write('\n');
                    out.flush();
                    Matcher m = LISTENING.matcher(line);
                    if (!listening.isDone() && m.find()) {
                        listening.complete(new InetSocketAddress[]{new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))),
                                new InetSocketAddress(m.group(3), Integer.parseInt(m.group(4)))});
                    }
                    Matcher r = REBUILT.matcher(line);
                    if (r.find()) rebuilt.complete(new long[]{System.nanoTime(), Long.parseLong(r.group(1)), Long.parseLong(r.group(2))});
                }
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
            listening.completeExceptionally(new IllegalStateException("the daemon ended before listening; see " + log));
        });
        InetSocketAddress[] a = listening.get(120, TimeUnit.SECONDS);
        smtp = a[0];
        http = a[1];
    }

    /** Until /readyz is 200 and the suppression consumer has nothing pending (a rebuild or a catch-up is over). */
    private void waitReady(long started) throws Exception {
        long last = System.nanoTime();
        while (true) {
            String body = "";
            int code = 0;
            try (var c = new RawHttp(http, "")) {
                code = c.get("/readyz");
                body = c.body;
            } catch (IOException e) {
                // not answering yet
            }
            Matcher m = PENDING.matcher(body);
            if (code == 200 && m.find() && m.group(1).equals("0")) return;
            if (!daemon.isAlive()) throw new IllegalStateException("the daemon exited (status " + daemon.exitValue() + "); see " + log);
            if (System.nanoTime() - started > READY_WAIT.toNanos()) throw new IllegalStateException("not ready within " + READY_WAIT + "; see " + log);
            if (System.nanoTime() - last > 30e9) {
                System.err.printf("waiting for readiness (%.0f s): /readyz %d %s%n", (System.nanoTime() - started) / 1e9, code, body.strip());
                last = System.nanoTime();
            }
            Thread.sleep(200);
        }
    }

    private int stopDaemon(int status) throws InterruptedException, IOException {
        if (!jfr.isEmpty()) { // dumped while the daemon still runs, whatever happens at its exit
            if (Jcmd.run(daemon.pid(), "JFR.dump filename=" + jfr, Duration.ofSeconds(60)) != null) System.out.println("JFR recording: " + jfr);
        }
        long t0 = System.nanoTime();
        daemon.destroy(); // SIGTERM
        boolean exited = daemon.waitFor(90, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (!exited) {
            daemon.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            System.out.printf("SIGTERM: still running after %d ms (killed)%n", ms);
            return 1;
        }
        System.out.printf("SIGTERM: exit %d after %d ms%n", daemon.exitValue(), ms);
        return daemon.exitValue() == 0 ? status : 1;
    }

    /** A full GC of the daemon, then its heap used (the "used" figures above Metaspace in GC.heap_info), in MB; -1 when jcmd failed. */
    private double heapAfterGcMb() throws IOException, InterruptedException {
        return Jcmd.heapAfterGcMb(daemon.pid(), Duration.ofSeconds(60));
    }

    // ---------------------------------------------------------------- the load

    private int load() throws Exception {
        long[][] lookupLat = new long[concurrency][];
        int[] lookupN = new int[concurrency];
        long[][] mailLat = new long[mailSessions][];
        int[] mailN = new int[mailSessions];
        List<Thread> threads = new ArrayList<>();
        boolean wrk = client.equals("wrk");
        Wrk.Result[] wrkResult = new Wrk.Result[1];
        Exception[] wrkFailure = new Exception[1];
        if (wrk) {
            threads.add(Thread.ofPlatform().name("wrk").start(() -> {
                try {
                    wrkResult[0] = runWrk();
                } catch (Exception e) {
                    wrkFailure[0] = e;
                    windowStarted.completeExceptionally(e);
                }
            }));
        }
        for (int i = 0; i < (wrk ? 0 : concurrency); i++) {
            int me = i;
            threads.add(Thread.ofPlatform().name("lookup-" + i).start(() -> {
                var lat = new Latencies();
                lookups(me, lat);
                lookupLat[me] = lat.values;
                lookupN[me] = lat.n;
            }));
        }
        for (int i = 0; i < mailSessions; i++) {
            int me = i;
            threads.add(Thread.ofPlatform().name("mail-" + i).start(() -> {
                var lat = new Latencies();
                mail(me, lat);
                mailLat[me] = lat.values;
                mailN[me] = lat.n;
            }));
        }
        long cpu0 = daemonCpuNanos();
        if (wrk) { // the window starts with wrk's measured run
            windowStarted.get(warmupS + 60L, TimeUnit.SECONDS);
        } else {
            long t = System.nanoTime();
            from = t + warmupS * 1_000_000_000L;
            to = from + seconds * 1_000_000_000L;
            Thread.sleep(warmupS * 1000L);
        }
        long cpuFrom = daemonCpuNanos();
        long ownFrom = ownCpuNanos();
        Thread.sleep(seconds * 1000L);
        long cpuTo = daemonCpuNanos();
        long ownTo = ownCpuNanos();
        stop = true;
        for (Thread th : threads) th.join(READ_TIMEOUT_MS + 20_000L);
        for (Thread th : threads) if (th.isAlive()) System.err.println(th.getName() + " did not end");
        if (wrk) {
            if (wrkFailure[0] != null) throw wrkFailure[0];
            if (wrkResult[0] == null) throw new IllegalStateException("wrk gave no result");
            spotCheck(); // wrk counts statuses only: a few answers read and checked to name the address asked
        }
        long[] lookups = merge(lookupLat, lookupN);
        long[] mail = merge(mailLat, mailN);
        double heap = heapAfterGcMb();
        System.out.printf("load: %d s after a %d s warm-up; %d HTTP clients (%s, keep-alive, one request at a time each) over %,d addresses;"
                + " mail at %.0f/s over %d SMTP sessions%n", seconds, warmupS, concurrency,
                switch (client) {
                    case "jdk" -> "java.net.http.HttpClient";
                    case "wrk" -> "wrk, " + WRK_THREADS + " thread(s)";
                    default -> "raw HTTP/1.1 sockets";
                }, addresses, mailRate, mailSessions);
        long lookupCount = lookups.length;
        if (wrk) {
            Wrk.Result w = wrkResult[0];
            lookupCount = w.requests();
            System.out.printf("lookups: %,d = %,.0f/s (over wrk's %.2f s)%n", w.requests(), w.requests() / (w.durationUs() / 1e6),
                    w.durationUs() / 1e6);
            System.out.printf("lookup latency: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", w.p50Us() / 1e3, w.p90Us() / 1e3,
                    w.p99Us() / 1e3, w.maxUs() / 1e3);
            System.out.printf("lookup errors (status >= 400): %d; socket errors: connect %d, read %d, write %d, timeout %d;"
                    + " spot check (answers naming the address asked): %d wrong%n", w.status(), w.connect(), w.read(), w.write(), w.timeout(),
                    lookupErrors.sum() + lookupIoErrors.sum());
            if (w.status() + w.connect() + w.read() + w.write() + w.timeout() > 0) lookupErrors.increment();
        } else {
            System.out.printf("lookups: %,d = %,.0f/s%n", lookups.length, lookups.length / (double) seconds);
            System.out.printf("lookup latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", SmtpLoad.pct(lookups, 0.50), SmtpLoad.pct(lookups, 0.99), SmtpLoad.pct(lookups, 1.0));
            System.out.printf("lookup errors (non-200 or not the address asked): %d; connection errors: %d%n", lookupErrors.sum(), lookupIoErrors.sum());
        }
        System.out.printf("mail accepted (250): %,d = %,.1f/s; ack latency (final \".\" to 250) p50 %.2f ms, p99 %.2f ms; refused: %d;"
                + " connection errors: %d%n", mail.length, mail.length / (double) seconds, SmtpLoad.pct(mail, 0.50), SmtpLoad.pct(mail, 0.99),
                mailRefused.sum(), mailIoErrors.sum());
        if (cpuFrom >= 0 && cpuTo >= 0) {
            System.out.printf("daemon CPU in the window: %.1f s of %.0f s (%.2f cores); whole load %.1f s%n", (cpuTo - cpuFrom) / 1e9,
                    (double) seconds, (cpuTo - cpuFrom) / 1e9 / seconds, (cpuTo - cpu0) / 1e9);
            System.out.printf("lookups per daemon CPU-second: %,.0f (mail included; %.1f us of daemon CPU per lookup); this driver's CPU in"
                    + " the window: %.2f cores%s%n", lookupCount / ((cpuTo - cpuFrom) / 1e9), (cpuTo - cpuFrom) / 1e3 / Math.max(1, lookupCount),
                    (ownTo - ownFrom) / 1e9 / seconds, wrk ? String.format(" (mail sender), wrk's %.2f cores", wrkResult[0].cpuNanos() / 1e9 / seconds) : "");
        }
        System.out.printf("daemon heap after GC: %.0f MB (-Xmx512m)%n", heap);
        boolean ok = lookupCount > 0 && lookupErrors.sum() == 0 && lookupIoErrors.sum() == 0 && mailRefused.sum() == 0
                && mailIoErrors.sum() == 0 && (mailRate <= 0 || mail.length > 0);
        return ok ? 0 : 1;
    }

    private long daemonCpuNanos() {
        return daemon.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    private static long ownCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    private boolean measuring(long now) {
        return now >= from && now < to;
    }

    /**
     * The lookups by wrk (CLIENT=wrk): a warm-up run of WARMUP_S, then the measured run of SECONDS, both with
     * WRK_SCRIPT (the Lua script bench/run-suppression-http.sh writes: the request, and a "WRK-RESULT" line at the
     * end) over CONCURRENCY connections on WRK_THREADS threads. The window [from, to) is set when the measured run
     * starts, so the daemon's CPU and the mail are taken over the same seconds. wrk's output goes to the log's name + ".wrk".
     */
    private Wrk.Result runWrk() throws Exception {
        String url = "http://" + http.getHostString() + ":" + http.getPort() + "/";
        Path wrkLog = Path.of(log + ".wrk"); // not the daemon's log: its writer would write over what is appended
        Wrk.Result warm = Wrk.run(url, WRK_SCRIPT, WRK_THREADS, concurrency, warmupS, token, addresses, wrkLog);
        if (warm.errors() > 0) System.err.println("wrk warm-up: " + warm);
        long t = System.nanoTime();
        to = t + seconds * 1_000_000_000L;
        from = t;
        windowStarted.complete(t);
        return Wrk.run(url, WRK_SCRIPT, WRK_THREADS, concurrency, seconds, token, addresses, wrkLog);
    }

    private final CompletableFuture<Long> windowStarted = new CompletableFuture<>();
    private static final String WRK_SCRIPT = System.getenv().getOrDefault("WRK_SCRIPT", "");
    private static final int WRK_THREADS = Integer.parseInt(System.getenv().getOrDefault("WRK_THREADS", "2"));

    /** After wrk: 200 lookups on one raw connection, each answer checked to be 200 and to name the address asked. */
    private void spotCheck() {
        var rnd = new SplittableRandom(7);
        try (var c = new RawHttp(http, token)) {
            for (int i = 0; i < 200; i++) {
                String address = "user" + rnd.nextInt(addresses) + "@example.org";
                int code = c.get("/api/v1/suppressions/" + address);
                if (code != 200 || !c.body.contains("\"address\":\"" + address + "\"")) {
                    lookupErrors.increment();
                    if (lookupErrors.sum() <= 3) System.err.println("lookup: " + code + " " + c.body);
                }
            }
        } catch (IOException e) {
            lookupIoErrors.increment();
            System.err.println("spot check: " + e);
        }
    }

    /** One client: a request at a time on one keep-alive connection (a new one after an error). */
    private void lookups(int me, Latencies lat) {
        var rnd = new SplittableRandom(1000 + me);
        HttpClient jdk = client.equals("jdk") ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build() : null;
        RawHttp raw = null;
        while (!stop) {
            String address = "user" + rnd.nextInt(addresses) + "@example.org";
            String path = "/api/v1/suppressions/" + address;
            long t0 = System.nanoTime();
            int code;
            String body;
            try {
                if (jdk != null) {
                    var res = jdk.send(HttpRequest.newBuilder(URI.create("http://" + http.getHostString() + ":" + http.getPort() + path))
                            .header("Authorization", "Bearer " + token).timeout(Duration.ofMillis(READ_TIMEOUT_MS)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    code = res.statusCode();
                    body = res.body();
                } else {
                    if (raw == null) raw = new RawHttp(http, token);
                    code = raw.get(path);
                    body = raw.body;
                    if (raw.closed) {
                        raw.close();
                        raw = null;
                    }
                }
            } catch (IOException e) {
                if (raw != null) raw.close();
                raw = null;
                if (measuring(System.nanoTime())) lookupIoErrors.increment();
                pause(50);
                continue;
            } catch (InterruptedException e) {
                return;
            }
            long t1 = System.nanoTime();
            if (!measuring(t1)) continue;
            if (code != 200 || !body.contains("\"address\":\"" + address + "\"")) {
                lookupErrors.increment();
                if (lookupErrors.sum() <= 3) System.err.println("lookup: " + code + " " + body);
            } else {
                lat.add(t1 - t0);
            }
        }
        if (raw != null) raw.close();
        if (jdk != null) jdk.close();
    }

    /** One SMTP session sending hard-bounce DSNs at MAIL_RATE / MAIL_SESSIONS per second. */
    private void mail(int me, Latencies lat) {
        if (mailRate <= 0) return;
        long interval = (long) (mailSessions * 1e9 / mailRate);
        long next = System.nanoTime() + me * interval / mailSessions;
        SmtpLoad.Session s = null;
        long[] nanos = new long[1];
        while (!stop) {
            long wait = next - System.nanoTime();
            if (wait > 0) pause(wait / 1_000_000);
            next = Math.max(next + interval, System.nanoTime() - interval); // no catching up in bursts
            long seq = mailSeq.getAndIncrement();
            // distinct recipients while seq < ADDRESSES (multiplying by a prime permutes 0..ADDRESSES-1 unless it divides ADDRESSES)
            long n = Math.floorMod(seq * 2_654_435_761L + 12_345L, (long) addresses);
            try {
                if (s == null) s = new SmtpLoad.Session(smtp);
                s.command("MAIL FROM:<>\r\n", 250);
                s.command("RCPT TO:<b+user=example.org@bounce.example>\r\n", 250);
                s.command("DATA\r\n", 354);
                int code = s.message(dsn(seq, "user" + n + "@example.org"), nanos);
                long t1 = System.nanoTime();
                if (!measuring(t1)) continue;
                if (code == 250) lat.add(nanos[0]);
                else mailRefused.increment();
            } catch (SmtpLoad.ReplyException e) {
                if (measuring(System.nanoTime())) mailRefused.increment();
                if (s == null) { // refused at the greeting or EHLO
                    pause(100);
                    continue;
                }
                try {
                    s.command("RSET\r\n", 250);
                } catch (IOException broken) {
                    s.close();
                    s = null;
                }
            } catch (IOException e) {
                if (measuring(System.nanoTime())) mailIoErrors.increment();
                if (s != null) s.close();
                s = null;
                pause(100);
            }
        }
        if (s != null) s.close();
    }

    /** A small RFC 3464 DSN (about 1.4 KB): a 5.1.1 for {@code rcpt}, unique by its ids; on the wire (CRLF, final CRLF). */
    static byte[] dsn(long seq, String rcpt) {
        String b = "=_httpload_" + seq;
        String m = "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
                + "To: b+user=example.org@bounce.example\n"
                + "Subject: Undelivered Mail Returned to Sender\n"
                + "Date: Wed, 02 Dec 2026 10:00:00 +0000\n"
                + "Message-ID: <dsn." + seq + "@mx.example.net>\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + b + "\"\n\n"
                + "--" + b + "\n"
                + "Content-Type: text/plain; charset=us-ascii\n\n"
                + "Your message could not be delivered to <" + rcpt + ">: the mailbox does not exist.\n\n"
                + "--" + b + "\n"
                + "Content-Type: message/delivery-status\n\n"
                + "Reporting-MTA: dns; mx.example.net\n"
                + "Arrival-Date: Wed, 02 Dec 2026 09:59:58 +0000\n\n"
                + "Final-Recipient: rfc822; " + rcpt + "\n"
                + "Action: failed\n"
                + "Status: 5.1.1\n"
                + "Remote-MTA: dns; mx.example.org\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 <" + rcpt + ">: Recipient address rejected: User unknown\n\n"
                + "--" + b + "\n"
                + "Content-Type: text/rfc822-headers\n\n"
                + "From: News <news@example.net>\n"
                + "To: <" + rcpt + ">\n"
                + "Subject: Our newsletter\n"
                + "Message-ID: <orig." + seq + "@example.net>\n\n"
                + "--" + b + "--\n";
        return SmtpLoad.toWire(m.getBytes(StandardCharsets.US_ASCII));
    }

    // ---------------------------------------------------------------- HTTP/1.1 over one socket

    /** GET requests on one keep-alive connection; each read times out. Not thread-safe. */
    private static final class RawHttp implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] head;
        private final byte[] buf = new byte[16384];
        private int pos, lim;
        String body = "";
        boolean closed; // the server said Connection: close

        RawHttp(InetSocketAddress a, String token) throws IOException {
            socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(READ_TIMEOUT_MS);
                socket.connect(a, 5_000);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            in = socket.getInputStream();
            out = socket.getOutputStream();
            head = (" HTTP/1.1\r\nHost: " + a.getHostString() + ":" + a.getPort() + "\r\n"
                    + (token.isEmpty() ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        /** Sends GET {@code path}, reads the whole answer; returns its status code (the body in {@link #body}). */
        int get(String path) throws IOException {
            byte[] p = ("GET " + path).getBytes(StandardCharsets.US_ASCII);
            byte[] req = Arrays.copyOf(p, p.length + head.length);
            System.arraycopy(head, 0, req, p.length, head.length);
            out.write(req);
            out.flush();
            String status = line();
            if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) throw new IOException("bad status line: " + status);
            int code = Integer.parseInt(status.substring(9, 12));
            int length = -1;
            for (String h; !(h = line()).isEmpty(); ) {
                int colon = h.indexOf(':');
                if (colon < 0) continue;
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("content-length")) length = Integer.parseInt(value);
                else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) closed = true;
                else if (name.equalsIgnoreCase("transfer-encoding")) throw new IOException("chunked answers are not expected here");
            }
            if (length < 0 || length > 1 << 20) throw new IOException("no usable Content-Length");
            byte[] b = new byte[length];
            for (int i = 0; i < length; ) {
                if (pos == lim) fill();
                int n = Math.min(length - i, lim - pos);
                System.arraycopy(buf, pos, b, i, n);
                pos += n;
                i += n;
            }
            body = new String(b, StandardCharsets.UTF_8);
            return code;
        }

        private void fill() throws IOException {
            lim = in.read(buf);
            pos = 0;
            if (lim < 0) {
                lim = 0;
                throw new IOException("connection closed by the server");
            }
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            while (true) {
                if (pos == lim) fill();
                byte c = buf[pos++];
                if (c == '\n') {
                    int n = sb.length();
                    if (n > 0 && sb.charAt(n - 1) == '\r') sb.setLength(n - 1);
                    return sb.toString();
                }
                if (sb.length() > 8192) throw new IOException("header line too long");
                sb.append((char) (c & 0xff));
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    // ---------------------------------------------------------------- figures

    /** One thread's latencies (nanos); read after the thread ended. */
    private static final class Latencies {
        long[] values = new long[1 << 16];
        int n;

        void add(long nanos) {
            if (n == values.length) values = Arrays.copyOf(values, n * 2);
            values[n++] = nanos;
        }
    }

    private static long[] merge(long[][] parts, int[] counts) {
        int total = 0;
        for (int i = 0; i < parts.length; i++) if (parts[i] != null) total += counts[i];
        long[] all = new long[total];
        int k = 0;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null) continue;
            System.arraycopy(parts[i], 0, all, k, counts[i]);
            k += counts[i];
        }
        Arrays.sort(all);
        return all;
    }

    private static long sizeOf(Path d) throws IOException {
        long size = 0;
        try (var files = Files.list(d)) {
            for (Path p : (Iterable<Path>) files::iterator) if (Files.isRegularFile(p)) size += Files.size(p);
        }
        return size;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(Math.max(0, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
