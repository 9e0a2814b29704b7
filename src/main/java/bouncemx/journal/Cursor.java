package bouncemx.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * A consumer's durable position in the journal, stored in {@code data.dir/cursors/NAME}: the sequence
 * number of the last record the consumer has finished with (0 before the first), so it resumes at
 * {@link #next()} after a restart. File format: that number in decimal ASCII followed by "\n". A save
 * writes NAME.tmp, fsyncs it, renames it over NAME atomically and fsyncs the directory, so a crash leaves
 * either the old or the new position. A file that holds anything else is an error at {@link #open}.
 * Names are letters, digits, '.', '_' and '-'. Thread-safe; one process per cursor.
 */
public final class Cursor {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");

    private final Path file;
    private final Path temp;
    private final Storage storage;
    private long position;

    private Cursor(Path file, Storage storage, long position) {
        this.file = file;
        this.temp = file.resolveSibling(file.getFileName() + ".tmp");
        this.storage = storage;
        this.position = position;
    }

    /** Opens (or starts at 0) the cursor NAME under {@code dataDir}/cursors. */
    public static Cursor open(Path dataDir, String name) throws IOException {
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("bad cursor name: " + name);
        Path dir = dataDir.resolve("cursors");
        FileJournal.createDirectories(dir, Storage.files()); // fsyncs each new directory's parent
        Path file = dir.resolve(name);
        long position = 0;
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            if (!text.matches("[0-9]{1,19}\n")) throw new IOException("cursor file " + file + " is damaged");
            position = Long.parseLong(text.strip());
        } catch (NoSuchFileException e) {
            // a new consumer starts before the first record
        }
        return new Cursor(file, Storage.files(), position);
    }

    /** The last finished sequence number (0: none yet). */
    public synchronized long position() {
        return position;
    }

    /** The sequence number to read next. */
    public synchronized long next() {
        return position + 1;
    }

    /** Durably records that everything up to {@code seq} is finished. */
    public synchronized void save(long seq) throws IOException {
        if (seq < 0) throw new IllegalArgumentException("cursor position " + seq);
        byte[] text = (seq + "\n").getBytes(StandardCharsets.US_ASCII);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(text);
            while (b.hasRemaining()) ch.write(b);
            ch.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        storage.syncDirectory(file.getParent());
        position = seq;
    }
}
