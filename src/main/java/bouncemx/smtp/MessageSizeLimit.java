package bouncemx.smtp;

/**
 * The {@code smtp.max_message_bytes} rule, early (the SIZE= parameter of MAIL, RFC 1870) and during DATA/BDAT
 * (checked as bytes arrive, never after reading everything). A limit of 0 means no limit is advertised or
 * enforced. Immutable, thread-safe.
 */
public final class MessageSizeLimit {
    private final long maxBytes;

    public MessageSizeLimit(long maxBytes) {
        if (maxBytes < 0) throw new IllegalArgumentException("max message bytes " + maxBytes);
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public boolean limited() {
        return maxBytes > 0;
    }

    /** True when a message of {@code bytes} is too big. */
    public boolean exceeded(long bytes) {
        return maxBytes > 0 && bytes > maxBytes;
    }

    /**
     * Checks a SIZE= value: null when acceptable, else the reply: 501 5.5.4 for a value that is not a
     * decimal number (RFC 1870 section 6), 552 5.3.4 for one over the limit. Values beyond {@code long} are
     * over any limit.
     */
    public SmtpReply checkDeclared(String value) {
        if (value == null || value.isEmpty()) return SmtpReply.SIZE_SYNTAX;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') return SmtpReply.SIZE_SYNTAX;
        }
        long declared;
        try {
            declared = Long.parseLong(value);
        } catch (NumberFormatException overflow) { // only digits, so: too long for a long
            declared = Long.MAX_VALUE;
        }
        return exceeded(declared) ? SmtpReply.TOO_BIG : null;
    }
}
