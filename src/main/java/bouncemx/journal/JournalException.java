package bouncemx.journal;

/**
 * A record was not made durable, and why, as a {@link Kind} (never decided from English error text). The
 * SMTP edge maps the kinds to replies: NO_SPACE 452 4.3.1, BUSY 451 4.3.2, the others 451 4.3.0.
 */
public final class JournalException extends RuntimeException {

    /** Why an append failed. */
    public enum Kind {
        /** The file system has no room for the record (decided from the file store's usable space). */
        NO_SPACE,
        /** Any other write, fsync or file-system failure. */
        IO,
        /** The append's deadline passed while it waited; it was dropped and never written. */
        EXPIRED,
        /** The queue is full (by count or by bytes): back-pressure, not a disk problem. */
        BUSY,
        /** The journal is closed (or closing). */
        CLOSED
    }

    private final Kind kind;

    public JournalException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = java.util.Objects.requireNonNull(kind);
    }

    /** For callers outside the journal that only know "no space or not": NO_SPACE or IO. */
    public JournalException(String message, boolean noSpace, Throwable cause) {
        this(noSpace ? Kind.NO_SPACE : Kind.IO, message, cause);
    }

    public Kind kind() { return kind; }

    /** Shorthand for {@code kind() == NO_SPACE}. */
    public boolean noSpace() { return kind == Kind.NO_SPACE; }
}
