package bouncemx.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The streaming reader, which jumps from line start to line start and may see a separator line cut by a read,
 * splits and unescapes exactly as a byte-by-byte pass over the whole file does.
 */
class MboxPropertiesTest {

    private static final Pattern SEPARATOR = Pattern.compile("From \\S+ +[A-Z][a-z]{2} [A-Z][a-z]{2} +\\d{1,2} \\d{1,2}:\\d{2}(:\\d{2})? .*");

    /** Every position after a CR or LF (and 0) whose line, up to 200 bytes, is a separator line. */
    private static List<byte[]> naiveSplit(byte[] b) {
        if (!separator(b, 0)) return List.of(b);
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 1; i < b.length; i++) if ((b[i - 1] == '\n' || b[i - 1] == '\r') && separator(b, i)) starts.add(i);
        List<byte[]> out = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            out.add(naiveUnescape(b, starts.get(k), k + 1 < starts.size() ? starts.get(k + 1) : b.length));
        }
        return out;
    }

    private static boolean separator(byte[] b, int i) {
        int end = i;
        while (end < b.length && end < i + 200 && b[end] != '\n' && b[end] != '\r') end++;
        return SEPARATOR.matcher(new String(b, i, end - i, StandardCharsets.ISO_8859_1)).matches();
    }

    private static byte[] naiveUnescape(byte[] b, int from, int to) {
        byte[] out = new byte[to - from];
        int w = 0;
        for (int i = from; i < to; i++) {
            boolean lineStart = i == from || b[i - 1] == '\n' || b[i - 1] == '\r';
            if (lineStart && b[i] == '>') {
                int j = i;
                while (j < to && b[j] == '>') j++;
                if (new String(b, j, Math.min(5, to - j), StandardCharsets.ISO_8859_1).equals("From ")) continue; // drop this '>'
            }
            out[w++] = b[i];
        }
        return Arrays.copyOf(out, w);
    }

    @Property(tries = 1500)
    void readerSplitsAndUnescapesAsAWholeFilePass(@ForAll("mboxes") String text, @ForAll @IntRange(min = 1, max = 3000) int chunk)
            throws IOException {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        List<String> expected = strings(naiveSplit(b));
        List<byte[]> got = new ArrayList<>();
        try (Mbox.Reader r = new Mbox.Reader(new ByteArrayInputStream(b), chunk)) {
            for (byte[] m = r.next(); m != null; m = r.next()) got.add(m);
        }
        assertEquals(expected, strings(got));
        assertEquals(expected, strings(Mbox.split(b)));
    }

    @Provide
    Arbitrary<String> mboxes() {
        Arbitrary<String> piece = Arbitraries.of("From a@x Mon Jan  5 10:00:00 2026", "From MAILER-DAEMON  Thu Jul  2 12:05:05 2020",
                "From nobody", "From ", ">From ", ">>From x", ">", ">From", "From", "F", "x", "Subject: s", "",
                "body text that runs for a while so that lines are longer than one eight-byte word", "\n", "\r\n", "\r", "\n\n");
        Arbitrary<String> body = piece.list().ofMaxSize(60).map(l -> String.join("", l));
        Arbitrary<String> sep = Arbitraries.of("\n", "\r\n", "\r", "\n>", "\nF");
        return Arbitraries.oneOf(body, body.map(s -> "From a@x Mon Jan  5 10:00:00 2026\n" + s),
                Arbitraries.strings().withChars("F>rom \n\rx").ofMaxLength(300),
                body.list().ofMaxSize(6).flatMap(ms -> sep.map(s -> "From b@y Tue Feb 10 09:08:07 2026" + s
                        + String.join(s + "From c@z Wed Mar  4 01:02:03 2026" + s, ms))));
    }

    private static List<String> strings(List<byte[]> parts) {
        return parts.stream().map(p -> new String(p, StandardCharsets.ISO_8859_1)).toList();
    }
}
