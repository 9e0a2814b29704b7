package bouncemx.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32C;

/**
 * How a process that is not the journal's writer (the writer holds journal/LOCK) gets records appended:
 * it leaves them in a spool file, and the writer's process (the daemon) appends them. Used by
 * {@code bouncemx reclassify} while the daemon runs.
 *
 * <p>Files: {@code journal/spool/NAME.spool}, written as {@code .NAME.tmp}, fsync'd, renamed into place and
 * the directory fsync'd, so a spool file is either complete or absent. Layout (big-endian), one entry per
 * record to append, no header:
 * <pre>
 * Entry => Length:int32  Crc32c:uint32 (CRC-32C of Payload)  Payload:bytes
 * </pre>
 * {@link #drain} appends the records of each spool file (in file-name order, records in file order), waits
 * until they are durable, then deletes the file. A crash between the append and the delete appends the file
 * again after restart: records may be duplicated, never lost (consumers de-duplicate by event id, which a
 * spooled record keeps). A file that fails its checks is renamed to {@code NAME.bad} with one WARN and left
 * for an operator. Static methods; {@link #drain} is called by one thread at a time.
 */
public final class AppendSpool {
    private static final Logger log = LoggerFactory.getLogger(AppendSpool.class);
    private static final String SUFFIX = ".spool";
    private static final long DRAIN_WAIT_SECONDS = 30;

    private AppendSpool() {}

    /** The spool directory of the journal in {@code journalDir}. */
    public static Path directory(Path journalDir) {
        return journalDir.resolve("spool");
    }

    /** Writes {@code payloads} as the durable spool file {@code name}.spool; returns its path. */
    public static Path write(Path journalDir, String name, List<byte[]> payloads) throws IOException {
        Path dir = directory(journalDir);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            fsyncDirectory(journalDir);
        }
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            for (byte[] p : payloads) {
                var crc = new CRC32C();
                crc.update(p);
                out.writeInt(p.length);
                out.writeInt((int) crc.getValue());
                out.write(p);
            }
        }
        Path tmp = dir.resolve("." + name + ".tmp");
        Path target = dir.resolve(name + SUFFIX);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray());
            while (b.hasRemaining()) ch.write(b);
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(dir);
        return target;
    }

    /**
     * Appends the records of every spool file to {@code journal} and deletes each file once its records are
     * durable; returns the number of records appended. A journal that refuses an append leaves that file for
     * the next call (one WARN).
     */
    public static int drain(Path journalDir, Journal journal) throws IOException, InterruptedException {
        Path dir = directory(journalDir);
        if (!Files.isDirectory(dir)) return 0;
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : s) files.add(p);
        }
        files.sort(null);
        int appended = 0;
        for (Path f : files) {
            List<byte[]> records = read(f);
            if (records == null) {
                Path bad = f.resolveSibling(f.getFileName().toString().replace(SUFFIX, ".bad"));
                log.warn("spool file {} fails its checks; moved to {} and not appended", f, bad);
                Files.move(f, bad, StandardCopyOption.ATOMIC_MOVE);
                continue;
            }
            try {
                for (byte[] r : records) {
                    journal.append(r).get(DRAIN_WAIT_SECONDS, TimeUnit.SECONDS);
                    appended++;
                }
            } catch (ExecutionException | TimeoutException e) {
                log.warn("cannot append spool file {} yet: {}", f, e.getCause() == null ? e.toString() : e.getCause().getMessage());
                return appended;
            }
            Files.delete(f);
            fsyncDirectory(dir);
            log.info("appended {} record(s) from spool file {}", records.size(), f.getFileName());
        }
        return appended;
    }

    /** The records of a spool file, or null when it fails its checks. */
    static List<byte[]> read(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f));
        List<byte[]> out = new ArrayList<>();
        while (b.hasRemaining()) {
            if (b.remaining() < 8) return null;
            int n = b.getInt();
            int crc = b.getInt();
            if (n < 0 || n > b.remaining()) return null;
            byte[] p = new byte[n];
            b.get(p);
            var c = new CRC32C();
            c.update(p);
            if ((int) c.getValue() != crc) return null;
            out.add(p);
        }
        return out;
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
