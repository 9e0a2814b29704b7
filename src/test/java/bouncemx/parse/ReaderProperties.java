package bouncemx.parse;

import bouncemx.testing.Corpus;
import bouncemx.testing.Samples;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the reader and every dialect: random bytes and mutated real bounces (the shared corpus, or our
 * own samples when it is absent) never throw, never exceed the caps, and take a few milliseconds.
 */
class ReaderProperties {
    private static final Limits LIMITS = Limits.DEFAULT;
    private static final Decoder DECODER = Dialects.standardDecoder();
    private static final List<byte[]> SEEDS = seeds();
    private final List<Long> nanos = new ArrayList<>();

    private static List<byte[]> seeds() {
        List<byte[]> out = new ArrayList<>();
        if (Corpus.available()) {
            for (String f : Corpus.files()) out.add(Corpus.message(f));
        } else {
            for (String s : List.of("dsn-userunknown.eml", "dsn-two-recipients-delayed.eml", "dsn-global-utf8.eml",
                    "dsn-success.eml", "arf-abuse.eml", "auto-reply.eml", "not-a-bounce.eml")) out.add(Samples.sample(s));
        }
        // our own fixtures of every dialect and of current formats, some of which the corpus lacks
        for (String dir : List.of("dialects", "modern")) out.addAll(fixtures(dir));
        return out;
    }

    private static List<byte[]> fixtures(String dir) {
        List<byte[]> out = new ArrayList<>();
        try {
            var url = ReaderProperties.class.getResource("/" + dir);
            if (url == null) return out;
            try (var files = java.nio.file.Files.walk(java.nio.file.Path.of(url.toURI()))) {
                for (var p : files.filter(java.nio.file.Files::isRegularFile).sorted().toList()) {
                    out.add(java.nio.file.Files.readAllBytes(p));
                }
            }
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("reading test fixtures under " + dir, e);
        }
        return out;
    }

    @Property(tries = 400)
    void randomBytesNeverBreakTheReader(@ForAll("junk") byte[] raw) {
        check(raw);
    }

    @Property(tries = 1500)
    void mutatedBouncesNeverBreakTheReader(@ForAll("mutated") byte[] raw) {
        check(raw);
    }

    private void check(byte[] raw) {
        long t0 = System.nanoTime();
        BounceMessage m = BounceMessage.parse(raw, LIMITS);
        ParseResult r = DECODER.decode(m);
        long took = System.nanoTime() - t0;
        nanos.add(took);
        assertTrue(r != null);
        assertTrue(m.parts().size() <= LIMITS.maxParts(), "parts " + m.parts().size());
        for (MimePart p : m.parts()) assertTrue(p.depth() < LIMITS.maxMimeDepth(), "depth " + p.depth());
        assertTrue(m.mainText().length() <= LIMITS.maxTextChars());
        for (int i = 0; i < m.headers().size(); i++) assertTrue(m.headers().value(i).length() <= LIMITS.maxValueChars());
        assertTrue(took < 500_000_000L, "one message took " + took / 1_000_000 + " ms");
    }

    @AfterProperty
    void timesArePercentilesOfAFewMilliseconds() {
        if (nanos.isEmpty()) return;
        long[] t = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        long p50 = t[t.length / 2];
        long p99 = t[(int) (t.length * 0.99)];
        System.out.printf("[fuzz] %d messages: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", t.length, p50 / 1e6, p99 / 1e6, t[t.length - 1] / 1e6);
        // p99, not max: a GC pause or the JIT on a shared machine may stretch one call
        assertTrue(p99 < 25_000_000L, "p99 " + p99 / 1e6 + " ms");
    }

    @Provide
    Arbitrary<byte[]> junk() {
        Arbitrary<Byte> interesting = Arbitraries.of((byte) '\r', (byte) '\n', (byte) '-', (byte) ':', (byte) ' ',
                (byte) '=', (byte) '?', (byte) '<', (byte) '@', (byte) 0, (byte) 0xff);
        Arbitrary<Byte> any = Arbitraries.bytes();
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, any), net.jqwik.api.Tuple.of(1, interesting))
                .list().ofMaxSize(4096).map(ReaderProperties::toArray);
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        return Arbitraries.integers().between(0, SEEDS.size() - 1)
                .flatMap(i -> Arbitraries.integers().between(1, 8).list().ofMinSize(1).ofMaxSize(6)
                        .flatMap(ops -> Arbitraries.longs().map(seed -> mutate(SEEDS.get(i), ops, seed))));
    }

    private static final byte[][] TOKENS = {
            "\r\n--".getBytes(StandardCharsets.US_ASCII), "\n\n".getBytes(StandardCharsets.US_ASCII),
            "Content-Type: multipart/mixed; boundary=x\n".getBytes(StandardCharsets.US_ASCII),
            "Content-Transfer-Encoding: base64\n".getBytes(StandardCharsets.US_ASCII),
            "=?utf-8?B?".getBytes(StandardCharsets.US_ASCII), "Final-Recipient: rfc822;".getBytes(StandardCharsets.US_ASCII),
            "\n--x\n".getBytes(StandardCharsets.US_ASCII), "=\r\n".getBytes(StandardCharsets.US_ASCII)};

    static byte[] mutate(byte[] seed, List<Integer> ops, long rnd) {
        var random = new java.util.Random(rnd);
        byte[] b = seed.clone();
        for (int op : ops) {
            if (b.length == 0) break;
            int at = random.nextInt(b.length);
            switch (op) {
                case 1 -> b[at] = (byte) random.nextInt(256);                                   // flip a byte
                case 2 -> b = Arrays.copyOf(b, at);                                             // truncate
                case 3 -> b = splice(b, at, TOKENS[random.nextInt(TOKENS.length)]);             // insert syntax
                case 4 -> b = splice(b, at, Arrays.copyOfRange(b, at, Math.min(b.length, at + random.nextInt(2048))));
                case 5 -> { int to = Math.min(b.length, at + random.nextInt(512)); b = concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, to, b.length)); }
                case 6 -> { for (int k = at; k < Math.min(b.length, at + 64); k++) if (b[k] == '\n') b[k] = '\r'; }
                case 7 -> b = splice(b, at, repeat(TOKENS[random.nextInt(TOKENS.length)], 1 + random.nextInt(300)));
                default -> b[at] = '\n';
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, byte[] ins) {
        return concat(concat(Arrays.copyOf(b, at), ins), Arrays.copyOfRange(b, at, b.length));
    }

    private static byte[] concat(byte[] a, byte[] c) {
        byte[] out = Arrays.copyOf(a, a.length + c.length);
        System.arraycopy(c, 0, out, a.length, c.length);
        return out;
    }

    private static byte[] repeat(byte[] t, int n) {
        byte[] out = new byte[t.length * n];
        for (int i = 0; i < n; i++) System.arraycopy(t, 0, out, i * t.length, t.length);
        return out;
    }

    private static byte[] toArray(List<Byte> list) {
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = list.get(i);
        return out;
    }
}
