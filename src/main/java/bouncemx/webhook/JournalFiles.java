package bouncemx.webhook;

import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts about the journal files that a tool beside the daemon needs, found from the segment names
 * (documented in journal/FileJournal: the first sequence number, 20 digits, ".journal") and by reading the
 * newest segment with a {@link JournalReader}. Stateless.
 */
final class JournalFiles {
    private static final Pattern SEGMENT = Pattern.compile("(\\d{20})\\.journal");

    private JournalFiles() {}

    /** The last complete record's sequence number (0 when there is none). */
    static long lastSeq(Path dir) {
        long newest = 0;
        if (!Files.isDirectory(dir)) return 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.journal")) {
            for (Path f : files) {
                Matcher m = SEGMENT.matcher(f.getFileName().toString());
                if (m.matches()) newest = Math.max(newest, Long.parseLong(m.group(1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (newest == 0) return 0;
        long last = newest - 1;
        try (var reader = new JournalReader(dir, newest)) {
            for (Optional<JournalRecord> r = reader.next(); r.isPresent(); r = reader.next()) last = r.get().seq();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return last;
    }
}
