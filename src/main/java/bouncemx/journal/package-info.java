/**
 * The journal: every received bounce, fsync'd before the SMTP "250" (../shared/DESIGN.md section 2). This page
 * is the one place where the on-disk format and its rules are written down (after Kafka's "Message Format"
 * and "Log" documentation, https://kafka.apache.org/documentation/#messageformat); the classes point here.
 *
 * <h2>Files</h2>
 * <pre>
 * data.dir/journal/
 *   00000000000000000001.journal   segments, named by base sequence number (20 digits, zero-padded)
 *   00000000000000000734.journal   ... the newest one is the active segment
 *   LOCK                           locked (flock) while a writer has the journal open
 *   DAMAGED                        one line per damaged range recovery found (below); absent when none
 *   damaged/SEGMENT.EPOCHMILLIS    a copy of a segment as recovery found it, before it changed anything
 *   spool/NAME.spool               records another process asks the writer's process to append (AppendSpool)
 * data.dir/cursors/NAME            consumers' positions (see Cursor)
 * </pre>
 * Creating data.dir or data.dir/journal (or damaged/) fsyncs the parent directory of each directory created,
 * and creating a segment fsyncs the journal directory: fsync(2) on a file does not make its directory entry
 * durable (Linux fsync(2), NOTES).
 *
 * <h2>Record layout</h2>
 * Records follow one another from offset 0 of a segment; there is no file header. Big-endian:
 * <pre>
 * Record => Length:int32      offset 0   bytes after this field: 21 + payload bytes
 *           Crc32c:uint32     offset 4   CRC-32C (Castagnoli, RFC 3720 appendix B.4) of Version .. Payload
 *           Version:int8      offset 8   = 1
 *           Seq:int64         offset 9   the record's sequence number
 *           Timestamp:int64   offset 17  epoch millis, from the writer's injected Clock
 *           Payload:bytes     offset 25  for the daemon: a pipeline.JournalEntry; at most 256 MiB
 * </pre>
 * A record "passes its checks" when its Length is in range, all its bytes are in the file, the CRC matches
 * and the Version is known. Version 1 is the only one so far; a reader meeting another version treats the
 * bytes as damage.
 *
 * <h2>Sequence numbers</h2>
 * <ul>
 * <li>They start at 1 and strictly increase through the journal: across records, segments and restarts.
 * <li>They may have gaps. A number is never given to two records: the numbers of a write or fsync that failed
 *     are skipped (a reader without the durable limit may have returned those records), and after recovery
 *     the next number is greater than every number a record still readable, a record acknowledged before the
 *     crash, or a record header surviving in a torn tail or damaged range can carry (see Recovery).
 * <li>A segment named N holds records numbered from N up to the next segment's name minus one, gaps allowed
 *     (its first record may be numbered above N, and it may hold no record at all).
 * </ul>
 *
 * <h2>Writing (group commit)</h2>
 * One writer thread takes every queued append, drops those whose deadline has passed, writes the rest with
 * one gathering write, fsyncs once, and then completes their futures (on a separate ack thread). A new
 * segment starts when the next record would take the active one past segment.bytes (a larger record gets a
 * segment of its own); the full segment was fsync'd by the batch that filled it, so only the active
 * segment can end in a torn record. A write that fails is cut back (truncate to the last durable length,
 * fsync) before the next write. Appends beyond the queue bounds (count, bytes) fail at once. See
 * {@link bouncemx.journal.FileJournal} for health, stalls, the disk probe and close.
 *
 * <h2>Preallocation</h2>
 * With journal.preallocate_bytes above 0 the writer keeps the active segment's file up to that many bytes
 * longer than its records, filled with zeros that it has written and fsync'd (never past segment.bytes), and
 * writes each batch over them at the end of the last record: the fdatasync of a write that does not grow the
 * file commits no size change (on ext4, no jbd2 transaction), as PostgreSQL does with its pre-zeroed WAL
 * segments. Before a new segment starts, the active one is cut to its records and fsync'd; a journal closed
 * cleanly is cut too. So the only file that can end in zeros is the newest segment, after a crash (or while the
 * writer runs): from the first record boundary whose Length field is all zero to the end of the file there are
 * only zeros. That is the clean end of the records, not damage; appends continue there.
 *
 * <h2>Recovery and damage</h2>
 * Opening the journal scans the newest segment record by record:
 * <ul>
 * <li><b>Clean end</b>: when, at a record boundary after the last valid record, the Length field and every
 *     byte after it to the end of the file are zero, those are preallocated zeros (or the zeros of a probe or of
 *     a preallocation a crash interrupted): nothing is logged or recorded, and appends continue at that boundary
 *     (without preallocation the zeros are cut first, silently).
 * <li><b>Torn tail</b>: when, after the last valid record, there is one record whose Length runs past the end
 *     of the file (a header cut short included), or one whose bytes end in the zeros that run to the end of the
 *     file (a write over preallocated zeros that did not finish), or, in a file that does not end in zeros,
 *     zero bytes and then one record that the end of the file cuts short, the writer died mid-write: those
 *     bytes were never acknowledged. They are cut (after the copy to damaged/, one WARN with the offsets, one
 *     DAMAGED line with action "cut"; the range runs to the end of the file, zeros included). Only such a
 *     tail is ever cut. A record whose checksum fails but whose bytes end where the zeros begin was written
 *     whole: that is damage.
 * <li><b>Damage</b>: bytes that are not a valid record (an impossible length, a CRC mismatch, an unknown
 *     version, a sequence number not above the previous record's) are left in place. Recovery
 *     <em>resynchronises</em>: it scans forward byte by byte for the next offset where a record starts that
 *     passes its checks and carries a sequence number above the last good one, and keeps every valid record
 *     from there on. Each range gets one ERROR with the offsets, one DAMAGED line with action "kept", and
 *     the segment is copied to damaged/ once. Damage with nothing valid after it that is not a torn tail
 *     also stays; appends continue after it. A range already in DAMAGED is logged at INFO and not copied or
 *     recorded again.
 * <li>The next sequence number is at least the last valid record's + 1, at least the segment's name, and
 *     above any plausible sequence number s found in a header-shaped place (Length in range, Version 1) in
 *     the tail: last &lt; s &lt;= last + tail bytes / 25 + 1 + 2^20 (a tail of n bytes holds at most n / 25
 *     records; before them the writer may have skipped the numbers of failed writes).
 * </ul>
 * Recovery reads the newest segment only: older ones were fsync'd before the next was created. Damage that
 * appears in them later (bit rot) is found by readers, which resynchronise the same way in any segment:
 * one WARN per range, counted, reported to a listener (journal dump prints it and exits 1); a finished
 * segment that ends in damage continues with the next segment. In the newest segment, invalid bytes with
 * nothing valid after them may be a record still being written: a reader waits there, and so it does at an
 * all-zero Length field (the preallocated end), without reporting damage. An all-zero Length field in a
 * finished segment (cut to its records before the next was created) is damage, as anywhere else; so is one in
 * the newest segment before a record the writer has reported durable (readers with the durable limit). Readers never return
 * a record that fails its checks, nor one past the writer's durable limit when they have it.
 *
 * <p>Resynchronisation can, in principle, land on bytes inside a damaged record's payload that happen to
 * form a valid record with a plausible number (payloads hold mail from the Internet, so such bytes could be
 * crafted). It only matters where damage already is; a future version could add a per-segment marker.
 *
 * <h2>The DAMAGED file</h2>
 * UTF-8 text, appended and fsync'd, never rewritten; one line per range, fields separated by one space:
 * <pre>
 * SEGMENT START END AFTER BEFORE FOUND ACTION WHY
 * 00000000000000000001.journal 2090 2303 15 17 2026-12-02T08:15:42.123Z kept checksum mismatch
 * </pre>
 * START..END are byte offsets (END exclusive) in SEGMENT; AFTER is the last valid record's number before
 * the range (or the segment's name minus one); BEFORE is the first valid record's number after it, 0 when
 * none; FOUND is when recovery found it (ISO-8601); ACTION is "kept" (left in place) or "cut" (a torn tail);
 * WHY, to the end of the line, is the reason. Lines that do not parse are ignored.
 *
 * <h2>Retention</h2>
 * Whole segments whose records are all older than journal.retention are deleted (at open, then about once
 * a minute): a segment counts as expired when the next segment's first record is older than the limit. The
 * active segment is never deleted. Readers that fall behind skip to the oldest record left, and say so.
 * Copies in damaged/ and the DAMAGED file are kept until an operator removes them.
 */
package bouncemx.journal;
