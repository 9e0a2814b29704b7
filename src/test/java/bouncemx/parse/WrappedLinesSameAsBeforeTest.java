package bouncemx.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link WrappedLines#join} gives what it gave before its wrap-width test moved first and its field test became lazy
 * ({@link WrappedLinesBefore}), over texts made of the pieces its rules look at, and over every fixture's text.
 */
class WrappedLinesSameAsBeforeTest {

    /** Words and line openings the rules test: addresses, fields, reply codes, rules, labels, quotes, bullets. */
    private static final String[] PIECES = {"the", "message", "could", "not", "be", "delivered", "to", "Recipient",
            "address", "rejected:", "User", "unknown", "<a@b.example>", "<a@b.example>:", "a@b.example", "550",
            "550-5.1.1", "5.1.1", "452", "4.2.2", "host", "mx.example[192.0.2.1]", "said:", "Subject:", "From:",
            "Remote system:", "Enviado el:", "TO:<a@b>:", "...", "-----", "====", "|----", "> quoted", "*", "#",
            "Giving", "up", "on", "192.0.2.9.", "Name server:", "host.example.:", "Greylisted", "while", "talking",
            "X-Header:", "value", "\u00e9t\u00e9", "\u65e5\u672c"};

    @Property(tries = 3000, seed = "20261203")
    void sameAsBefore(@ForAll("texts") String text) {
        assertEquals(WrappedLinesBefore.join(text), WrappedLines.join(text));
    }

    @Provide
    Arbitrary<String> texts() {
        // lines of 0 to 16 pieces, some indented, some with trailing blanks, so that line lengths fall on both
        // sides of the wrap widths (72 to 80)
        Arbitrary<String> word = Arbitraries.of(PIECES);
        Arbitrary<String> line = Arbitraries.oneOf(
                word.list().ofMaxSize(16).map(l -> String.join(" ", l)),
                word.list().ofMaxSize(14).map(l -> "    " + String.join(" ", l)),
                word.list().ofMaxSize(14).map(l -> String.join(" ", l) + "  "),
                Arbitraries.strings().withChars("ab :<>@-.5\t").ofMaxLength(90));
        return line.list().ofMaxSize(12).map(l -> String.join("\n", l));
    }

    @Test
    void everyFixtureTextAsBefore() throws Exception {
        int n = 0;
        try (var files = Files.walk(Path.of("src/test/resources"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                BounceMessage m = BounceMessage.parse(Files.readAllBytes(p));
                for (MimePart part : m.parts()) {
                    if (!part.children().isEmpty() || !part.contentType().is("text/plain") && !part.isPlainText()) continue;
                    String t = part.text();
                    assertEquals(WrappedLinesBefore.join(t), WrappedLines.join(t), p.toString());
                    n++;
                }
            }
        }
        assertEquals(true, n > 300, "texts compared: " + n);
    }
}
