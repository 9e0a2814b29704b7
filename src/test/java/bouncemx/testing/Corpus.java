package bouncemx.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared bounce corpus, read in place from the {@code bouncemx.corpus} system property (default
 * ../shared/corpus). Tests that need it call {@link #assumeAvailable()}, which skips them with the name
 * of the public source when the corpus is absent (a user's own clone).
 */
public final class Corpus {
    public static final String SOURCE = "https://github.com/sisimai/set-of-emails (maildir/bsd, maildir/not)";

    private Corpus() {}

    public static Path dir() {
        return Path.of(System.getProperty("bouncemx.corpus", "../shared/corpus"));
    }

    public static boolean available() {
        return Files.isRegularFile(dir().resolve("labels.jsonl")) && Files.isDirectory(dir().resolve("eml"));
    }

    public static void assumeAvailable() {
        org.junit.jupiter.api.Assumptions.assumeTrue(available(),
                "bounce corpus not found at " + dir().toAbsolutePath() + "; it comes from " + SOURCE
                        + " (set -Dbouncemx.corpus=DIR)");
    }

    public static List<String> files() {
        try (Stream<Path> s = Files.list(dir().resolve("eml"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".eml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] message(String file) {
        try {
            return Files.readAllBytes(dir().resolve("eml").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The family of a corpus file: its name without the trailing "-NN.eml". */
    public static String family(String file) {
        return file.replaceFirst("-\\d+\\.eml$", "").replaceFirst("\\.eml$", "");
    }
}
