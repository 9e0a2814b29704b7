package bouncemx.journal;

/** A record could not be made durable. {@link #noSpace()} tells a full disk (452 4.3.1) from other failures (451 4.3.0). */
public final class JournalException extends RuntimeException {
    private final boolean noSpace;

    public JournalException(String message, boolean noSpace, Throwable cause) {
        super(message, cause);
        this.noSpace = noSpace;
    }

    public boolean noSpace() { return noSpace; }
}
