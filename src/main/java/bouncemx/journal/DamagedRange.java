package bouncemx.journal;

/**
 * Bytes of one segment that are not records: [{@code start}, {@code end}) of the file {@code segment} (its
 * name), lying after the record with sequence number {@code after} (0: none before it in the segment) and
 * before the one with {@code before} (0: unknown, nothing valid follows), and why they were judged damaged.
 * One line of the DAMAGED file (see the package documentation) holds one of these.
 */
public record DamagedRange(String segment, long start, long end, long after, long before, String why) {
    public DamagedRange {
        if (start < 0 || end < start) throw new IllegalArgumentException("damaged range " + start + ".." + end);
    }

    /** "SEGMENT at offsets A..B between records X and Y (WHY)", as journal dump and the logs print it. */
    public String describe() {
        return segment + " at offsets " + start + ".." + end + " between records " + after + " and "
                + (before == 0 ? "the end" : before) + " (" + why + ")";
    }
}
