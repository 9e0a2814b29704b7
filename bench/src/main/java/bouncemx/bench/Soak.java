package bouncemx.bench;

import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;
import bouncemx.pipeline.JournalEntry;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Soak (not a test): the real daemon ({@code java -Xmx256m -jar bouncemx.jar run}, loopback port 0, one data
 * directory for the whole run) under N minutes of mixed load, then one figure per line.
 * <ul>
 *   <li>8 honest senders, each one persistent session sending one message at a time: the sample bounces
 *       and generated DSNs of 2 KB to 200 KB, each message unique (an {@code X-Soak-Id} header); a 4xx or a
 *       dropped connection puts the same bytes back for a retry after a backoff (1, 2, 4, 8 s), as an MTA
 *       does;</li>
 *   <li>the adversaries of issue 9 in rotation, one at a time: a pipeliner that never reads (15 s at
 *       most), 100 SIZE hoarders held 10 s, a command line and a DATA trickled, a huge BDAT, 10 messages of
 *       9 MB at once;</li>
 *   <li>SIGKILL of the daemon and a restart on the same data directory every 60 s;</li>
 *   <li>every 15 s a full GC ({@code jcmd PID GC.run}) and the heap used after it ({@code jcmd PID
 *       GC.heap_info}).</li>
 * </ul>
 * After the deadline: SIGTERM (its exit code and time), then the journal is read: acknowledged ids that are
 * not in it (lost: exit status 1), event ids journaled more than once, messages (by X-Soak-Id) journaled
 * more than once. Everything on 127.0.0.1; every socket has a timeout and every loop the deadline; the
 * daemon is killed if the driver exits early (shutdown hook).
 *
 * <p>Usage: {@code Soak JAR WORK_DIR MINUTES SAMPLES_DIR RATE [KEY=VALUE...]}: RATE is the honest senders' messages
 * per second in all (0: as fast as they can; the default of run-soak.sh, 100, keeps the journal to ~1-2 GB
 * in 10 minutes and leaves the daemon room for the attacks); the KEY=VALUE pairs go to the daemon
 * as {@code --set} overrides after the soak's own ({@code smtp.max_connections_per_ip=500},
 * {@code smtp.command_timeout=5s}). Exit status: 0, 1 when an acknowledged message is lost or nothing was
 * acknowledged, 2 for bad usage.
 */
public final class Soak {
    private static final Pattern LISTENING = Pattern.compile("listening for SMTP on ([^\\s,]+):(\\d+), HTTP on ([^\\s,]+):(\\d+)");
    private static final Pattern ACK = Pattern.compile("^250 2\\.0\\.0 (\\S+)");
    private static final Pattern EVENT_ID = Pattern.compile("\"data\":\\{\"id\":\"([^\"]+)\"");
    private static final String RCPT = "b+soak=example.com@bounce.example";
    private static final byte[] TOKEN_HEADER = "X-Soak-Id: ".getBytes(StandardCharsets.US_ASCII);
    private static final int SENDERS = 8;
    private static final Duration RESTART_EVERY = Duration.ofSeconds(60);
    private static final Duration HEAP_EVERY = Duration.ofSeconds(15);

    private final Path jar;
    private final Path work;
    private final Path data;
    private final long deadline;
    private final List<String> sets;
    private final List<byte[]> samples;
    private final long sendIntervalNanos; // per sender; 0 = no pacing

    private volatile Daemon daemon;
    private volatile InetSocketAddress smtp; // null while the daemon restarts

    // what the clients saw
    private final Map<String, String> acked = new ConcurrentHashMap<>(); // message id from "250 2.0.0 <id>" -> source
    private final List<LatencyLog> latencies = new ArrayList<>();       // per sender
    private final AtomicInteger outOfMemoryLines = new AtomicInteger();  // in the daemon's output, all runs
    private volatile boolean aborted;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final List<Double> heapAfterGcMb = new ArrayList<>();
    private int restarts;
    private int unexpectedExits;

