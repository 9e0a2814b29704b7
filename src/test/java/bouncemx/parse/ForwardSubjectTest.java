package bouncemx.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link InlineText#isForwardSubject} with its colon prefilter answers as the prefix tests alone do. */
class ForwardSubjectTest {

    private static final List<String> FORWARD = List.of("fwd:", "fw:", "tr:", "wg:", "rv:", "i:", "doorst:", "vb:", "vs:", "[fwd:", "fwd ");
    private static final List<String> REPLY = List.of("re:", "aw:", "sv:", "antw:", "r:");

    /** The definition: the prefix tests without the prefilter. */
    private static boolean straightforward(String subjectLower) {
        String s = subjectLower.strip();
        for (int guard = 0; guard < 4; guard++) {
            boolean stripped = false;
            for (String r : REPLY) {
                if (s.startsWith(r)) { s = s.substring(r.length()).strip(); stripped = true; break; }
            }
            if (!stripped) break;
        }
        for (String f : FORWARD) if (s.startsWith(f)) return true;
        return false;
    }

    @Property(tries = 3000, seed = "20261203")
    void sameAsThePrefixTestsAlone(@ForAll("subjects") String s) {
        assertEquals(straightforward(s), InlineText.isForwardSubject(s), s);
    }

    @Provide
    Arbitrary<String> subjects() {
        Arbitrary<String> piece = Arbitraries.of("fwd:", "fwd", "fw:", "doorst:", "[fwd:", "fwd ", "re:", "antw:", "r:", "i:", " ",
                "\t", ":", "undelivered mail returned to sender", "re", "vs", "x", "delivery status notification (failure)");
        return piece.list().ofMaxSize(6).map(l -> String.join("", l));
    }
}
