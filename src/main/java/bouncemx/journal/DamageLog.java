package bouncemx.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal's DAMAGED file: an append-only, fsync'd text file with one line per damaged range recovery
 * found (format in the package documentation), so that the damage is on record after the copy aside and the
 * restart that found it. Lines it cannot parse are skipped when read. Not thread-safe; used at open.
 */
final class DamageLog {
    static final String FILE = "DAMAGED";

    /** One line: the range, when it was found, and whether its bytes were kept in place or cut (a torn tail). */
    record Entry(DamagedRange range, Instant found, String action) {
        String line() {
            DamagedRange r = range;
            String why = r.why().replace('\n', ' ').replace('\r', ' ');
            return r.segment() + " " + r.start() + " " + r.end() + " " + r.after() + " " + r.before() + " " + found + " "
                    + action + " " + why + "\n";
        }

        /** True when {@code other} is the same range of the same segment. */
        boolean sameRange(DamagedRange other) {
            return range.segment().equals(other.segment()) && range.start() == other.start() && range.end() == other.end();
        }
    }

    private DamageLog() {}

    /** The entries in {@code dir}/DAMAGED, oldest first; empty when there is no such file. */
    static List<Entry> read(Path dir) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ", 8);
            if (f.length < 8) continue;
            try {
                out.add(new Entry(new DamagedRange(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), f[7]), Instant.parse(f[5]), f[6]));
            } catch (RuntimeException e) {
                // a line cut by a crash while it was appended: the range is found again at the next open
            }
        }
        return out;
    }

    /** Appends {@code entries} to {@code dir}/DAMAGED and fsyncs it (and the directory when the file is new). */
    static void append(Path dir, List<Entry> entries, Storage storage) throws IOException {
        if (entries.isEmpty()) return;
        Path file = dir.resolve(FILE);
        boolean created = !Files.exists(file);
        StringBuilder text = new StringBuilder();
        if (!created && Files.size(file) > 0 && !endsWithNewline(file)) text.append('\n'); // a line cut by a crash
        for (Entry e : entries) text.append(e.line());
        try (Storage.SegmentFile f = storage.open(file)) {
            f.write(new ByteBuffer[]{ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8))});
            f.force();
        }
        if (created) storage.syncDirectory(dir);
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            return ch.read(b, ch.size() - 1) == 1 && b.get(0) == '\n';
        }
    }
}
