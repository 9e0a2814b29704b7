package bouncemx.testing;

import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;
import bouncemx.pipeline.JournalEntry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a data directory's journal holds: every committed record from sequence 1, decoded as a
 * {@link JournalEntry}. Reads only (safe while the daemon runs: {@link JournalReader} stops at the last
 * committed record).
 */
public final class JournalContents {
    private JournalContents() {}

    public static List<JournalEntry> entries(Path data) throws IOException {
        List<JournalEntry> out = new ArrayList<>();
        try (var r = new JournalReader(data.resolve("journal"), 1)) {
            for (Optional<JournalRecord> rec = r.next(); rec.isPresent(); rec = r.next()) {
                out.add(JournalEntry.decode(rec.get().payload()));
            }
        }
        return out;
    }

    public static List<String> messageIds(Path data) throws IOException {
        return entries(data).stream().map(JournalEntry::messageId).toList();
    }
}
