package bouncemx.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link Codes#leadInsAt}'s one pass finds each lead-in where a search per lead-in finds it. */
class CodesLeadInTest {

    /** The definition: the search per lead-in that the one pass replaced. */
    private static int indexOfIgnoreCase(String text, String lowerNeedle) {
        char first = lowerNeedle.charAt(0);
        for (int i = 0, last = text.length() - lowerNeedle.length(); i <= last; i++) {
            char c = text.charAt(i);
            if ((c | 0x20) != first && c != first) continue;
            if (text.regionMatches(true, i, lowerNeedle, 0, lowerNeedle.length())) return i;
        }
        return -1;
    }

    @Property(tries = 3000, seed = "20261203")
    void sameAsASearchPerLeadIn(@ForAll("texts") String text) {
        int[] at = Codes.leadInsAt(text);
        for (int k = 0; k < Codes.LEAD_INS.length; k++) assertEquals(indexOfIgnoreCase(text, Codes.LEAD_INS[k]), at[k], Codes.LEAD_INS[k]);
    }

    @Provide
    Arbitrary<String> texts() {
        // the lead-ins whole, cut, in other cases, with characters that equal their letters ignoring case
        // (U+017F long s, U+0130 and U+0131 dotted and dotless i) and the code that follows them
        Arbitrary<String> piece = Arbitraries.of("Remote host said:", "said:", "SAID:", "sai", "d:", "responded with failure:",
                "The error that the other server returned was:", "the response from the remote server was:",
                "Remote Server returned", "response was:", "Response Was:", "remote ", "\u017fai\u0131d:", "sa\u0130d:", " ",
                "'", "550 5.1.1 ", "host mx[192.0.2.1] ", "r", "s", "t");
        return piece.list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Test
    void theCodeAfterTheFirstLeadInThatHasOne() {
        assertEquals("550", Codes.replyCodeOfDiagnostic("host mx.example[192.0.2.1] said: 550 5.1.1 unknown"));
        assertEquals("554", Codes.replyCodeOfDiagnostic("Remote server returned '554 5.7.1 denied'"));
        assertEquals("451", Codes.replyCodeOfDiagnostic("said: nothing; the server's response was: 451 later"));
        assertEquals("", Codes.replyCodeOfDiagnostic("no code here"));
    }
}
