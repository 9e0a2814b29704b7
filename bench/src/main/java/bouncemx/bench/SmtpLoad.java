package bouncemx.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * SMTP load driver (not a test): N concurrent sessions, each on one persistent connection, each sending
 * MAIL FROM:&lt;&gt; / RCPT TO / DATA / message / "." and waiting for the reply to the final "." before the
 * next message (no pipelining, no RSET). Works against any SMTP server (bouncemx, Postfix smtp-sink), so
 * the same client cost is in both figures of a comparison.
 *
 * <p>Usage:
 * <pre>
 *   SmtpLoad load HOST:PORT SESSIONS WARMUP_S MEASURE_S MESSAGES [LABEL]
 *       MESSAGES: "corpus" (DIR/eml/*.eml, DIR from -Dbouncemx.corpus) or "synthetic:BYTES" (a valid DSN
 *       padded to BYTES in its returned original)
 *   SmtpLoad idle HOST:PORT CONNECTIONS METRICS_URL [JAVA_PID]
 *       opens CONNECTIONS sessions (after EHLO) and leaves them idle, asks the JVM JAVA_PID for a GC
 *       (jcmd, when given), reads heap used from METRICS_URL, checks that a new session still gets its
 *       message accepted and that the idle sessions still answer NOOP
 *   SmtpLoad freeport                      prints a free loopback port
 *   SmtpLoad waitport HOST:PORT SECONDS    exit 0 once HOST:PORT accepts a connection, 1 after SECONDS
 * </pre>
 * Output: human-readable lines, then one machine-readable line starting with "RESULT" (key=value pairs).
 * Latency: from writing the final ".\r\n" to reading the whole reply (nanoTime, per message, only in the
 * measured window). A connection that fails or is closed by the server is counted in "errors" and opened
 * again; replies other than 250 to the final "." are counted by code in "non250". Exit status 0 when it
 * ran (whatever the replies), 2 for bad usage, 1 when the server cannot be reached at all.
 */
public final class SmtpLoad {

    static final String RCPT = "b+user=example.com@bounce.example";

    public static void main(String[] args) throws Exception {
        if (args.length < 1) usage("no mode");
        switch (args[0]) {
            case "load" -> {
                if (args.length < 6) usage("load needs HOST:PORT SESSIONS WARMUP_S MEASURE_S MESSAGES");
                InetSocketAddress addr = address(args[1]);
                int sessions = Integer.parseInt(args[2]);
                double warmup = Double.parseDouble(args[3]);
                double measure = Double.parseDouble(args[4]);
                List<byte[]> messages = messages(args[5]);
                String label = args.length > 6 ? args[6] : args[5];
                System.exit(load(addr, sessions, warmup, measure, messages, label));
            }
            case "idle" -> {
                if (args.length < 4) usage("idle needs HOST:PORT CONNECTIONS METRICS_URL [JAVA_PID]");
                System.exit(idle(address(args[1]), Integer.parseInt(args[2]), args[3], args.length > 4 ? args[4] : null));
            }
            case "freeport" -> { // a free loopback port, for a server that cannot bind port 0 and report it
                try (var ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                    System.out.println(ss.getLocalPort());
                }
            }
            case "waitport" -> { // waits until HOST:PORT accepts a connection: exit 0, or 1 after SECONDS
                if (args.length < 3) usage("waitport needs HOST:PORT SECONDS");
                long end = System.nanoTime() + (long) (Double.parseDouble(args[2]) * 1e9);
                while (true) {
                    try (Socket s = new Socket()) {
                        s.connect(address(args[1]), 1000);
                        System.exit(0);
                    } catch (IOException e) {
                        if (System.nanoTime() > end) System.exit(1);
                        Thread.sleep(50); // polling a port that is not yet bound
                    }
                }
            }
            default -> usage("unknown mode " + args[0]);
        }
    }

    private static void usage(String why) {
        System.err.println("SmtpLoad: " + why + "; usage: SmtpLoad load HOST:PORT SESSIONS WARMUP_S MEASURE_S corpus|synthetic:BYTES [LABEL]"
                + " | SmtpLoad idle HOST:PORT CONNECTIONS METRICS_URL [JAVA_PID]");
        System.exit(2);
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) usage("address must be HOST:PORT: " + hostPort);
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    // ---------------------------------------------------------------- messages

    /** The messages to send, each already in wire form: CRLF line ends, dot-stuffed, ending in CRLF (without the "."). */
    static List<byte[]> messages(String spec) throws IOException {
        List<byte[]> raw = new ArrayList<>();
        if (spec.equals("corpus")) {
            Path dir = Path.of(System.getProperty("bouncemx.corpus", "../shared/corpus"), "eml");
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) raw.add(Files.readAllBytes(p));
            }
            if (raw.isEmpty()) throw new IllegalStateException("no .eml files in " + dir.toAbsolutePath());
        } else if (spec.startsWith("synthetic:")) {
            int size = Integer.parseInt(spec.substring("synthetic:".length()));
            for (int i = 0; i < 16; i++) raw.add(syntheticDsn(size, i)); // a few variants: different recipients and ids
        } else {
            usage("MESSAGES must be corpus or synthetic:BYTES, not " + spec);
        }
        List<byte[]> wire = new ArrayList<>(raw.size());
        for (byte[] m : raw) wire.add(toWire(m));
        return wire;
    }

    /**
     * A valid RFC 3464 delivery status notification of about {@code size} bytes (before dot-stuffing): a
     * human part, the machine-readable status (5.1.1 user unknown) and the returned original, whose body
     * is padded with text lines to reach the size.
     */
    static byte[] syntheticDsn(int size, int variant) {
        String boundary = "=_bench_" + variant + "_boundary";
        String rcpt = "user" + variant + "@example.com";
        String head = "Return-Path: <>\n"
                + "Received: from mx.example.com (mx.example.com [192.0.2.10])\n\tby bounce.example with ESMTP; Mon, 23 Nov 2026 10:00:00 +0000\n"
                + "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\n"
                + "To: b+user=example.com@bounce.example\n"
                + "Subject: Undelivered Mail Returned to Sender\n"
                + "Date: Mon, 23 Nov 2026 10:00:00 +0000\n"
                + "Message-ID: <bench." + variant + "@mx.example.com>\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"" + boundary + "\"\n"
                + "Auto-Submitted: auto-replied\n\n"
                + "This is a MIME-encapsulated message.\n\n"
                + "--" + boundary + "\n"
                + "Content-Type: text/plain; charset=us-ascii\n\n"
                + "This is the mail system at host mx.example.com.\n\n"
                + "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n"
                + "<" + rcpt + ">: host mx.example.com[192.0.2.20] said: 550 5.1.1 <" + rcpt + ">:\n"
                + "    Recipient address rejected: User unknown in local recipient table (in\n    reply to RCPT TO command)\n\n"
                + "--" + boundary + "\n"
                + "Content-Type: message/delivery-status\n\n"
                + "Reporting-MTA: dns; mx.example.com\n"
                + "X-Postfix-Queue-ID: 4F1A2B3C4D" + variant + "\n"
                + "Arrival-Date: Mon, 23 Nov 2026 09:59:58 +0000\n\n"
                + "Final-Recipient: rfc822; " + rcpt + "\n"
                + "Original-Recipient: rfc822;" + rcpt + "\n"
                + "Action: failed\n"
                + "Status: 5.1.1\n"
                + "Remote-MTA: dns; mx.example.com\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 <" + rcpt + ">: Recipient address rejected: User\n    unknown in local recipient table\n\n"
                + "--" + boundary + "\n"
                + "Content-Type: message/rfc822\n\n"
                + "Return-Path: <b+" + rcpt.replace('@', '=') + "@bounce.example>\n"
                + "From: News <news@example.com>\n"
                + "To: <" + rcpt + ">\n"
                + "Subject: Our newsletter\n"
                + "Date: Mon, 23 Nov 2026 09:59:57 +0000\n"
                + "Message-ID: <orig." + variant + "@example.com>\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=us-ascii\n\n";
        String tail = "\n--" + boundary + "--\n";
        StringBuilder sb = new StringBuilder(size + 100).append(head);
        String line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.\n";
        int line_no = 0;
        while (sb.length() + tail.length() < size) {
            String l = (line_no++) + " " + line;
            int room = size - tail.length() - sb.length();
            if (l.length() > room) l = room > 1 ? l.substring(0, room - 1) + "\n" : "\n";
            sb.append(l);
        }
        return sb.append(tail).toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** CRLF line ends (bare LF and bare CR become CRLF), a "." at a line start doubled, a final CRLF. */
    static byte[] toWire(byte[] m) {
        var out = new ByteArrayOutputStream(m.length + m.length / 20 + 8);
        boolean lineStart = true;
        for (int i = 0; i < m.length; i++) {
            byte b = m[i];
            if (b == '\r' || b == '\n') {
                if (b == '\r' && i + 1 < m.length && m[i + 1] == '\n') i++;
                out.write('\r');
                out.write('\n');
                lineStart = true;
                continue;
            }
            if (lineStart && b == '.') out.write('.');
            out.write(b);
            lineStart = false;
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- one SMTP session

    /** One client connection; not thread-safe (one per session thread). */
    static final class Session implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] buf = new byte[8192];
        private int pos, lim;
        String lastReply = "";

        Session(InetSocketAddress addr) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            socket.connect(addr, 10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            expect(reply(), 220, "banner");
            command("EHLO load.example\r\n", 250);
        }

        /** Sends one command and checks the reply code; throws with the reply when it differs. */
        int command(String line, int expected) throws IOException {
            out.write(line.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return expect(reply(), expected, line.trim());
        }

        /** Sends the message body, then the final ".", and returns the reply code to it; nanos[0] = ack latency. */
        int message(byte[] wire, long[] nanos) throws IOException {
            out.write(wire);
            long t0 = System.nanoTime();
            out.write(DOT);
            int code = reply();
            nanos[0] = System.nanoTime() - t0;
            return code;
        }

        private static final byte[] DOT = ".\r\n".getBytes(StandardCharsets.US_ASCII);

        private static int expect(int code, int expected, String what) throws IOException {
            if (code != expected) throw new ReplyException(what, code);
            return code;
        }

        /** Reads one (possibly multi-line) reply; returns its code; keeps its last line in lastReply. */
        int reply() throws IOException {
            while (true) {
                String line = readLine();
                if (line.length() < 3) throw new IOException("malformed reply line: " + line);
                if (line.length() == 3 || line.charAt(3) != '-') {
                    lastReply = line;
                    try {
                        return Integer.parseInt(line.substring(0, 3));
                    } catch (NumberFormatException e) {
                        throw new IOException("malformed reply line: " + line);
                    }
                }
            }
        }

        private String readLine() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            while (true) {
                if (pos == lim) {
                    lim = in.read(buf);
                    pos = 0;
                    if (lim < 0) {
                        lim = 0;
                        throw new IOException("connection closed by the server" + (sb.isEmpty() ? "" : " after " + sb));
                    }
                }
                byte b = buf[pos++];
                if (b == '\n') {
                    int n = sb.length();
                    if (n > 0 && sb.charAt(n - 1) == '\r') sb.setLength(n - 1);
                    return sb.toString();
                }
                sb.append((char) (b & 0xff));
            }
        }

        @Override
        public void close() {
            try {
                socket.setSoTimeout(2000);
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                reply();
            } catch (IOException ignored) {
                // closing anyway
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    static final class ReplyException extends IOException {
        final int code;

        ReplyException(String what, int code) {
            super("reply " + code + " to " + what);
            this.code = code;
        }
    }

    // ---------------------------------------------------------------- load

    static int load(InetSocketAddress addr, int sessions, double warmupS, double measureS, List<byte[]> messages, String label)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupS * 1e9);
        long measureTo = measureFrom + (long) (measureS * 1e9);
        var ok = new LongAdder();
        var bytes = new LongAdder();
        var errors = new LongAdder();
        var non250 = new ConcurrentHashMap<String, LongAdder>();
        var firstError = new AtomicLong();
        var errorSamples = new ConcurrentHashMap<String, LongAdder>();
        long[][] latencies = new long[sessions][];
        int[] counts = new int[sessions];
        Thread[] threads = new Thread[sessions];
        for (int t = 0; t < sessions; t++) {
            int me = t;
            threads[t] = Thread.ofPlatform().name("load-" + t).start(() -> {
                long[] lat = new long[4096];
                int n = 0;
                int next = me * 7919 % messages.size();
                long[] nanos = new long[1];
                Session s = null;
                while (System.nanoTime() < measureTo) {
                    try {
                        if (s == null) s = new Session(addr);
                        byte[] m = messages.get(next);
                        next = (next + 1) % messages.size();
                        s.command("MAIL FROM:<>\r\n", 250);
                        s.command("RCPT TO:<" + RCPT + ">\r\n", 250);
                        s.command("DATA\r\n", 354);
                        int code = s.message(m, nanos);
                        long now = System.nanoTime();
                        if (now - nanos[0] >= measureFrom && now <= measureTo) {
                            if (code == 250) {
                                ok.increment();
                                bytes.add(m.length);
                                if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                                lat[n++] = nanos[0];
                            } else {
                                non250.computeIfAbsent(s.lastReply.length() > 60 ? s.lastReply.substring(0, 60) : s.lastReply,
                                        k -> new LongAdder()).increment();
                            }
                        }
                        if (code == 421) { // the server closes after 421
                            s.close();
                            s = null;
                        }
                    } catch (IOException | RuntimeException e) {
                        long now = System.nanoTime();
                        if (now >= measureFrom && now <= measureTo) {
                            errors.increment();
                            firstError.compareAndSet(0, now);
                            String key = String.valueOf(e.getMessage());
                            errorSamples.computeIfAbsent(key.length() > 80 ? key.substring(0, 80) : key, k -> new LongAdder()).increment();
                        }
                        if (s != null) s.close();
                        s = null;
                        if (e instanceof java.net.ConnectException) {
                            try {
                                Thread.sleep(50); // back off: the server refuses connections
                            } catch (InterruptedException ie) {
                                return;
                            }
                        }
                    }
                }
                if (s != null) s.close();
                latencies[me] = lat;
                counts[me] = n;
            });
        }
        for (Thread t : threads) t.join();
        int total = 0;
        for (int c : counts) total += c;
        long[] all = new long[total];
        int k = 0;
        for (int t = 0; t < sessions; t++) {
            System.arraycopy(latencies[t], 0, all, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(all);
        long accepted = ok.sum();
        double rate = accepted / measureS;
        double p50 = pct(all, 0.50), p99 = pct(all, 0.99), max = all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6;
        long non = non250.values().stream().mapToLong(LongAdder::sum).sum();
        double avgBytes = accepted == 0 ? 0 : (double) bytes.sum() / accepted;
        System.out.printf("%s: %d sessions to %s, %.0f s warm-up, %.0f s measured%n", label, sessions, addr, warmupS, measureS);
        System.out.printf("  accepted %,d messages (%,.0f bytes on the wire on average): %,.0f messages/s, %.1f MB/s%n",
                accepted, avgBytes, rate, rate * avgBytes / 1e6);
        System.out.printf("  ack latency after the final \".\": p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", p50, p99, max);
        System.out.printf("  non-250 replies to \".\": %d%s; connection/command errors: %d%n", non,
                non == 0 ? "" : " " + new TreeMap<>(sum(non250)), errors.sum());
        if (!errorSamples.isEmpty()) System.out.printf("  errors: %s%n", new TreeMap<>(sum(errorSamples)));
        System.out.printf("RESULT label=%s sessions=%d seconds=%.0f accepted=%d rate=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non250=%d errors=%d avg_bytes=%.0f%n",
                label, sessions, measureS, accepted, rate, p50, p99, max, non, errors.sum(), avgBytes);
        return accepted == 0 && errors.sum() > 0 ? 1 : 0;
    }

    private static Map<String, Long> sum(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((key, v) -> out.put(key, v.sum()));
        return out;
    }

    /** The p-quantile (0..1, nearest rank) of sorted nanosecond values, in milliseconds; NaN when empty. */
    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    // ---------------------------------------------------------------- idle connections

    static int idle(InetSocketAddress addr, int connections, String metricsUrl, String javaPid) throws Exception {
        gc(javaPid);
        double heapBase = heapUsed(metricsUrl);
        System.out.printf("idle: daemon heap used %.1f MB before the connections (after a GC)%n", heapBase / 1e6);
        List<Session> open = new ArrayList<>(connections);
        int failed = 0;
        String firstFailure = null;
        long t0 = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            try {
                open.add(new Session(addr));
            } catch (IOException e) {
                failed++;
                if (firstFailure == null) firstFailure = e.getMessage();
            }
        }
        double openS = (System.nanoTime() - t0) / 1e9;
        System.out.printf("idle: %d of %d connections open after EHLO in %.1f s%s%n", open.size(), connections, openS,
                failed == 0 ? "" : " (" + failed + " failed, first: " + firstFailure + ")");
        double heapBefore = heapUsed(metricsUrl);
        gc(javaPid);
        double heap = heapUsed(metricsUrl);
        double heapCommitted = heapCommitted(metricsUrl);
        System.out.printf("idle: daemon heap used %.1f MB (before the GC: %.1f MB), committed %.1f MB%n", heap / 1e6, heapBefore / 1e6,
                heapCommitted / 1e6);
        // a new session still gets a message accepted
        int code;
        long[] nanos = new long[1];
        String reply;
        try (Session s = new Session(addr)) {
            s.command("MAIL FROM:<>\r\n", 250);
            s.command("RCPT TO:<" + RCPT + ">\r\n", 250);
            s.command("DATA\r\n", 354);
            code = s.message(toWire(syntheticDsn(2048, 0)), nanos);
            reply = s.lastReply;
        } catch (IOException e) {
            code = -1;
            reply = e.getMessage();
        }
        System.out.printf("idle: new session while they are open: %s (%.2f ms)%n", reply, nanos[0] / 1e6);
        int alive = 0;
        for (Session s : open) {
            try {
                if (s.command("NOOP\r\n", 250) == 250) alive++;
            } catch (IOException ignored) {
                // counted as not alive
            }
        }
        System.out.printf("idle: %d of %d idle sessions still answer NOOP%n", alive, open.size());
        for (Session s : open) s.close();
        System.out.printf("RESULT label=idle connections=%d open=%d alive=%d heap_used_mb=%.1f heap_base_mb=%.1f heap_before_gc_mb=%.1f heap_committed_mb=%.1f new_session=%d%n",
                connections, open.size(), alive, heap / 1e6, heapBase / 1e6, heapBefore / 1e6, heapCommitted / 1e6, code);
        return 0;
    }

    /** Asks the JVM {@code pid} for a full GC (jcmd, waits for it); does nothing without a pid. */
    private static void gc(String pid) throws IOException, InterruptedException {
        if (pid == null) return;
        Process p = new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true).start();
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        if (p.waitFor() != 0) System.out.println("idle: jcmd " + pid + " GC.run failed (the heap figure is without a GC)");
    }

    private static double heapUsed(String url) throws Exception {
        return metricSum(url, "jvm_memory_used_bytes{area=\"heap\"");
    }

    private static double heapCommitted(String url) throws Exception {
        return metricSum(url, "jvm_memory_committed_bytes{area=\"heap\"");
    }

    /** Sums the samples whose line starts with {@code prefix} (all pools of one area). */
    private static double metricSum(String url, String prefix) throws Exception {
        try (HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            String body = c.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            for (String line : body.split("\n")) {
                if (line.startsWith(prefix)) sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
            return sum;
        }
    }
}
