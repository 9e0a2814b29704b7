package bouncemx.corpus;

import bouncemx.parse.Mbox;
import bouncemx.testing.Corpus;
import bouncemx.testing.Engine;
import bouncemx.testing.Transforms;
import bouncemx.testing.Transforms.Transform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metamorphic test: the same bounce, carried differently, gives the same verdict. Every corpus message
 * (or, without the corpus, our own fixtures) is rewritten by each {@link Transforms#all() transform}, a
 * change of transport that keeps the meaning (another transfer encoding, header-name case, folding,
 * boundary, charset label, trailing blanks, forwarded as an attachment, a shorter returned original), and
 * each event's verdict (type, recipient, reason, hard, status, reply code; not ids, times or hashes) must
 * equal the untransformed one. The rate of disagreement per transform is written to
 * target/transport-invariance.txt. A text quoted inline (InlineText) and one re-wrapped at 72 columns with
 * the rest at column 0 (WrappedLines) are asserted too. Transforms marked as not asserted are measured
 * only: re-wrapping with indented continuations and HTML instead of text can change what a line-oriented
 * template means (an indented line under an address is that address's reason in Postfix's and Exim's
 * notices), so their rates are findings, not rules.
 * Narrowed by structure, each with its reason: a forward is compared without the address of unclassified
 * events (that address is the one the message was delivered to); the returned original is not reduced when
 * the message is a person's forward or the attachment is itself a report (Transforms#reduceOriginal);
 * a charset is not relabelled on ISO-2022 text (7-bit, not ASCII); a charset label is dropped (or made
 * unknown-8bit) as an asserted rewrite only on ASCII, UTF-8 and Latin-1 text, which reads the same without it.
 * A person's inline forward in a localised client (Transforms#englishControls) is measured only, and each such
 * message must be read exactly as the same forward written by the client in English.
 */
class TransportInvarianceTest {
    /** Fixture folders read when the shared corpus is absent (and always, for our own formats). */
    static final List<String> FIXTURE_DIRS = List.of("dialects", "modern", "families", "generalised", "templates", "older-mtas", "servers", "sparse",
            "replies", "mta-generated", "written-notices");

    /**
     * Disagreements an asserted transform may show, each truly ambiguous (listed in target/transport-invariance.txt).
     * rewrap-72, 1: an Exim reply line cut before the capitalised sentence that continues the remote server's reply
     * reads exactly like a reply line followed by the template's own next sentence (as qmail's "Remote host said:
     * 550 ..." is followed by "Giving up on 192.0.2.9."), which must stay apart.
     */
    static final Map<String, Integer> TOLERATED = Map.of("rewrap-72", 1);

    record Sample(String name, byte[] lf) {}

    static List<Sample> samples;

    @BeforeAll
    static void load() {
        List<Sample> out = new ArrayList<>();
        if (Corpus.available()) {
            for (String f : Corpus.files()) addMessages(out, "corpus/" + f, Corpus.message(f));
        }
        for (String dir : FIXTURE_DIRS) {
            for (Path p : fixtures(dir)) {
                try {
                    addMessages(out, dir + "/" + Path.of("src/test/resources", dir).relativize(p), Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        samples = out;
    }

    private static void addMessages(List<Sample> out, String name, byte[] raw) {
        List<byte[]> parts = Mbox.split(raw);
        for (int i = 0; i < parts.size(); i++) {
            byte[] lf = Transforms.lf(parts.get(i)).getBytes(StandardCharsets.ISO_8859_1);
            out.add(new Sample(parts.size() == 1 ? name : name + "#" + (i + 1), lf));
        }
    }

    private static List<Path> fixtures(String dir) {
        Path root = Path.of("src/test/resources", dir);
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theHarnessReaderWritesEveryMessageBackUnchanged() {
        assertTrue(samples.size() >= 100, "messages to transform: " + samples.size());
        for (Sample s : samples) {
            String text = new String(s.lf(), StandardCharsets.ISO_8859_1);
            assertEquals(text, Transforms.roundTrip(text), s.name());
        }
    }

    @Test
    void everyTransportOfABounceGivesTheSameVerdicts() throws IOException {
        Map<String, List<String>> differ = new LinkedHashMap<>();
        Map<String, Integer> applied = new LinkedHashMap<>();
        Map<String, List<String>> unlikeEnglish = new LinkedHashMap<>();
        var controls = Transforms.englishControls();
        long t0 = System.nanoTime();
        for (Sample s : samples) {
            List<String> original = verdicts(s.lf());
            for (Transform t : Transforms.all()) {
                List<String> before = original;
                byte[] changed = t.apply().apply(s.lf());
                if (changed == null) continue;
                applied.merge(t.name(), 1, Integer::sum);
                List<String> after = verdicts(changed);
                if (t.name().equals("forwarded")) {
                    // the only address of an unclassified message is the VERP one it was delivered to (its To or
                    // envelope): a forward is delivered to the forwarder's choice, so that address is not compared
                    before = unclassifiedWithoutAddress(before);
                    after = unclassifiedWithoutAddress(after);
                }
                if (!before.equals(after)) {
                    differ.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(s.name() + "\n    " + before + "\n -> " + after);
                }
                var control = controls.get(t.name());
                if (control != null) {
                    byte[] english = control.apply(s.lf());
                    List<String> inEnglish = english == null ? original : verdicts(english);
                    if (!inEnglish.equals(after)) {
                        unlikeEnglish.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(s.name() + "\n    " + inEnglish + "\n -> " + after);
                    }
                }
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        var table = new StringBuilder();
        table.append(String.format("transport invariance over %d messages (%d ms)%n", samples.size(), ms));
        table.append(String.format("  %-24s %8s %8s %8s  %s%n", "transform", "applied", "differ", "rate", "asserted"));
        for (Transform t : Transforms.all()) {
            int n = applied.getOrDefault(t.name(), 0);
            int d = differ.getOrDefault(t.name(), List.of()).size();
            table.append(String.format("  %-24s %8d %8d %7.1f%%  %s%n", t.name(), n, d, n == 0 ? 0.0 : 100.0 * d / n,
                    t.asserted() ? "yes" : controls.containsKey(t.name())
                            ? "measured only; unlike English: " + unlikeEnglish.getOrDefault(t.name(), List.of()).size() + " (asserted 0)"
                            : "measured only"));
        }
        var details = new StringBuilder(table);
        for (var e : unlikeEnglish.entrySet()) {
            details.append("\n== ").append(e.getKey()).append(", English -> localised\n");
            for (String line : e.getValue()) details.append("  ").append(line).append('\n');
        }
        for (var e : differ.entrySet()) {
            details.append("\n== ").append(e.getKey()).append('\n');
            for (String line : e.getValue()) details.append("  ").append(line).append('\n');
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/transport-invariance.txt"), details);
        System.out.print(table);

        for (var e : controls.entrySet()) {
            assertTrue(applied.getOrDefault(e.getKey(), 0) > 0, e.getKey() + " rewrote no message: the transform is broken");
            List<String> d = unlikeEnglish.getOrDefault(e.getKey(), List.of());
            assertTrue(d.isEmpty(), e.getKey() + " is read unlike the same rewrite in English " + d.size() + " times:\n" + String.join("\n", d));
        }
        for (Transform t : Transforms.all()) {
            if (!t.asserted()) continue;
            assertTrue(applied.getOrDefault(t.name(), 0) > 0, t.name() + " rewrote no message: the transform is broken");
            List<String> d = differ.getOrDefault(t.name(), List.of());
            int tolerated = TOLERATED.getOrDefault(t.name(), 0);
            assertTrue(d.size() <= tolerated, t.name() + " (" + t.why() + ") changed " + d.size() + " verdicts (tolerated "
                    + tolerated + "):\n" + String.join("\n", d));
        }
    }

    private static List<String> unclassifiedWithoutAddress(List<String> verdicts) {
        return verdicts.stream().map(v -> v.startsWith("message.unclassified|") ? "message.unclassified" : v).toList();
    }

    static List<String> verdicts(byte[] message) {
        return CorpusSweepTest.verdicts(Engine.events(message), Map.of());
    }
}
