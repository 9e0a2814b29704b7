package bouncemx.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of one message as DATA or BDAT delivers them. Memory follows the bytes that really arrive (a
 * declared SIZE= reserves nothing): chunks of 8 KiB doubling up to 1 MiB, each reserved from the server's
 * {@link BufferBudget} when it is allocated. Past {@code smtp.max_message_bytes} ({@link #tooBig()}) or when
 * the budget is spent ({@link #overBudget()}) it drops what it held, returns its reservation and only counts,
 * so a refused message costs no memory while the rest of it is read and discarded. {@link #release()} returns
 * the reservation once the message has been journaled or refused. Confined to one session thread, except
 * {@link #release()}, which may run on the thread that completes the hand-off.
 */
final class MessageBuffer {
    private static final int FIRST_CHUNK = 8 * 1024;
    /** Below this much free budget, DATA is refused at once (452 4.3.1) rather than after the content. */
    static final long MIN_FREE_BYTES = 64 * 1024;
    private static final int LAST_CHUNK = 1024 * 1024;

    private final long maxBytes; // 0: no limit but the budget
    private final BufferBudget budget;
    private final List<byte[]> full = new ArrayList<>();
    private int firstChunk = FIRST_CHUNK;
    private byte[] chunk;
    private int chunkLength;
    private long total;
    private long held;
    private long reserved;
    private boolean tooBig;
    private boolean overBudget;

    MessageBuffer(long maxBytes, BufferBudget budget) {
        this.maxBytes = maxBytes;
        this.budget = budget;
    }

    /**
     * The whole message is known to be at most {@code bytes} long (DATA whose terminator has already arrived):
     * the first chunk is that size rather than 8 KiB, so that a message that fills it exactly is handed on as
     * that very array ({@link #bytes()}), not copied. Only before the first byte; later calls change nothing.
     */
    void expectAtMost(int bytes) {
        if (chunk == null && total == 0 && bytes >= 0 && bytes < FIRST_CHUNK) firstChunk = bytes;
    }

    void append(int b) {
        total++;
        if (dropping()) return;
        if (chunk == null || chunkLength == chunk.length) {
            if (!nextChunk()) return;
        }
        chunk[chunkLength++] = (byte) b;
        held++;
    }

    void append(byte[] b, int off, int len) {
        total += len;
        if (dropping()) return;
        while (len > 0) {
            if (chunk == null || chunkLength == chunk.length) {
                if (!nextChunk()) return;
            }
            int n = Math.min(len, chunk.length - chunkLength);
            System.arraycopy(b, off, chunk, chunkLength, n);
            chunkLength += n;
            held += n;
            off += n;
            len -= n;
        }
    }

    /** True when the bytes are no longer kept (over the size limit or the budget). */
    private boolean dropping() {
        if (tooBig || overBudget) return true;
        if (maxBytes > 0 && total > maxBytes) {
            tooBig = true;
            drop();
            return true;
        }
        return false;
    }

    private boolean nextChunk() {
        int size = chunk == null ? firstChunk : Math.min(LAST_CHUNK, Math.max(FIRST_CHUNK, chunk.length * 2));
        if (size == 0) size = 64; // a "message" longer than announced cannot happen; stay correct if it does
        if (maxBytes > 0) size = (int) Math.max(64, Math.min(size, maxBytes - held));
        if (!budget.tryReserve(size)) {
            overBudget = true;
            drop();
            return false;
        }
        reserved += size;
        if (chunk != null) full.add(chunk);
        chunk = new byte[size];
        chunkLength = 0;
        return true;
    }

    private void drop() {
        full.clear();
        chunk = null;
        chunkLength = 0;
        held = 0;
        release();
    }

    /** Over {@code smtp.max_message_bytes}: 552 5.3.4. */
    boolean tooBig() {
        return tooBig;
    }

    /** The server's buffer budget ran out while this message arrived: 452 4.3.1. */
    boolean overBudget() {
        return overBudget;
    }

    /** Every byte received, kept or not. */
    long total() {
        return total;
    }

    /**
     * The message as one exactly sized array (the chunks are let go): the one chunk itself when it holds the
     * message exactly, else a copy. Only when neither too big nor over budget. The reservation stays until
     * {@link #release()}.
     */
    byte[] bytes() {
        if (tooBig || overBudget) throw new IllegalStateException("a refused message has no bytes");
        if (total == 0) return new byte[0];
        if (full.isEmpty() && chunk != null && chunkLength == chunk.length) { // no copy
            byte[] out = chunk;
            chunk = null;
            return out;
        }
        byte[] out = new byte[(int) total];
        int at = 0;
        for (int i = 0; i < full.size(); i++) { // each chunk is let go once copied: the peak stays near one copy
            byte[] c = full.set(i, null);
            System.arraycopy(c, 0, out, at, c.length);
            at += c.length;
        }
        if (chunk != null) System.arraycopy(chunk, 0, out, at, chunkLength);
        full.clear();
        chunk = null;
        return out;
    }

    /** Returns the reservation to the budget; idempotent. */
    synchronized void release() {
        if (reserved > 0) {
            budget.release(reserved);
            reserved = 0;
        }
    }
}
