package bouncemx.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** {@link Storage} on real files through FileChannel. Each opened file is used by one thread. */
final class FileStorage implements Storage {
    /** A block of zeros for {@link SegmentFile#writeZeros} (read-only: shared by every file). */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(256 << 10).asReadOnlyBuffer();

    @Override
    public SegmentFile open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            ch.position(ch.size());
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new ChannelFile(ch);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private record ChannelFile(FileChannel ch) implements SegmentFile {
        @Override
        public void write(ByteBuffer[] buffers) throws IOException {
            int i = 0;
            while (i < buffers.length) {
                ch.write(buffers, i, buffers.length - i);
                while (i < buffers.length && !buffers[i].hasRemaining()) i++;
            }
        }

        @Override
        public void force() throws IOException {
            // fdatasync: when the write grew the file, the new length is metadata that it must commit too (on ext4 a
            // jbd2 transaction); a write over preallocated zeros has none.
            ch.force(false);
        }

        @Override
        public void seek(long offset) throws IOException {
            ch.position(offset);
        }

        @Override
        public void writeZeros(long from, long to) throws IOException {
            long at = from;
            while (at < to) {
                ByteBuffer z = ZEROS.duplicate();
                z.limit((int) Math.min(z.capacity(), to - at));
                while (z.hasRemaining()) at += ch.write(z, at);
            }
        }

        @Override
        public void truncate(long size) throws IOException {
            ch.truncate(size);
            ch.position(size);
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
