package bouncemx.smtp;

import bouncemx.pipeline.Intake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The SMTP listener: one platform thread accepts connections and each one runs as an {@link SmtpSession} on
 * its own virtual thread; received messages go to the {@link Intake}.
 * <p>
 * Why bouncemx owns the session loop instead of running SubEthaSMTP's (which it used up to 2026-12): by then
 * every SubEthaSMTP command had been replaced, its replies were rewritten by a regex to add enhanced status
 * codes, and its socket was wrapped three times to add deadlines and reply batching; the defects that remained
 * lived in those seams and could not be closed from outside: a reply writer that buffered without bound for a
 * client that pipelines and never reads (one connection killed a 512 MB JVM), socket writes without a deadline
 * that held the lock a graceful stop needed, and a per-read timeout that let a one-byte-per-second client hold a
 * session for 30 minutes. What was left of the library was its accept loop and a line reader; both are a few
 * dozen lines here, and the whole protocol is now one state machine ({@link SmtpSession}).
 * <p>
 * {@link #start()} binds and throws {@link ListenException} (one readable line) when it cannot.
 * {@link #stop()} is graceful and bounded: it stops listening (the kernel refuses new connections), closes idle
 * sessions at once with 421 4.3.2, answers 421 4.3.2 to new transactions, lets open transactions (DATA and the
 * wait for the journal included) finish until {@code stopDeadline}, then closes what is left with 421 4.3.2,
 * each close waiting at most {@link SmtpSession#STOP_WRITE_NANOS} for a client that does not read. It never
 * waits on a lock a session holds, so it returns within stopDeadline + about 3 s whatever clients do.
 * Thread-safe.
 */
public final class SmtpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmtpServer.class);

    /** The listener could not be opened (address in use, no permission, unknown address). */
    public static final class ListenException extends RuntimeException {
        public ListenException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final SmtpSettings settings;
    private final Edge edge;
    private final ConnectionLimits limits;
    private final ExecutorService sessions;
    private final DeadlineSweeper deadlines = new DeadlineSweeper();
    private ServerSocket listener;
    private Thread acceptor;
    private volatile boolean listening;
    private boolean started;
    private boolean stopped;

    public SmtpServer(SmtpSettings settings, Intake intake, MessageIds ids, Clock clock) throws IOException {
        this(settings, intake, ids, clock, RecipientSignaturePolicy.NONE);
    }

    /** A server whose RCPT also applies {@code signatures} (signed VERP, {@code verp.require_signature}). */
    public SmtpServer(SmtpSettings settings, Intake intake, MessageIds ids, Clock clock,
                      RecipientSignaturePolicy signatures) throws IOException {
        this(settings, intake, ids, clock, signatures, Availability.ALWAYS, SmtpObserver.NONE);
    }

    /**
     * A server that also asks {@code availability} whether to greet a new connection (else 421 4.3.2) and
     * whether to start a transaction (else 452 4.3.1 at MAIL).
     */
    public SmtpServer(SmtpSettings settings, Intake intake, MessageIds ids, Clock clock,
                      RecipientSignaturePolicy signatures, Availability availability) throws IOException {
        this(settings, intake, ids, clock, signatures, availability, SmtpObserver.NONE);
    }

    /** A server that also reports connections, replies and refusals to {@code observer} (metrics). */
    public SmtpServer(SmtpSettings settings, Intake intake, MessageIds ids, Clock clock,
                      RecipientSignaturePolicy signatures, SmtpObserver observer) throws IOException {
        this(settings, intake, ids, clock, signatures, Availability.ALWAYS, observer);
    }

    /** A server with readiness ({@code availability}) and metrics ({@code observer}). */
    public SmtpServer(SmtpSettings settings, Intake intake, MessageIds ids, Clock clock,
                      RecipientSignaturePolicy signatures, Availability availability, SmtpObserver observer) throws IOException {
        this.settings = settings;
        SSLContext tls = tlsContext(settings);
        this.edge = new Edge(Edge.Rules.of(settings, signatures, tls), intake, ids, clock, deadlines, availability, observer);
        this.limits = new ConnectionLimits(settings.maxConnections(), settings.maxConnectionsPerIp());
        this.sessions = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("smtp-", 0).factory());
    }

    private static SSLContext tlsContext(SmtpSettings s) throws IOException {
        return s.tls().enabled() ? TlsContext.load(Path.of(s.tls().cert()), Path.of(s.tls().key())) : null;
    }

    /**
     * A configuration reload: {@code next} (all but its listen address, which needs a restart) and
     * {@code signatures} apply to new connections at once and to open sessions from their next command; the
     * STARTTLS certificate is read again. Nothing changes when this throws (a TLS file that cannot be loaded,
     * a bad domain entry).
     */
    public void reconfigure(SmtpSettings next, RecipientSignaturePolicy signatures) throws IOException {
        next = next.withListen(settings.listen());
        var rules = Edge.Rules.of(next, signatures, tlsContext(next)); // everything that can fail, first
        edge.rules(rules);
        limits.limits(next.maxConnections(), next.maxConnectionsPerIp());
    }

    /** The settings in force now (the last reload's). */
    public SmtpSettings settings() {
        return edge.rules().settings();
    }

    /** Binds and starts accepting; {@link ListenException} when the address cannot be used. */
    public synchronized void start() {
        if (started) throw new IllegalStateException("already started");
        started = true;
        try {
            var ss = new ServerSocket();
            ss.setReuseAddress(true);
            try {
                ss.bind(settings.listen(), Math.min(4096, Math.max(50, settings.maxConnections())));
            } catch (IOException e) {
                ss.close();
                throw e;
            }
            listener = ss;
        } catch (IOException | RuntimeException e) {
            stopped = true;
            sessions.shutdownNow();
            deadlines.close();
            throw new ListenException("cannot listen for SMTP on " + display(settings.listen()) + ": "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
        deadlines.start();
        listening = true;
        acceptor = Thread.ofPlatform().name("smtp-accept").daemon().start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (listening) {
            Socket raw;
            try {
                raw = listener.accept();
            } catch (IOException e) {
                if (!listening) return; // closed by stop()
                log.warn("SMTP accept failed: {}", e.toString());
                pause(); // e.g. out of file descriptors: do not spin
                continue;
            }
            try {
                raw.setTcpNoDelay(true);
                sessions.execute(new SmtpSession(edge, limits, raw));
            } catch (IOException | RuntimeException e) {
                log.warn("cannot start an SMTP session: {}", e.toString());
                try {
                    raw.close();
                } catch (IOException ignored) {
                    // nothing more to do for this connection
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return new InetSocketAddress(settings.listen().getAddress(), listener.getLocalPort());
    }

    public int openConnections() {
        return limits.open();
    }

    public int openTransactions() {
        return edge.transactions.open();
    }

    /** Message bytes the sessions hold now (reserved from {@code smtp.max_buffered_bytes}). */
    public long bufferedBytes() {
        return edge.budget.used();
    }

    /** True from {@link #start()} until a stop begins: the listener accepts connections. */
    public boolean listening() {
        return listening;
    }

    /** True once a stop has begun: the listener is closed and new transactions are refused. */
    public boolean draining() {
        return edge.draining();
    }

    /**
     * Graceful stop (see the class comment); returns true when every open transaction finished in time.
     * Does not close the intake. Idempotent.
     */
    public synchronized boolean stop() {
        if (stopped || !started) return true;
        stopped = true;
        Duration stopDeadline = edge.rules().settings().stopDeadline();
        long end = System.nanoTime() + stopDeadline.toNanos();
        listening = false;
        try {
            listener.close(); // first, so that draining() implies no new connections
        } catch (IOException e) {
            log.warn("closing the SMTP listener: {}", e.toString());
        }
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        edge.drain();
        closeAll(true);
        log.info("SMTP stopping: no new connections; waiting up to {} for {} open transaction(s)",
                stopDeadline, edge.transactions.open());
        boolean drained;
        try {
            drained = edge.transactions.awaitNone(end);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        if (!drained) log.warn("SMTP stop deadline passed with {} transaction(s) open; closing them", edge.transactions.open());
        closeAll(false);
        sessions.shutdown();
        deadlines.close();
        log.info("SMTP stopped");
        return drained;
    }

    /**
     * Sends 421 4.3.2 to the sessions (only the idle ones when {@code idleOnly}) and closes them, all at once
     * on virtual threads; returns within about {@link SmtpSession#STOP_WRITE_NANOS} whatever the clients do.
     */
    private void closeAll(boolean idleOnly) {
        List<Thread> closers = new ArrayList<>();
        for (SmtpSession s : limits.snapshot()) {
            if (idleOnly && !s.idle()) continue;
            closers.add(Thread.ofVirtual().name("smtp-stop").start(() -> s.closeWith(SmtpReply.SHUTTING_DOWN)));
        }
        long end = System.nanoTime() + SmtpSession.STOP_WRITE_NANOS + TimeUnit.MILLISECONDS.toNanos(500);
        for (Thread t : closers) {
            try {
                long left = end - System.nanoTime();
                if (left <= 0 || !t.join(java.time.Duration.ofNanos(left))) break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    static String display(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
