package bouncemx.smtp;

import java.util.Arrays;

/**
 * The one buffer a message's DATA (or BDAT chunks) is read into, capped at {@code smtp.max_message_bytes}
 * (0: uncapped). Past the cap it stops storing, drops what it held and only counts, so an oversized message
 * costs no more memory than the limit. Confined to one session thread.
 */
final class CappedBuffer {
    private final long max;
    private byte[] buf;
    private int length;
    private long total;

    /** @param expected a size hint (SIZE= or 0) */
    CappedBuffer(long max, long expected) {
        this.max = max;
        long hint = expected > 0 ? expected : 16 * 1024;
        if (max > 0) hint = Math.min(hint, max);
        this.buf = new byte[(int) Math.max(64, Math.min(hint, 64L * 1024 * 1024))];
    }

    void append(int b) {
        total++;
        if (overflowed()) {
            buf = null;
            return;
        }
        if (length == buf.length) grow(length + 1);
        buf[length++] = (byte) b;
    }

    void append(byte[] b, int off, int len) {
        total += len;
        if (overflowed()) {
            buf = null;
            return;
        }
        if (length + len > buf.length) grow(length + len);
        System.arraycopy(b, off, buf, length, len);
        length += len;
    }

    boolean overflowed() {
        return max > 0 && total > max;
    }

    long total() {
        return total;
    }

    /** The bytes held, as one exactly sized array; only when not overflowed. */
    byte[] bytes() {
        if (overflowed()) throw new IllegalStateException("message over the limit has no bytes");
        return buf.length == length ? buf : Arrays.copyOf(buf, length);
    }

    private void grow(int needed) {
        long size = Math.max(needed, (long) buf.length * 2);
        if (max > 0) size = Math.min(size, Math.max(needed, max));
        if (size > Integer.MAX_VALUE - 16) throw new IllegalStateException("message buffer over 2 GiB");
        buf = Arrays.copyOf(buf, (int) size);
    }
}
