package bouncemx.testing;

import bouncemx.journal.Journal;
import bouncemx.journal.JournalException;
import bouncemx.pipeline.JournalEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Journal} in memory for tests, told how to behave: append and confirm at once (OK), fail (FAIL),
 * fail for lack of space (NO_SPACE), never answer (STALL), or hold appends until {@link #release()} (HOLD).
 * An append whose deadline has already passed fails at once (EXPIRED); deadlines do not end STALL or HOLD.
 * Only confirmed records are in {@link #records()}. Thread-safe.
 */
public final class MemoryJournal implements Journal {
    public enum Mode { OK, FAIL, NO_SPACE, STALL, HOLD }

    private Mode mode = Mode.OK;
    private final List<byte[]> records = new ArrayList<>();
    private final List<Held> held = new ArrayList<>();
    private final List<CompletableFuture<Long>> stalled = new ArrayList<>();
    private int appendCalls;
    private long lastDeadline = Journal.NO_DEADLINE;
    private boolean closed;

    private record Held(byte[] payload, CompletableFuture<Long> future) {}

    public synchronized MemoryJournal mode(Mode m) {
        this.mode = m;
        return this;
    }

    @Override
    public synchronized CompletableFuture<Long> append(byte[] payload, long deadlineNanos) {
        appendCalls++;
        lastDeadline = deadlineNanos;
        notifyAll();
        var f = new CompletableFuture<Long>();
        if (closed) {
            f.completeExceptionally(new JournalException(JournalException.Kind.CLOSED, "closed", null));
            return f;
        }
        if (Journal.expired(deadlineNanos, System.nanoTime())) {
            f.completeExceptionally(new JournalException(JournalException.Kind.EXPIRED, "test: deadline passed", null));
            return f;
        }
        switch (mode) {
            case OK -> {
                records.add(payload);
                f.complete((long) records.size() - 1);
            }
            case FAIL -> f.completeExceptionally(new JournalException(JournalException.Kind.IO, "test: I/O error", null));
            case NO_SPACE -> f.completeExceptionally(new JournalException(JournalException.Kind.NO_SPACE, "test: no space", null));
            case STALL -> stalled.add(f);
            case HOLD -> held.add(new Held(payload, f));
        }
        return f;
    }

    /** Confirms every held append. */
    public void release() {
        List<Held> h;
        synchronized (this) {
            h = List.copyOf(held);
            held.clear();
            for (Held x : h) records.add(x.payload());
        }
        long seq = 0;
        for (Held x : h) x.future().complete(seq++);
    }

    /** The deadline the last append was given ({@link Journal#NO_DEADLINE} when none). */
    public synchronized long lastDeadline() {
        return lastDeadline;
    }

    public synchronized int appendCalls() {
        return appendCalls;
    }

    /** Waits until {@code n} appends have been asked for; fails the test after {@code within}. */
    public synchronized void awaitAppendCalls(int n, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (appendCalls < n) {
            long left = end - System.nanoTime();
            if (left <= 0) throw new AssertionError("expected " + n + " appends, got " + appendCalls);
            wait(Math.max(1, left / 1_000_000));
        }
    }

    public synchronized List<byte[]> records() {
        return List.copyOf(records);
    }

    public List<JournalEntry> entries() {
        return records().stream().map(JournalEntry::decode).toList();
    }

    @Override
    public synchronized boolean healthy() {
        return mode == Mode.OK || mode == Mode.HOLD;
    }

    /** Closes; appends still stalled or held fail, as a real journal's pending appends do. */
    @Override
    public void close() {
        List<CompletableFuture<Long>> pending = new ArrayList<>();
        synchronized (this) {
            closed = true;
            pending.addAll(stalled);
            for (Held h : held) pending.add(h.future());
            stalled.clear();
            held.clear();
        }
        for (var f : pending) f.completeExceptionally(new JournalException(JournalException.Kind.CLOSED, "closed", null));
    }
}
