package bouncemx.testing;

import bouncemx.event.Event;
import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A directory of fixtures under src/test/resources with an {@code expected.tsv}: per file, one line per event it must
 * give (file, type, recipient, reason, hard, status, reply code, tab-separated; "#" lines are comments). Used by the
 * suites of fixtures whose expected events were checked by hand.
 */
public final class ExpectedEvents {
    private ExpectedEvents() {}

    /** One dynamic test per fixture of {@code dir} ("mta-generated/"): its events, sorted, are its expected lines. */
    public static Stream<DynamicTest> eachFixture(String dir) {
        return expected(dir).entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            List<String> got = new ArrayList<>();
            for (Event ev : Engine.events(Samples.bytes(dir + e.getKey()))) got.add(line(ev));
            got.sort(null);
            assertEquals(e.getValue(), got, e.getKey());
        }));
    }

    /** Asserts that every .eml file of {@code dir} has lines in its expected.tsv, and no line names a missing file. */
    public static void assertEveryFixtureListed(String dir) {
        Path path;
        try {
            path = Path.of(ExpectedEvents.class.getClassLoader().getResource(dir + "expected.tsv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> files;
        try (Stream<Path> s = Files.list(path)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".eml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(files, List.copyOf(expected(dir).keySet()));
    }

    /** An event as a line of expected.tsv (without the file name); an unclassified message's has no verdict. */
    public static String line(Event e) {
        if (e.classification() == null) return String.join("\t", e.type(), "", "undefined", "false", "", "");
        return String.join("\t", e.type(), e.recipientAddress(), e.classification().reason().wireName(),
                String.valueOf(e.classification().hard()), e.classification().status(), e.classification().replyCode());
    }

    /** File name to its expected event lines (sorted), from {@code dir}'s expected.tsv. */
    private static Map<String, List<String>> expected(String dir) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String row : new String(Samples.bytes(dir + "expected.tsv"), StandardCharsets.UTF_8).split("\n")) {
            if (row.isBlank() || row.startsWith("#")) continue;
            String[] f = row.split("\t", -1);
            out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(String.join("\t", List.of(f).subList(1, f.length)));
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }
}
