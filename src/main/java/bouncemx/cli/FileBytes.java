package bouncemx.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a whole file whose size a directory walk has just given, with fewer system calls than
 * {@link Files#readAllBytes}: open, one read into this thread's buffer, close. {@code readAllBytes} also asks
 * the file's size (fstat) and reads once more to see the end; over a directory of small files those two
 * calls were a tenth of {@code classify}'s CPU (bench/README.md, "Reading a directory's files").
 * <p>
 * The read asks one byte more than the walk's size: getting exactly that size back is the end of the file.
 * A file that has grown or shrunk since the walk, or a short read, falls back to reading on to the end, so
 * the bytes are the file's as of this read either way. One instance per thread (it keeps the buffer).
 */
final class FileBytes {
    /** Files up to this size go through the buffer; larger ones through {@link Files#readAllBytes}. */
    static final int BUFFER_BYTES = 1 << 18;

    private ByteBuffer buffer;

    /** The bytes of {@code file}, whose size was {@code size} when it was listed (-1 when unknown). */
    byte[] read(Path file, long size) throws IOException {
        if (size < 0 || size >= BUFFER_BYTES) return Files.readAllBytes(file);
        if (buffer == null) buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
        ByteBuffer b = buffer.clear().limit((int) size + 1);
        try (FileChannel ch = FileChannel.open(file)) {
            int n = ch.read(b);
            if (n == size) return copy(b);
            // grown, shrunk or a short read: on to the end, the buffer's bytes first
            var all = new java.io.ByteArrayOutputStream(Math.max(n, 0) + 8192);
            all.write(copy(b));
            var chunk = ByteBuffer.allocate(8192);
            while (ch.read(chunk.clear()) >= 0) all.write(chunk.array(), 0, chunk.position());
            return all.toByteArray();
        }
    }

    private static byte[] copy(ByteBuffer b) {
        byte[] a = new byte[b.position()];
        b.flip().get(a);
        return a;
    }
}
