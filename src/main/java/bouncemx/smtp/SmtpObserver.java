package bouncemx.smtp;

import java.util.Locale;

/**
 * What the SMTP edge reports as it works, for metrics ({@code metrics.SmtpMeters}): connections admitted and
 * refused, every reply by command and code, recipients refused. Called on session threads, many at once:
 * implementations are thread-safe, cheap and never block. Nothing here carries an address or an IP.
 */
public interface SmtpObserver {

    /** Why a connection was refused before its greeting. */
    enum ConnectionRefusal {
        /** smtp.max_connections reached (421 4.7.0). */
        LIMIT,
        /** smtp.max_connections_per_ip reached for the client's address (421 4.7.0). */
        PER_IP,
        /** The daemon is not ready (journal, disk reserve): 421 4.3.2 at the greeting. */
        NOT_READY;

        private final String label = name().toLowerCase(Locale.ROOT);

        public String label() { return label; }
    }

    /** Why a RCPT was refused. */
    enum RecipientRefusal {
        /** The domain is not one of smtp.domains (550 5.7.1). */
        RELAY,
        /** smtp.max_recipients reached (452 4.5.3). */
        LIMIT,
        /** verp.require_signature and no valid signature (550 5.7.1). */
        SIGNATURE,
        /** Not an address (501 5.1.3, 555). */
        SYNTAX;

        private final String label = name().toLowerCase(Locale.ROOT);

        public String label() { return label; }
    }

    /** A connection was admitted (it gets the 220 greeting). */
    void connectionAccepted();

    /** A connection was refused before its greeting. */
    void connectionRefused(ConnectionRefusal cause);

    /** One reply with {@code code} (e.g. 250) went into the session's output, answering {@code command}. */
    void reply(SmtpCommand command, int code);

    /** A RCPT was refused. */
    void recipientRefused(RecipientRefusal cause);

    /** Reports nothing. */
    SmtpObserver NONE = new SmtpObserver() {
        @Override public void connectionAccepted() { }
        @Override public void connectionRefused(ConnectionRefusal cause) { }
        @Override public void reply(SmtpCommand command, int code) { }
        @Override public void recipientRefused(RecipientRefusal cause) { }
    };
}
