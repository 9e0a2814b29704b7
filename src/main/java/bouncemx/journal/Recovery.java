package bouncemx.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Recovers the newest segment when the journal is opened, by the recovery and damage rules of the package
 * documentation: it keeps every record that passes its checks, cuts only a torn tail, leaves other damage in
 * place (resynchronising past it), copies the segment to damaged/ before it changes or reports anything,
 * records each new damaged range in the DAMAGED file, and returns the next sequence number, which is past
 * every number a readable, acknowledged or torn record can have carried. Throws IOException when the
 * segment cannot be read, copied or cut. Used by the one thread that opens the journal.
 */
final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(FileJournal.class); // operators read one logger

    /**
     * Where appends continue: the size of the segment that is durable (its records), the file's size (larger when a
     * preallocated tail of zeros follows them), the next sequence number and the last valid record's.
     */
    record Result(long durableSize, long fileSize, long nextSeq, long lastSeq) {}

    /** How far past the last valid record a header's number in the tail may be and still count (see above). */
    static final long SKIPPED_NUMBERS_ALLOWANCE = 1 << 20;

    private Recovery() {}

    static Result recover(Path dir, Segment segment, Clock clock, Storage storage) throws IOException {
        String name = segment.path().getFileName().toString();
        List<DamagedRange> ranges = new ArrayList<>();
        long size;
        long pos = 0;
        long last = segment.base() - 1;
        long next;
        long end; // where the records end: the file's size, or where its preallocated zeros begin
        DamagedRange torn = null;
        try (FileChannel ch = FileChannel.open(segment.path(), StandardOpenOption.READ)) {
            size = ch.size();
            end = size;
            String tailWhy = null;
            while (true) {
                RecordFormat.Read r = RecordFormat.read(ch, pos);
                if (r instanceof RecordFormat.Blank && RecordFormat.firstNonZero(ch, pos) >= size) {
                    end = pos; // only zeros from here: the preallocated end, never written (not damage)
                    break;
                }
                String why = RecordFormat.problem(r, last);
                if (why == null) {
                    if (!(r instanceof RecordFormat.Valid v)) break; // the end
                    pos = v.end();
                    last = v.seq();
                    continue;
                }
                RecordFormat.Found found = RecordFormat.findValid(ch, pos + 1, last, Long.MAX_VALUE);
                if (found == null) {
                    tailWhy = why;
                    break;
                }
                ranges.add(new DamagedRange(name, pos, found.offset(), last, found.valid().seq(), why));
                pos = found.offset();
            }
            next = Math.max(segment.base(), last + 1);
            if (tailWhy != null) {
                // No number a header in the tail carries is used again. Plausible: a tail of n bytes holds at most
                // n / 25 records, and before them the writer may have skipped the numbers of failed writes.
                long plausibleBelow = last + (size - pos) / RecordFormat.HEADER_BYTES + 2 + SKIPPED_NUMBERS_ALLOWANCE;
                next = Math.max(next, RecordFormat.maxHeaderSeq(ch, pos, size, last, plausibleBelow) + 1);
                if (isTorn(ch, pos, size)) {
                    torn = new DamagedRange(name, pos, size, last, 0, tailWhy);
                } else {
                    ranges.add(new DamagedRange(name, pos, size, last, 0, tailWhy));
                }
            }
        }

        List<DamageLog.Entry> known = DamageLog.read(dir);
        List<DamageLog.Entry> fresh = new ArrayList<>();
        for (DamagedRange r : ranges) {
            if (known.stream().anyMatch(e -> e.sameRange(r))) {
                log.info("journal: known damaged bytes in {}, left in place (see {})", r.describe(), DamageLog.FILE);
            } else {
                fresh.add(new DamageLog.Entry(r, clock.instant(), "kept"));
            }
        }
        if (torn != null) fresh.add(new DamageLog.Entry(torn, clock.instant(), "cut"));
        if (fresh.isEmpty()) return new Result(end, size, next, last);

        Path copy = copyAside(dir, segment, clock, storage);
        for (DamageLog.Entry e : fresh) {
            if (e.range() == torn) continue;
            log.error("journal: damaged bytes in {}; left in place, the records after them are kept; the segment was "
                    + "copied to {}", e.range().describe(), copy);
        }
        DamageLog.append(dir, fresh, storage);
        if (torn == null) return new Result(end, size, next, last);
        log.warn("journal: cut {} at offset {} of {} bytes ({}); kept records {}..{}; the segment was copied to {}", name,
                torn.start(), size, torn.why(), segment.base(), last, copy);
        try (Storage.SegmentFile f = storage.open(segment.path())) {
            f.truncate(torn.start());
            f.force();
        }
        return new Result(torn.start(), torn.start(), next, last);
    }

    /**
     * A torn tail: from {@code from} to the end there are only zero bytes; or one record at {@code from} that is
     * cut short, by the end of the file or (a write over preallocated zeros that did not finish) by zeros that run
     * from inside it to the end of the file; or, in a file that does not end in zeros, zero bytes and then one
     * record that the end of the file cuts short. Anything else is damage, and stays: a record at {@code from}
     * whose checksum fails but whose bytes end where the zeros begin was written whole.
     */
    static boolean isTorn(FileChannel ch, long from, long size) throws IOException {
        RecordFormat.Read first = RecordFormat.read(ch, from);
        if (first instanceof RecordFormat.Torn) return true;
        long q = RecordFormat.firstNonZero(ch, from);
        if (q >= size) return true;
        long zeros = RecordFormat.zeroTailStart(ch, q); // [zeros, size) holds only zero bytes
        if (first instanceof RecordFormat.Invalid && RecordFormat.claimedEnd(ch, from) > zeros) return true;
        if (zeros < size) return false; // preallocated zeros: the writer starts every record at the end of the last one
        // A record's Length field starts with zero bytes itself: the record may start up to 3 bytes before q.
        for (long c = Math.max(from, q - 3); c <= q; c++) {
            if (RecordFormat.read(ch, c) instanceof RecordFormat.Torn) return true;
        }
        return false;
    }

    /** Copies the segment to damaged/SEGMENT.EPOCHMILLIS, fsync'd, before anything about it changes. */
    private static Path copyAside(Path dir, Segment segment, Clock clock, Storage storage) throws IOException {
        Path damaged = dir.resolve("damaged");
        FileJournal.createDirectories(damaged, storage);
        Path copy = damaged.resolve(segment.path().getFileName() + "." + clock.millis());
        try {
            Files.copy(segment.path(), copy);
            try (FileChannel c = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            storage.syncDirectory(damaged);
        } catch (IOException e) {
            throw new IOException("journal: cannot copy damaged segment " + segment.path() + " to " + copy + ": " + e, e);
        }
        return copy;
    }
}
