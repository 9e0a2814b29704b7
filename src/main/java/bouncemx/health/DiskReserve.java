package bouncemx.health;

import bouncemx.http.HttpServer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The free-space reserve of the data directory ({@code data.min_free_bytes}): {@link #refresh()} asks the
 * {@link DiskSpace} (on the readiness thread, once a second); {@link #low()} and {@link #state()} read what it
 * found, so the SMTP edge and /readyz never touch the disk. A reserve of 0 is off: never low, always ok. When
 * the free space cannot be read the check fails (the operator must look) but {@link #low()} stays false: the
 * journal's own no-space path (452 4.3.1) still answers for a disk that is really full. Thread-safe.
 */
public final class DiskReserve {
    private final DiskSpace space;
    private final Path dir;
    private final long minFreeBytes;
    private volatile long freeBytes = -1; // -1: not known (not asked yet, or the last ask failed)
    private volatile String problem = "not checked yet";

    public DiskReserve(DiskSpace space, Path dir, long minFreeBytes) {
        if (minFreeBytes < 0) throw new IllegalArgumentException("min free bytes " + minFreeBytes);
        this.space = space;
        this.dir = dir;
        this.minFreeBytes = minFreeBytes;
    }

    /** Asks the file system now. */
    public void refresh() {
        try {
            freeBytes = space.usableBytes(dir);
            problem = "";
        } catch (IOException | RuntimeException e) {
            freeBytes = -1;
            problem = "cannot read the free space of " + dir + ": " + e;
        }
    }

    /** True when the last figure is under the reserve (MAIL then gets 452 4.3.1). */
    public boolean low() {
        long free = freeBytes;
        return minFreeBytes > 0 && free >= 0 && free < minFreeBytes;
    }

    /** The last figure, -1 when not known. */
    public long freeBytes() {
        return freeBytes;
    }

    /** The readiness check "disk": ok, free_bytes, min_free_bytes and a detail when it fails. */
    public HttpServer.Check.State state() {
        long free = freeBytes;
        String why = problem;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("free_bytes", free);
        details.put("min_free_bytes", minFreeBytes);
        if (minFreeBytes == 0) return new HttpServer.Check.State(true, details);
        boolean ok = why.isEmpty() && !low();
        if (!why.isEmpty()) details.put("detail", why);
        else if (!ok) details.put("detail", "free space on " + dir + " is under data.min_free_bytes: MAIL gets 452 4.3.1");
        return new HttpServer.Check.State(ok, details);
    }
}
