package bouncemx.parse.dialect;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SendmailTranscript#mayBeAddressed} holds for every line the verdict pattern matches. */
class SendmailAddressedLineTest {

    /** The transcript's verdict pattern (SendmailTranscript.ADDRESSED). */
    private static final Pattern ADDRESSED = Pattern.compile(
            "^(?:([245]\\d\\d)[ -](?:([245]\\.\\d{1,3}\\.\\d{1,3}) )?)?<?([^\\s<>]+?)>?\\.\\.\\.\\s+(.*)$");

    @Property(tries = 5000, seed = "20261203")
    void everyMatchingLinePassesTheTest(@ForAll("lines") String line) {
        if (ADDRESSED.matcher(line).matches()) assertTrue(SendmailTranscript.mayBeAddressed(line), line);
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> piece = Arbitraries.of("550", " ", "-", "5.1.1", "<", ">", "user@example.com", "kim", "...", ".", "\t",
                "\u000b", "User unknown", "Deferred: Connection refused", "a");
        return piece.list().ofMaxSize(9).map(l -> String.join("", l));
    }

    @Test
    void sendmailVerdictsPassAndProseDoesNot() {
        assertTrue(SendmailTranscript.mayBeAddressed("550 5.1.1 <user@example.com>... User unknown"));
        assertTrue(SendmailTranscript.mayBeAddressed("kim... Deferred: Connection refused"));
        assertFalse(SendmailTranscript.mayBeAddressed("The original message was received at Thu, ... from localhost"));
        assertFalse(SendmailTranscript.mayBeAddressed("user@example.com...User unknown"));
    }
}
