package bouncemx.smtp;

import bouncemx.pipeline.Intake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.server.SMTPServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The SMTP listener: SubEthaSMTP 7.2 on a virtual-thread-per-session executor, with bouncemx's commands
 * ({@link Commands}), connection limits ({@link ConnectionLimits}), socket wrappers for deadlines and
 * replies ({@link ListenSocket}, {@link ConnectionSocket}, {@link ReplyStream}) and one
 * {@link InboundHandler} per mail transaction. Received messages go to the {@link Intake}.
 * <p>
 * {@link #start()} binds and throws {@link ListenException} (one readable line) when it cannot.
 * {@link #stop()} is graceful, unlike SubEthaSMTP's own stop, which drops live sessions: it stops
 * listening, answers 421 4.3.2 to new transactions, lets open transactions (including DATA and the wait
 * for the journal) finish up to {@code stopDeadline}, then closes the remaining sessions with 421 4.3.2.
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
    private final ListenSocket listener;
    private final SMTPServer server;
    private boolean started;
    private boolean stopped;

    public SmtpServer(SmtpSettings settings, Intake intake, MessageIds ids, Clock clock) throws IOException {
        this.settings = settings;
        SSLContext tls = settings.tls().enabled()
                ? TlsContext.load(Path.of(settings.tls().cert()), Path.of(settings.tls().key())) : null;
        this.edge = new Edge(settings, intake, ids, clock, tls);
        this.limits = new ConnectionLimits(settings.maxConnections(), settings.maxConnectionsPerIp());
        this.sessions = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("smtp-", 0).factory());
        this.listener = new ListenSocket(this::open);
        this.server = SMTPServer.port(settings.listen().getPort())
                .bindAddress(settings.listen().getAddress())
                .hostName(settings.hostname())
                .softwareName("bouncemx")
                .backlog(Math.min(4096, Math.max(50, settings.maxConnections())))
                .messageHandlerFactory(ctx -> new InboundHandler(edge, ctx))
                .executorService(sessions)
                // our limit answers first (ConnectionLimits); SubEthaSMTP's own, a bare 421, never fires
                .maxConnections(settings.maxConnections() + 10)
                .connectionTimeoutMs((int) Math.min(Integer.MAX_VALUE, settings.commandTimeout().toMillis()))
                .maxRecipients(settings.maxRecipients())
                .maxMessageSize((int) Math.min(Integer.MAX_VALUE, settings.maxMessageBytes()))
                .insertReceivedHeaders(false)
                .sessionHandler(limits)
                .serverSocketFactory(() -> listener)
                .build();
        for (Command c : Commands.all(edge)) server.getCommandHandler().addCommand(c);
    }

    /** Per accepted connection (accept thread): deadline, command timeout, our streams. */
    private ConnectionSocket open(Socket raw) throws IOException {
        var c = new Connection(raw, System.nanoTime() + settings.sessionDeadline().toNanos(),
                (int) Math.min(Integer.MAX_VALUE, settings.commandTimeout().toMillis()));
        var replies = new ReplyStream(raw.getOutputStream(), c, settings.maxBadCommands());
        c.replies(replies);
        return new ConnectionSocket(raw, new DeadlineInputStream(raw.getInputStream(), c), replies, c);
    }

    /** Binds and starts accepting; {@link ListenException} when the address cannot be used. */
    public synchronized void start() {
        if (started) throw new IllegalStateException("already started");
        started = true;
        try {
            server.start();
        } catch (RuntimeException e) {
            sessions.shutdownNow();
            stopped = true;
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ListenException("cannot listen for SMTP on " + display(settings.listen()) + ": "
                    + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
        }
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return new InetSocketAddress(settings.listen().getAddress(), server.getPortAllocated());
    }

    public int openConnections() {
        return limits.open();
    }

    public int openTransactions() {
        return edge.transactions.open();
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
        long end = System.nanoTime() + settings.stopDeadline().toNanos();
        try {
            listener.stopListening(); // first, so that draining() implies no new connections
        } catch (IOException e) {
            log.warn("closing the SMTP listener: {}", e.toString());
        }
        edge.drain();
        log.info("SMTP stopping: no new connections; waiting up to {} for {} open transaction(s)",
                settings.stopDeadline(), edge.transactions.open());
        boolean drained;
        try {
            drained = edge.transactions.awaitNone(end);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        for (Connection c : limits.snapshot()) c.closeWith(SmtpReply.SHUTTING_DOWN);
        if (!drained) {
            log.warn("SMTP stop deadline passed with {} transaction(s) open; closing them", edge.transactions.open());
            sessions.shutdownNow();
        }
        server.stop();
        log.info("SMTP stopped");
        return drained;
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
