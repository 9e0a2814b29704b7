package bouncemx.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the journal writer's bytes go: the real files ({@link #files()}), or in tests a wrapper that fails
 * writes, reports a full file store, holds an fsync or counts fsyncs. Implementations throw {@link IOException} for any
 * failure and must be usable from the one writer thread.
 */
public interface Storage {

    /** Opens {@code file} for appending at its end, creating it when absent. */
    SegmentFile open(Path file) throws IOException;

    /** Makes the directory entries of {@code dir} durable (after a file was created or renamed in it). */
    void syncDirectory(Path dir) throws IOException;

    /**
     * Bytes this process may still write on the file system that holds {@code dir}; the journal asks after a
     * failed write to tell "no space" from other failures without reading the error's (localised) text.
     */
    default long usableSpace(Path dir) throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    /** Deletes {@code file} if it exists (the journal's own check file; segments are deleted by retention). */
    default void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    /** One segment file open for appending. */
    interface SegmentFile extends Closeable {
        /** Writes every remaining byte of {@code buffers} at the end of the file. */
        void write(ByteBuffer[] buffers) throws IOException;

        /** fsync: everything written so far is durable when this returns. */
        void force() throws IOException;

        /** Cuts the file to {@code size} bytes (nothing happens to a file no longer than that); later writes go there. */
        void truncate(long size) throws IOException;

        /** Later writes go to {@code offset} (inside the file: over bytes already there, such as preallocated zeros). */
        void seek(long offset) throws IOException;

        /**
         * Writes zero bytes over [{@code from}, {@code to}), growing the file when {@code to} is past its end
         * (preallocation: see FileJournal); the position of later writes does not move. Not durable until
         * {@link #force()}.
         */
        void writeZeros(long from, long to) throws IOException;
    }

    /** The real file system (FileChannel; force(false) is fdatasync). */
    static Storage files() {
        return new FileStorage();
    }
}
