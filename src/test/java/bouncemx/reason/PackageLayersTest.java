package bouncemx.reason;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering of the decoding packages, read from the sources' import lines: {@code bouncemx.reason} (reasons and
 * status codes) is a leaf that imports nothing of bouncemx, and the provider rules of {@code bouncemx.classify.rhost}
 * do not import the classifier that consults them (no cycle between the two).
 */
class PackageLayersTest {

    private static final Path MAIN = Path.of("src/main/java/bouncemx");

    @Test
    void theReasonPackageIsALeaf() throws IOException {
        assertEquals(List.of(), importsOf(MAIN.resolve("reason"), "import bouncemx."));
    }

    @Test
    void theProviderRulesDoNotImportTheClassifier() throws IOException {
        List<String> back = new ArrayList<>();
        for (String line : importsOf(MAIN.resolve("classify/rhost"), "import bouncemx.classify.")) {
            if (!line.contains("import bouncemx.classify.rhost.")) back.add(line);
        }
        assertEquals(List.of(), back);
    }

    /** "File: import line" for every import starting with {@code prefix} in the package's own files. */
    private static List<String> importsOf(Path dir, String prefix) throws IOException {
        assertTrue(Files.isDirectory(dir), dir + " (the test runs from the project's root)");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith(prefix)) found.add(f.getFileName() + ": " + line);
                }
            }
        }
        return found;
    }
}
