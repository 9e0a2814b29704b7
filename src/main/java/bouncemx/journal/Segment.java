package bouncemx.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One segment file of the journal, named by {@code base} (20 digits, zero-padded, then ".journal"): it holds
 * records numbered from {@code base} up to the next segment's base minus one, with gaps allowed (its first
 * record may be numbered above {@code base}); the rules are in the package documentation. Other files in
 * the directory are ignored. Immutable.
 */
record Segment(long base, Path path) {
    static final String SUFFIX = ".journal";
    private static final Pattern NAME = Pattern.compile("[0-9]{20}\\.journal");

    static String fileName(long base) {
        return String.format("%020d%s", base, SUFFIX);
    }

    static Segment in(Path dir, long base) {
        return new Segment(base, dir.resolve(fileName(base)));
    }

    /** The segments in {@code dir}, oldest first; empty when there are none. */
    static List<Segment> list(Path dir) throws IOException {
        List<Segment> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (NAME.matcher(name).matches()) out.add(new Segment(Long.parseLong(name.substring(0, 20)), f));
            }
        }
        out.sort(Comparator.comparingLong(Segment::base));
        return out;
    }
}