    private Soak(Path jar, Path work, Duration run, double rate, List<String> sets, List<byte[]> samples) {
        this.jar = jar;
        this.work = work;
        this.data = work.resolve("data");
        this.deadline = System.nanoTime() + run.toNanos();
        this.sets = sets;
        this.samples = samples;
        this.sendIntervalNanos = rate > 0 ? (long) (SENDERS * 1e9 / rate) : 0;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("Soak: usage: Soak JAR WORK_DIR MINUTES SAMPLES_DIR RATE [KEY=VALUE...]");
            System.exit(2);
        }
        double minutes = Double.parseDouble(args[2]);
        List<byte[]> samples = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(args[3]))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) samples.add(Files.readAllBytes(p));
        }
        if (samples.isEmpty()) {
            System.err.println("Soak: no .eml files in " + args[3]);
            System.exit(2);
        }
        var soak = new Soak(Path.of(args[0]), Path.of(args[1]), Duration.ofMillis((long) (minutes * 60_000)),
                Double.parseDouble(args[4]), List.of(args).subList(5, args.length), samples);
        System.exit(soak.run(minutes));
    }

    // ---------------------------------------------------------------- the run

    private int run(double minutes) throws Exception {
        Files.createDirectories(data);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Daemon d = daemon;
            if (d != null) d.process.destroyForcibly();
        }, "kill-daemon"));
        Instant started = Instant.now();
        startDaemon();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) latencies.add(new LatencyLog());
        for (int i = 0; i < SENDERS; i++) {
            int me = i;
            clients.add(Thread.ofPlatform().daemon().name("honest-" + i).start(() -> honestSender(me)));
        }
        clients.add(Thread.ofPlatform().daemon().name("adversaries").start(this::adversaries));

        try {
            control(started);
        } catch (Exception e) { // the daemon did not come back: report what there is
            System.err.println("soak: stopping early: " + e);
            aborted = true;
        }
        for (Thread t : clients) t.join(90_000);
        for (Thread t : clients) if (t.isAlive()) System.err.println("soak: " + t.getName() + " did not end 90 s after the deadline");
        Daemon d = daemon;
        if (d == null || !d.process.isAlive()) return report(minutes, started, false, -1, 0);
        sampleHeap(d);
        smtp = null;
        long t0 = System.nanoTime();
        d.process.destroy(); // SIGTERM
        boolean exited = d.process.waitFor(90, TimeUnit.SECONDS);
        long stopMs = (System.nanoTime() - t0) / 1_000_000;
        if (!exited) d.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        d.reader.join(5_000);
        daemon = null;
        return report(minutes, started, exited, exited ? d.process.exitValue() : -1, stopMs);
    }

    /** Until the deadline: restarts after SIGKILL every 60 s (or after an exit of its own), a heap sample every 15 s. */
    private void control(Instant started) throws Exception {
        long nextKill = System.nanoTime() + RESTART_EVERY.toNanos();
        long nextHeap = System.nanoTime() + HEAP_EVERY.toNanos();
        while (true) {
            long now = System.nanoTime();
            if (now >= deadline) break;
            long until = Math.min(deadline, Math.min(nextKill, nextHeap));
            Daemon d = daemon;
            if (d.process.waitFor(Math.max(1, (until - now) / 1_000_000), TimeUnit.MILLISECONDS)) {
                unexpectedExits++;
                System.err.printf("soak: the daemon exited by itself (status %d) after %s; restarting%n", d.process.exitValue(),
                        Duration.between(started, Instant.now()).truncatedTo(ChronoUnit.SECONDS));
                startDaemon();
                continue;
            }
            now = System.nanoTime();
            if (now >= nextHeap) {
                sampleHeap(d);
                nextHeap = System.nanoTime() + HEAP_EVERY.toNanos();
            }
            if (now >= nextKill && deadline - now > Duration.ofSeconds(10).toNanos()) {
                smtp = null;
                d.process.destroyForcibly(); // SIGKILL
                d.process.waitFor(30, TimeUnit.SECONDS);
                restarts++;
                System.err.printf("soak: SIGKILL + restart %d at %s%n", restarts, Duration.between(started, Instant.now()).truncatedTo(ChronoUnit.SECONDS));
                startDaemon();
                nextKill = System.nanoTime() + RESTART_EVERY.toNanos();
            }
        }
    }

    private boolean running() {
        return !aborted && System.nanoTime() < deadline;
    }

    private void startDaemon() throws Exception {
        Daemon d = Daemon.start(jar, data, work.resolve("daemon.log"), sets, outOfMemoryLines);
        daemon = d;
        smtp = d.smtp;
    }

    /** The daemon's JVM, its SMTP address and the thread copying its output to WORK_DIR/daemon.log. */
    private record Daemon(Process process, InetSocketAddress smtp, Thread reader) {
        static Daemon start(Path jar, Path data, Path logFile, List<String> sets, AtomicInteger oom) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m"));
            if (Runtime.version().feature() >= 24) cmd.add("--sun-misc-unsafe-memory-access=allow");
            cmd.addAll(List.of("-jar", jar.toString(), "run", "--set", "smtp.listen=127.0.0.1:0", "--set", "http.listen=127.0.0.1:0",
                    "--set", "data.dir=" + data, "--set", "smtp.max_connections_per_ip=500", "--set", "smtp.command_timeout=5s"));
            for (String s : sets) {
                cmd.add("--set");
                cmd.add(s);
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            var ready = new CompletableFuture<InetSocketAddress>();
            Thread reader = Thread.ofPlatform().daemon().name("daemon-log").start(() -> {
                try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                     Writer out = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                             java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                    for (String line; (line = in.readLine()) != null; ) {
                        out.write(line);
                        out.write('\n');
                        out.flush();
                        if (line.contains("OutOfMemoryError")) oom.incrementAndGet();
                        Matcher m = LISTENING.matcher(line);
                        if (!ready.isDone() && m.find()) ready.complete(new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))));
                    }
                } catch (IOException e) {
                    ready.completeExceptionally(e);
                }
                ready.completeExceptionally(new IllegalStateException("the daemon ended before listening; see " + logFile));
            });
            try {
                return new Daemon(p, ready.get(60, TimeUnit.SECONDS), reader);
            } catch (TimeoutException e) {
                p.destroyForcibly();
                throw new IllegalStateException("the daemon did not start within 60 s; see " + logFile);
            }
        }
    }

    // ---------------------------------------------------------------- heap

    /** A full GC, then the heap used (sum of the "used" figures above Metaspace in GC.heap_info), in MB. */
    private void sampleHeap(Daemon d) {
        if (!d.process.isAlive()) return;
        try {
            double mb = Jcmd.heapAfterGcMb(d.process.pid(), Duration.ofSeconds(30));
            if (mb >= 0) {
                synchronized (heapAfterGcMb) {
                    heapAfterGcMb.add(mb);
                }
            }
        } catch (IOException | InterruptedException e) {
            count("heap samples failed");
        }
    }

    // ---------------------------------------------------------------- honest senders

    /** One message: its token, its wire form (CRLF, dot-stuffed, without the final "."), its tries. */
    private static final class Message {
        final String token;
        final byte[] wire;
        int tries;
        long notBefore;

        Message(String token, byte[] wire) {
            this.token = token;
            this.wire = wire;
        }
    }

    private Message newMessage(int sender, int n, Random random) {
        String token = "s" + sender + "-" + n;
        byte[] raw;
        if (random.nextBoolean()) {
            raw = samples.get(random.nextInt(samples.size()));
        } else {
            int size = (int) Math.round(2048 * Math.pow(100, random.nextDouble())); // 2 KB .. 200 KB, log-uniform
            raw = SmtpLoad.syntheticDsn(size, random.nextInt(16));
        }
        var b = new ByteArrayOutputStream(raw.length + 40);
        b.writeBytes(TOKEN_HEADER);
        b.writeBytes((token + "\r\n").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(raw);
        return new Message(token, SmtpLoad.toWire(b.toByteArray()));
    }

    private void honestSender(int me) {
        var random = new Random(me);
        var retry = new ArrayDeque<Message>();
        LatencyLog lat = latencies.get(me);
        int n = 0;
        Session s = null;
        long next = System.nanoTime();
        while (running()) {
            if (sendIntervalNanos > 0) { // paced: one transaction per interval, no catching up in bursts
                long wait = next - System.nanoTime();
                if (wait > 0) pause(wait / 1_000_000);
                next = Math.max(next + sendIntervalNanos, System.nanoTime() - sendIntervalNanos);
            }
            Message m = retry.peekFirst();
            if (m != null && m.notBefore <= System.nanoTime()) retry.pollFirst();
            else m = newMessage(me, n++, random);
            m.tries++;
            count("honest transactions tried");
            try {
                if (s == null) s = Session.open(smtp, 60_000); // the 250 may wait 30 s for the journal
                if (s == null) { // the daemon is restarting
                    requeue(retry, m, "honest: no daemon listening");
                    pause(200);
                    continue;
                }
                String r = s.command("MAIL FROM:<> SIZE=" + m.wire.length);
                if (r.startsWith("250")) r = s.command("RCPT TO:<" + RCPT + ">");
                if (r.startsWith("250")) r = s.command("DATA");
                if (r.startsWith("354")) {
                    s.out.write(m.wire);
                    long t0 = System.nanoTime();
                    s.out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.out.flush();
                    r = s.reply();
                    long took = System.nanoTime() - t0;
                    Matcher a = ACK.matcher(r);
                    if (a.find()) {
                        acked.put(a.group(1), "honest");
                        count("honest acknowledged");
                        lat.add(took);
                        continue;
                    }
                }
                if (r.startsWith("4")) {
                    count("honest temporary refusals (" + code(r) + ")");
                    requeue(retry, m, null);
                    if (r.startsWith("421")) {
                        s.close();
                        s = null;
                    } else {
                        s.command("RSET");
                    }
                } else {
                    count("honest permanent refusals (" + code(r) + ")");
                    s.command("RSET");
                }
            } catch (IOException e) {
                if (s != null) s.close();
                s = null;
                requeue(retry, m, e instanceof ConnectException ? "honest: connection refused" : "honest: connection dropped");
                if (e instanceof ConnectException) pause(200);
            }
        }
        if (s != null) s.close();
        counts.computeIfAbsent("honest unacknowledged at the end", k -> new LongAdder()).add(retry.size());
    }

    private void requeue(ArrayDeque<Message> retry, Message m, String why) {
        if (why != null) count(why);
        m.notBefore = System.nanoTime() + Duration.ofSeconds(1L << Math.min(3, m.tries - 1)).toNanos();
        retry.addLast(m);
    }

    // ---------------------------------------------------------------- adversaries

    private void adversaries() {
        byte[] big = SmtpLoad.toWire(SmtpLoad.syntheticDsn(9 * 1024 * 1024, 0));
        int round = 0;
        while (running()) {
            InetSocketAddress a = smtp;
            if (a == null) {
                pause(200);
                continue;
            }
            int r = round++;
            String kind = switch (r % 6) {
                case 0 -> pipeliner(a);
                case 1 -> hoarders(a);
                case 2 -> trickleLine(a);
                case 3 -> trickleData(a, r);
                case 4 -> hugeBdat(a);
                default -> bigMessages(a, big, r);
            };
            count("adversary " + kind);
        }
    }

    /** EHLO in a tight loop, never reading, 15 s at most: did the server close the connection? */
    private String pipeliner(InetSocketAddress a) {
        byte[] lines = "EHLO x\r\n".repeat(8192).getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        long end = Math.min(deadline, start + Duration.ofSeconds(15).toNanos());
        long sent = 0;
        try (SocketChannel ch = SocketChannel.open()) {
            ch.socket().connect(a, 5000);
            ch.configureBlocking(false);
            try (Selector sel = Selector.open()) {
                ch.register(sel, SelectionKey.OP_WRITE);
                ByteBuffer buf = ByteBuffer.wrap(lines);
                while (System.nanoTime() < end) {
                    if (!buf.hasRemaining()) buf.rewind();
                    int w = ch.write(buf);
                    sent += w;
                    if (w == 0) {
                        sel.select(100);
                        sel.selectedKeys().clear();
                    }
                }
            }
            return "pipeliner: not closed by the server within 15 s";
        } catch (IOException e) {
            return sent == 0 ? "pipeliner: could not connect" : "pipeliner: closed by the server";
        }
    }

    /** 100 connections: EHLO, MAIL SIZE=10485760, RCPT, DATA, then held 10 s in silence. */
    private String hoarders(InetSocketAddress a) {
        List<Session> held = new ArrayList<>();
        int waiting = 0;
        try {
            for (int i = 0; i < 100 && running(); i++) {
                Session s = Session.open(a, 15_000);
                if (s == null) break;
                held.add(s);
                if (s.command("MAIL FROM:<> SIZE=10485760").startsWith("250") && s.command("RCPT TO:<" + RCPT + ">").startsWith("250")
                        && s.command("DATA").startsWith("354")) waiting++;
            }
            pause(Math.min(10_000, Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
            return "hoarders: 100 held (" + (waiting == 100 ? "all" : "not all") + " got 354)";
        } catch (IOException e) {
            return "hoarders: a connection failed (" + held.size() + " open)";
        } finally {
            for (Session s : held) s.close();
        }
    }

    /** "MAIL FROM:..." at one byte per second: the reply, or none within 15 s. */
    private String trickleLine(InetSocketAddress a) {
        try (Session s = Session.open(a, 15_000)) {
            if (s == null) return "trickle line: no daemon";
            return "trickle line: " + code(trickle(s, "MAIL FROM:<a@b.example>\r\n", 1000, 15_000));
        } catch (IOException e) {
            return "trickle line: connection failed";
        }
    }

    /** DATA content at one byte per 300 ms: the reply, or none within 20 s. */
    private String trickleData(InetSocketAddress a, int round) {
        try (Session s = Session.open(a, 20_000)) {
            if (s == null) return "trickle data: no daemon";
            if (!s.command("MAIL FROM:<>").startsWith("250") || !s.command("RCPT TO:<" + RCPT + ">").startsWith("250")
                    || !s.command("DATA").startsWith("354")) return "trickle data: refused before DATA";
            // unique, like every message here: event ids come from the content, identical bytes share them
            String r = trickle(s, "X-Soak-Id: trickle-" + round + "\r\nSubject: slow\r\n\r\nthis arrives slowly\r\n.\r\n", 300, 20_000);
            Matcher m = ACK.matcher(r);
            if (m.find()) acked.put(m.group(1), "trickle");
            return "trickle data: " + code(r);
        } catch (IOException e) {
            return "trickle data: connection failed";
        }
    }

    /** Writes {@code text} one byte per {@code pauseMs} while waiting for a reply; the reply's first 9 characters. */
    private String trickle(Session s, String text, long pauseMs, int limitMs) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        var reply = new CompletableFuture<String>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                s.socket.setSoTimeout(limitMs);
                reply.complete(s.reply());
            } catch (IOException e) {
                reply.complete(e instanceof SocketTimeoutException ? "no reply within " + limitMs / 1000 + " s" : "closed without a reply");
            }
        });
        long end = System.nanoTime() + limitMs * 1_000_000L;
        for (int i = 0; i < bytes.length && !reply.isDone() && System.nanoTime() < end; i++) {
            try {
                s.out.write(bytes[i]);
                s.out.flush();
            } catch (IOException closed) {
                break;
            }
            try {
                reply.get(pauseMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException pace) {
                // the next byte
            } catch (Exception e) {
                break;
            }
        }
        try {
            return reply.get(limitMs + 5_000L, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return "no reply";
        } finally {
            s.close();
            try {
                reader.join(5_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** BDAT 99999999999 LAST: the reply within 3 s, or none. */
    private String hugeBdat(InetSocketAddress a) {
        try (Session s = Session.open(a, 3_000)) { // well under the soak's 5 s command timeout: "at once" or not
            if (s == null) return "huge bdat: no daemon";
            if (!s.command("MAIL FROM:<>").startsWith("250") || !s.command("RCPT TO:<" + RCPT + ">").startsWith("250")) return "huge bdat: refused before BDAT";
            try {
                String r = s.command("BDAT 99999999999 LAST");
                return "huge bdat: " + code(r);
            } catch (SocketTimeoutException e) {
                return "huge bdat: no reply within 3 s";
            }
        } catch (IOException e) {
            return "huge bdat: connection failed";
        }
    }

    /** 10 messages of 9 MB at once, each made unique by its first header; the 250 ids count as acknowledged. */
    private String bigMessages(InetSocketAddress a, byte[] body, int round) {
        List<Thread> threads = new ArrayList<>();
        Map<String, LongAdder> outcome = new ConcurrentHashMap<>();
        for (int i = 0; i < 10; i++) {
            byte[] header = (new String(TOKEN_HEADER, StandardCharsets.US_ASCII) + "big-" + round + "-" + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
            threads.add(Thread.ofPlatform().name("big-" + i).start(() -> {
                String o;
                try (Session s = Session.open(a, 60_000)) {
                    if (s == null) {
                        o = "no daemon";
                    } else {
                        String r = s.command("MAIL FROM:<> SIZE=" + (header.length + body.length));
                        if (r.startsWith("250")) r = s.command("RCPT TO:<" + RCPT + ">");
                        if (r.startsWith("250")) r = s.command("DATA");
                        if (r.startsWith("354")) {
                            s.out.write(header);
                            s.out.write(body);
                            s.out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                            s.out.flush();
                            r = s.reply();
                        }
                        Matcher m = ACK.matcher(r);
                        if (m.find()) acked.put(m.group(1), "9MB");
                        o = code(r);
                    }
                } catch (IOException e) {
                    o = "dropped";
                }
                outcome.computeIfAbsent(o, k -> new LongAdder()).increment();
            }));
        }
        for (Thread t : threads) {
            try {
                t.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (var e : outcome.entrySet()) counts.computeIfAbsent("9 MB messages: " + e.getKey(), k -> new LongAdder()).add(e.getValue().sum());
        return "10 x 9 MB";
    }

    // ---------------------------------------------------------------- one SMTP session

    /** A client connection after the greeting and EHLO; every read times out. Not thread-safe. */
    private static final class Session implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        private Session(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new java.io.BufferedInputStream(socket.getInputStream());
            this.out = new java.io.BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        }

        /** Connected, greeted, EHLO answered; null when there is no daemon to connect to (restarting). */
        static Session open(InetSocketAddress a, int timeoutMs) throws IOException {
            if (a == null) return null;
            Socket s = new Socket();
            try {
                s.connect(a, 5000);
                s.setSoTimeout(timeoutMs);
                s.setTcpNoDelay(true);
                Session session = new Session(s);
                String greeting = session.reply();
                if (!greeting.startsWith("220")) throw new IOException("greeting " + greeting);
                String ehlo = session.command("EHLO soak.example");
                if (!ehlo.startsWith("250")) throw new IOException("EHLO " + ehlo);
                return session;
            } catch (IOException e) {
                s.close();
                throw e;
            }
        }

        String command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reply();
        }

        /** The last line of one reply. */
        String reply() throws IOException {
            while (true) {
                var b = new ByteArrayOutputStream(80);
                for (int c; (c = in.read()) != '\n'; ) {
                    if (c < 0) throw new IOException("connection closed by the server");
                    if (c != '\r') b.write(c);
                }
                String line = b.toString(StandardCharsets.ISO_8859_1);
                if (line.length() < 4 || line.charAt(3) != '-') return line;
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

    // ---------------------------------------------------------------- the report

    private int report(double minutes, Instant started, boolean exited, int exitCode, long stopMs) throws IOException {
        Map<String, Integer> eventIds = new HashMap<>();
        Map<String, java.util.Set<String>> eventTokens = new HashMap<>(); // event id -> the X-Soak-Ids it was journaled with
        Map<String, Integer> tokens = new HashMap<>();
        java.util.Set<String> journaled = new java.util.HashSet<>();
        long records = 0;
        try (var r = new JournalReader(data.resolve("journal"), 1)) {
            for (Optional<JournalRecord> rec = r.next(); rec.isPresent(); rec = r.next()) {
                records++;
                JournalEntry e = JournalEntry.decode(rec.get().payload());
                journaled.add(e.messageId());
                String token = token(e.raw());
                for (int i = 0; i < e.events().size(); i++) {
                    Matcher m = EVENT_ID.matcher(e.eventJson(i));
                    if (m.find()) {
                        eventIds.merge(m.group(1), 1, Integer::sum);
                        eventTokens.computeIfAbsent(m.group(1), k -> new java.util.HashSet<>()).add(token == null ? "none:" + records : token);
                    }
                }
                if (token != null) tokens.merge(token, 1, Integer::sum);
            }
        }
        List<String> lost = acked.keySet().stream().filter(id -> !journaled.contains(id)).sorted().toList();
        long duplicateEventIds = eventIds.values().stream().filter(n -> n > 1).count();
        // a duplicate is explained when every record carrying it is the same message (a retry): consumers
        // de-duplicate those by id; one id on different messages would be a bug
        long unexplained = eventIds.entrySet().stream().filter(e -> e.getValue() > 1 && eventTokens.get(e.getKey()).size() > 1).count();
        long duplicateMessages = tokens.values().stream().filter(n -> n > 1).count();
        long[] all = merged();
        double maxHeap;
        int heapSamples;
        synchronized (heapAfterGcMb) {
            maxHeap = heapAfterGcMb.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            heapSamples = heapAfterGcMb.size();
        }
        Map<String, Long> bySource = new TreeMap<>();
        acked.values().forEach(src -> bySource.merge(src, 1L, Long::sum));

        System.out.printf("soak: %.1f min of mixed load against bouncemx run (-Xmx256m), from %s; honest senders: %d, %s%n", minutes,
                started.truncatedTo(ChronoUnit.SECONDS), SENDERS, sendIntervalNanos == 0 ? "unpaced" : String.format("%.0f messages/s in all", SENDERS * 1e9 / sendIntervalNanos));
        System.out.printf("machine: %d cores, %s %s %s; JDK %s (%s)%n", Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"));
        System.out.printf("messages acknowledged (250): %d %s%n", acked.size(), bySource);
        System.out.printf("lost (acknowledged, not in the journal): %d%s%n", lost.size(), lost.isEmpty() ? "" : " " + lost.subList(0, Math.min(10, lost.size())));
        System.out.printf("duplicate event ids in the journal: %d (of %d event ids, %d records)%n", duplicateEventIds, eventIds.size(), records);
        System.out.printf("duplicate event ids on different messages (not a retry of the same bytes): %d%n", unexplained);
        System.out.printf("messages journaled more than once (same X-Soak-Id: a retry whose earlier try was stored): %d (of %d)%n", duplicateMessages, tokens.size());
        System.out.printf("max heap after GC: %.1f MB (%d samples, every %d s; -Xmx256m)%n", maxHeap, heapSamples, HEAP_EVERY.toSeconds());
        System.out.printf("honest ack latency p50: %.2f ms%n", SmtpLoad.pct(all, 0.50));
        System.out.printf("honest ack latency p99: %.2f ms%n", SmtpLoad.pct(all, 0.99));
        System.out.printf("restarts (SIGKILL + start on the same data): %d%n", restarts);
        System.out.printf("daemon exits the soak did not cause: %d (lines with OutOfMemoryError in its output: %d)%n", unexpectedExits, outOfMemoryLines.get());
        System.out.printf("final SIGTERM: %s%n", exited ? "exit " + exitCode + " after " + stopMs + " ms" : "still running after " + stopMs + " ms (killed)");
        for (var e : new TreeMap<>(counts).entrySet()) System.out.printf("  %s: %d%n", e.getKey(), e.getValue().sum());
        System.out.printf("daemon log: %s%n", work.resolve("daemon.log"));
        return lost.isEmpty() && !acked.isEmpty() ? 0 : 1;
    }

    /** The X-Soak-Id of a journaled message (its first header: honest, 9 MB and trickled messages have one), or null. */
    private static String token(byte[] raw) {
        if (raw.length < TOKEN_HEADER.length || !Arrays.equals(raw, 0, TOKEN_HEADER.length, TOKEN_HEADER, 0, TOKEN_HEADER.length)) return null;
        int end = TOKEN_HEADER.length;
        while (end < raw.length && raw[end] != '\r' && raw[end] != '\n') end++;
        return new String(raw, TOKEN_HEADER.length, end - TOKEN_HEADER.length, StandardCharsets.US_ASCII);
    }

    /** One sender's ack latencies (nanos); written by its thread, read after it ended. */
    private static final class LatencyLog {
        long[] values = new long[4096];
        int n;

        void add(long nanos) {
            if (n == values.length) values = Arrays.copyOf(values, n * 2);
            values[n++] = nanos;
        }
    }

    private long[] merged() {
        int total = 0;
        for (LatencyLog l : latencies) total += l.n;
        long[] all = new long[total];
        int k = 0;
        for (LatencyLog l : latencies) {
            System.arraycopy(l.values, 0, all, k, l.n);
            k += l.n;
        }
        Arrays.sort(all);
        return all;
    }

    /** A reply's code and enhanced status ("421 4.4.2"); other texts ("no reply ...") as they are. */
    private static String code(String reply) {
        return reply.matches("^\\d{3}[ -].*") ? reply.substring(0, Math.min(reply.length(), 9)).strip() : reply;
    }

    private void count(String what) {
        counts.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    /** A client's back-off (a restart in progress, a refused connection); not a wait for a condition. */
    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
