package bouncemx.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The corpus messages, loaded once into memory (the benchmarks measure decoding, not disk). */
final class CorpusMessages {
    private CorpusMessages() {}

    static Path dir() {
        return Path.of(System.getProperty("bouncemx.corpus", "../shared/corpus"), "eml");
    }

    static List<byte[]> load() {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir())) {
            for (Path p : s.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) out.add(Files.readAllBytes(p));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the corpus at " + dir().toAbsolutePath() + " (set -Dbouncemx.corpus=DIR): " + e, e);
        }
        if (out.isEmpty()) throw new IllegalStateException("no .eml files in " + dir().toAbsolutePath());
        return out;
    }

    static long totalBytes(List<byte[]> messages) {
        long n = 0;
        for (byte[] m : messages) n += m.length;
        return n;
    }
}
