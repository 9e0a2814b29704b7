package bouncemx.smtp;

import bouncemx.pipeline.Intake;

import javax.net.ssl.SSLContext;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every session of one server shares: settings, the early-check rules, the intake, message ids, the
 * clock, the buffer budget, the scheduler that enforces write deadlines, the count of open transactions,
 * whether the server is draining, whether the daemon is ready ({@link Availability}) and the observer that
 * metrics listen on. Thread-safe.
 */
final class Edge {
    final SmtpSettings settings;
    final RecipientDomainPolicy domains;
    final RecipientSignaturePolicy signatures;
    final MessageSizeLimit size;
    final Intake intake;
    final MessageIds ids;
    final Clock clock;
    final SSLContext tls; // null: no STARTTLS
    final BufferBudget budget;
    final ScheduledExecutorService deadlines;
    final Availability availability;
    /** The refusal of a connection while the daemon is not ready (RFC 5321 3.1: 421 with the server's name). */
    final SmtpReply notReady;
    final SmtpObserver observer;
    final Transactions transactions = new Transactions();
    private volatile boolean draining;

    Edge(SmtpSettings settings, Intake intake, MessageIds ids, Clock clock, SSLContext tls,
         ScheduledExecutorService deadlines, RecipientSignaturePolicy signatures, Availability availability,
         SmtpObserver observer) {
        this.observer = observer;
        this.settings = settings;
        this.domains = new RecipientDomainPolicy(settings.domains());
        this.signatures = signatures;
        this.size = new MessageSizeLimit(settings.maxMessageBytes());
        this.intake = intake;
        this.ids = ids;
        this.clock = clock;
        this.tls = tls;
        this.budget = new BufferBudget(settings.maxBufferedBytes());
        this.deadlines = deadlines;
        this.availability = availability;
        this.notReady = new SmtpReply(421, "4.3.2", settings.hostname() + " Service not available, try later");
    }

    boolean draining() { return draining; }

    void drain() { draining = true; }

    /** Open mail transactions (MAIL accepted, not yet ended); a graceful stop waits for none. */
    static final class Transactions {
        private int open;

        synchronized void enter() { open++; }

        synchronized void exit() {
            if (--open == 0) notifyAll();
        }

        synchronized int open() { return open; }

        /** Waits until no transaction is open or the deadline passes; true when none is open. */
        synchronized boolean awaitNone(long deadlineNanos) throws InterruptedException {
            while (open > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) return false;
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
