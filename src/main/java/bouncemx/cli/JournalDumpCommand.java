package bouncemx.cli;

import bouncemx.journal.DamagedRange;
import bouncemx.event.JournaledEvent;
import bouncemx.journal.JournalReader;
import bouncemx.journal.JournalRecord;
import bouncemx.pipeline.JournalEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code bouncemx journal dump [--data DIR] [--from SEQ] [--follow]}: prints the events of every journal
 * record from SEQ on as JSON lines, each with {@code "journal_seq"} added to "data" right after "id". Reads
 * committed records only, never writes, so it is safe while the daemon runs. With --follow it keeps waiting
 * for new records until it is interrupted (Ctrl-C). A record whose payload is not a journal entry gets one
 * line on stderr and exit status 1 (the others are still printed); so does each damaged range of a segment
 * that the reader skips ("bouncemx: journal: damaged bytes in SEGMENT at offsets A..B between records X and
 * Y (WHY)"; the records after it are still printed). A missing journal directory or a bad option is one line
 * and exit 2.
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print the events in the journal as JSON lines (safe while the daemon runs).")
final class JournalDumpCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", description = "the data directory (default: ./data); the journal is DIR/journal")
    Path data = Path.of("./data");

    @Option(names = "--from", paramLabel = "SEQ", description = "first journal sequence number to print (default: 1)")
    long from = 1;

    @Option(names = "--follow", description = "after the last record, wait for new ones (until interrupted)")
    boolean follow;

    private final PrintStream out;
    private final PrintStream err;

    JournalDumpCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        if (from < 1) {
            err.println("bouncemx: --from must be at least 1");
            return Main.EXIT_USAGE;
        }
        Path dir = data.resolve("journal");
        if (!Files.isDirectory(dir)) {
            err.println("bouncemx: no journal at " + dir);
            return Main.EXIT_USAGE;
        }
        boolean failed = false;
        OutputStream sink = new BufferedOutputStream(out, 1 << 16);
        List<DamagedRange> damage = new ArrayList<>();
        try (var reader = new JournalReader(dir, from, () -> Long.MAX_VALUE, range -> {
            flushQuietly(sink); // stdout before the line on stderr, in the order they were met
            err.println("bouncemx: journal: damaged bytes in " + range.describe());
            damage.add(range);
        })) {
            while (true) {
                Optional<JournalRecord> r = reader.next();
                if (r.isEmpty()) {
                    sink.flush();
                    if (!follow) break;
                    r = reader.poll(Duration.ofSeconds(1));
                    if (r.isEmpty()) continue;
                }
                failed |= !print(r.get(), sink);
            }
        } catch (InterruptedException | ClosedByInterruptException e) { // --follow ends here
            sink.flush();
            return failed || !damage.isEmpty() ? Main.EXIT_FAILURE : Main.EXIT_OK;
        }
        sink.flush();
        return failed || !damage.isEmpty() ? Main.EXIT_FAILURE : Main.EXIT_OK;
    }

    private static void flushQuietly(OutputStream sink) {
        try {
            sink.flush();
        } catch (IOException e) { // stdout is gone; the stderr line still says what matters
        }
    }

    /** Prints the record's events; false (and one line on stderr) when its payload is not a journal entry. */
    private boolean print(JournalRecord record, OutputStream sink) throws IOException {
        JournalEntry entry;
        try {
            entry = JournalEntry.decode(record.payload());
        } catch (IllegalArgumentException e) {
            sink.flush();
            err.println("bouncemx: journal record " + record.seq() + " is not a journal entry: " + e.getMessage());
            return false;
        }
        List<JournaledEvent> events;
        try {
            events = JournaledEvent.of(record.seq(), entry.events());
        } catch (JournaledEvent.Malformed e) {
            sink.flush();
            err.println("bouncemx: journal record " + record.seq() + " " + e.getMessage());
            return false;
        }
        for (JournaledEvent event : events) {
            sink.write(event.json());
            sink.write('\n');
        }
        return true;
    }
}
