package bouncemx.smtp;

import org.subethamail.smtp.server.Session;

import java.io.IOException;
import java.net.Socket;

/**
 * What bouncemx knows about one accepted TCP connection beyond SubEthaSMTP's {@link Session}: the accepted
 * socket, the whole-session deadline, the command timeout, the count of bad commands, and the reply stream
 * currently in use (plain, or inside TLS after STARTTLS). Confined to the session's thread, except
 * {@link #closeWith}, which a graceful stop calls from another thread and which synchronizes on the reply
 * stream.
 */
final class Connection {
    private final Socket raw;
    private final long deadlineNanos;
    private volatile int commandTimeoutMillis;
    private volatile ReplyStream replies;
    private volatile Session session;
    private int badCommands;

    Connection(Socket raw, long deadlineNanos, int commandTimeoutMillis) {
        this.raw = raw;
        this.deadlineNanos = deadlineNanos;
        this.commandTimeoutMillis = commandTimeoutMillis;
    }

    Socket raw() { return raw; }

    long deadlineNanos() { return deadlineNanos; }

    int commandTimeoutMillis() { return commandTimeoutMillis; }

    void commandTimeoutMillis(int ms) { commandTimeoutMillis = ms; }

    ReplyStream replies() { return replies; }

    void replies(ReplyStream r) { replies = r; }

    Session session() { return session; }

    void session(Session s) { session = s; }

    /** Counts one bad command; returns the count so far. */
    int badCommand() { return ++badCommands; }

    /** Writes {@code reply} (a 421) at once and closes the connection; safe from any thread. */
    void closeWith(SmtpReply reply) {
        ReplyStream r = replies;
        if (r != null) r.writeAndClose(reply);
        else closeQuietly();
    }

    void closeQuietly() {
        try {
            raw.close();
        } catch (IOException ignored) {
            // closing a socket the peer may have closed already: nothing to report
        }
    }

    String clientIp() {
        return raw.getInetAddress() == null ? "" : raw.getInetAddress().getHostAddress();
    }
}
