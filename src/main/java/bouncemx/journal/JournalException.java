package bouncemx.journal;

/**
 * A record could not be made durable, and why ({@link Kind}): the SMTP edge turns a full disk into 452 4.3.1,
 * a busy or closed journal into 451 4.3.2, anything else into 451 4.3.0.
 */
public final class JournalException extends RuntimeException {
    /** Why an append failed. */
    public enum Kind { NO_SPACE, IO, EXPIRED, BUSY, CLOSED }

    private final Kind kind;

    public JournalException(String message, Kind kind, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** An I/O failure ({@code noSpace}: the disk is full). */
    public JournalException(String message, boolean noSpace, Throwable cause) {
        this(message, noSpace ? Kind.NO_SPACE : Kind.IO, cause);
    }

    public Kind kind() { return kind; }

    public boolean noSpace() { return kind == Kind.NO_SPACE; }
}
