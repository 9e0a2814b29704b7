package bouncemx.smtp;

/**
 * One SMTP reply: code, RFC 3463 enhanced status and text, written as {@code "code status text"}. Every
 * reply bouncemx sends carries an enhanced status code (RFC 2034), except where RFC 2034 section 3 says none
 * belongs: the greeting, the replies to HELO and EHLO, and 3xx intermediate replies (354), which have no
 * enhanced class. Immutable.
 */
public record SmtpReply(int code, String status, String text) {

    public SmtpReply {
        if (code < 200 || code > 599) throw new IllegalArgumentException("reply code " + code);
        if (code / 100 != 3 && !status.startsWith(code / 100 + ".")) {
            throw new IllegalArgumentException("status " + status + " does not match code " + code);
        }
    }

    // Transaction
    public static final SmtpReply OK = new SmtpReply(250, "2.0.0", "Ok");
    public static final SmtpReply SENDER_OK = new SmtpReply(250, "2.1.0", "Sender ok");
    public static final SmtpReply RECIPIENT_OK = new SmtpReply(250, "2.1.5", "Recipient ok");
    public static final SmtpReply START_DATA = new SmtpReply(354, "", "End data with <CR><LF>.<CR><LF>");
    public static final SmtpReply CHUNK_OK = new SmtpReply(250, "2.0.0", "Chunk received");
    public static final SmtpReply BYE = new SmtpReply(221, "2.0.0", "Bye");
    public static final SmtpReply HELP = new SmtpReply(214, "2.0.0", "See RFC 5321");
    public static final SmtpReply CANNOT_VRFY = new SmtpReply(252, "2.5.2", "Cannot VRFY user, but will accept message");
    public static final SmtpReply READY_FOR_TLS = new SmtpReply(220, "2.0.0", "Ready to start TLS");

    // Refusals the sender should not retry
    public static final SmtpReply RELAY_DENIED = new SmtpReply(550, "5.7.1", "Relaying denied: not a domain of this server");
    public static final SmtpReply UNSIGNED_RECIPIENT = new SmtpReply(550, "5.7.1", "Return path signature missing, invalid or expired");
    public static final SmtpReply TOO_BIG = new SmtpReply(552, "5.3.4", "Message size exceeds fixed limit");
    public static final SmtpReply TOO_BIG_AGAIN = new SmtpReply(552, "5.3.4", "Message size exceeds fixed limit; chunk dropped, send RSET");
    public static final SmtpReply UNRECOGNIZED = new SmtpReply(500, "5.5.2", "Command unrecognized");
    public static final SmtpReply BAD_RECIPIENT_SYNTAX = new SmtpReply(501, "5.1.3", "Bad recipient address syntax");
    public static final SmtpReply BAD_SENDER_SYNTAX = new SmtpReply(501, "5.1.7", "Bad sender address syntax");
    public static final SmtpReply SYNTAX = new SmtpReply(501, "5.5.4", "Syntax error in parameters or arguments");
    public static final SmtpReply SIZE_SYNTAX = new SmtpReply(501, "5.5.4", "Bad SIZE parameter");
    public static final SmtpReply UNKNOWN_PARAMETER = new SmtpReply(555, "5.5.4", "Parameter not recognized or not implemented");
    public static final SmtpReply NEED_MAIL = new SmtpReply(503, "5.5.1", "Bad sequence of commands: need MAIL first");
    public static final SmtpReply NEED_RCPT = new SmtpReply(503, "5.5.1", "Bad sequence of commands: need RCPT first");
    public static final SmtpReply NESTED_MAIL = new SmtpReply(503, "5.5.1", "Bad sequence of commands: sender already given");
    public static final SmtpReply NEED_HELO = new SmtpReply(503, "5.5.1", "Bad sequence of commands: send EHLO or HELO first");
    public static final SmtpReply MIXED_DATA = new SmtpReply(503, "5.5.1", "Bad sequence of commands: DATA after BDAT");
    public static final SmtpReply NOT_IMPLEMENTED = new SmtpReply(502, "5.5.1", "Command not implemented");
    public static final SmtpReply NO_PARAMETERS = new SmtpReply(501, "5.5.4", "No parameters allowed");
    public static final SmtpReply TLS_ACTIVE = new SmtpReply(503, "5.5.1", "TLS already active");

    // Temporary refusals: the sender retries later
    public static final SmtpReply TOO_MANY_RECIPIENTS = new SmtpReply(452, "4.5.3", "Too many recipients");
    public static final SmtpReply BUSY = new SmtpReply(451, "4.3.2", "Busy, try again later");
    public static final SmtpReply JOURNAL_FAILED = new SmtpReply(451, "4.3.0", "Temporary failure storing the message, try again later");
    public static final SmtpReply NO_SPACE = new SmtpReply(452, "4.3.1", "Insufficient system storage, try again later");
    public static final SmtpReply TLS_UNAVAILABLE = new SmtpReply(454, "4.7.0", "TLS not available");

    // Closing the connection
    public static final SmtpReply SHUTTING_DOWN = new SmtpReply(421, "4.3.2", "Service shutting down, try again later");
    public static final SmtpReply TOO_MANY_CONNECTIONS = new SmtpReply(421, "4.7.0", "Too many connections, try again later");
    public static final SmtpReply TOO_MANY_CONNECTIONS_FROM_YOU = new SmtpReply(421, "4.7.0", "Too many connections from your address, try again later");
    public static final SmtpReply TOO_MANY_ERRORS = new SmtpReply(421, "4.7.0", "Too many errors, closing connection");
    public static final SmtpReply TIMEOUT = new SmtpReply(421, "4.4.2", "Timeout, closing connection");

    /** The 250 that acknowledges a durable message: {@code "250 2.0.0 <id>"}. */
    public static SmtpReply queued(String messageId) {
        return new SmtpReply(250, "2.0.0", messageId);
    }

    @Override
    public String toString() {
        return status.isEmpty() ? code + " " + text : code + " " + status + " " + text;
    }
}
