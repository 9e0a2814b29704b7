package bouncemx.corpus;

import bouncemx.testing.Accuracy;
import bouncemx.testing.Corpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The standard formats (RFC 3464 DSNs in all their corpus families, ARF complaints, RFC 3834
 * auto-replies, and every other sample that the generic RFC 3464 reader decodes): reason, hard flag and
 * status agree with labels.jsonl on at least 97% of rows.
 */
class StandardFormatsAccuracyTest {
    static final double FLOOR = 0.97;

    @BeforeAll
    static void corpus() { Corpus.assumeAvailable(); }

    @Test
    void standardFormatsAgreeWithTheLabelsOnAtLeast97Percent() {
        var r = Accuracy.evaluate(Accuracy::standard);
        System.out.println("[corpus] standard formats " + r.total());
        r.byFamily().forEach((f, c) -> System.out.printf("[corpus]   %-24s %s%n", f, c));
        String why = r.total() + "\n" + String.join("\n", r.misses());
        assertTrue(r.total().rows() >= 50, "the standard set is the families named in the issue at least");
        assertTrue(r.total().reasonRate() >= FLOOR, "reason " + why);
        assertTrue(r.total().hardRate() >= FLOOR, "hard " + why);
        assertTrue(r.total().statusRate() >= FLOOR, "status " + why);
    }
}
