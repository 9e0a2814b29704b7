package bouncemx.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** {@link Storage} on real files through FileChannel. Each opened file is used by one thread. */
final class FileStorage implements Storage {

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
            // The file's length changes with every append, so fdatasync still writes that metadata.
            ch.force(false);
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
