package bouncemx.smtp;

import bouncemx.pipeline.Intake;

import javax.net.ssl.SSLContext;
import java.time.Clock;

/**
 * What every session of one server shares: the current {@link Rules} (settings and the early-check rules,
 * replaced as a whole by a configuration reload), the intake, message ids, the clock, the buffer budget, the
 * sweeper that enforces the deadlines of blocking calls, the count of open transactions, whether the server is draining,
 * whether the daemon is ready ({@link Availability}) and the observer that metrics listen on. Thread-safe.
 */
final class Edge {
    private volatile Rules rules;
    final Intake intake;
    final MessageIds ids;
    final Clock clock;
    final BufferBudget budget;
    final DeadlineSweeper deadlines;
    final Availability availability;
    final SmtpObserver observer;
    final Transactions transactions = new Transactions();
    private volatile boolean draining;

    /**
     * Settings and the rules derived from them, one immutable snapshot: a session reads it once per command
     * ({@link #rules()}, one volatile read), so a reload never mixes old and new values within a command.
     */
    record Rules(SmtpSettings settings, RecipientDomainPolicy domains, RecipientSignaturePolicy signatures,
                 MessageSizeLimit size, SSLContext tls, SmtpReply notReady) {
        /**
         * @param tls null: no STARTTLS. {@code notReady} is the refusal of a connection while the daemon is not
         *            ready (RFC 5321 3.1: 421 with the server's name).
         */
        static Rules of(SmtpSettings settings, RecipientSignaturePolicy signatures, SSLContext tls) {
            return new Rules(settings, new RecipientDomainPolicy(settings.domains()), signatures,
                    new MessageSizeLimit(settings.maxMessageBytes()), tls,
                    new SmtpReply(421, "4.3.2", settings.hostname() + " Service not available, try later"));
        }
    }

    Edge(Rules rules, Intake intake, MessageIds ids, Clock clock, DeadlineSweeper deadlines,
         Availability availability, SmtpObserver observer) {
        this.rules = rules;
        this.observer = observer;
        this.intake = intake;
        this.ids = ids;
        this.clock = clock;
        this.budget = new BufferBudget(rules.settings().maxBufferedBytes());
        this.deadlines = deadlines;
        this.availability = availability;
    }

    Rules rules() { return rules; }

    /** Replaces the rules (a reload); sessions see them from their next command on. */
    void rules(Rules next) {
        rules = next;
        budget.maxBytes(next.settings().maxBufferedBytes());
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
