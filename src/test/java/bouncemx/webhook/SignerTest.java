package bouncemx.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignerTest {
    static final byte[] BODY = "{\"type\":\"bounce.hard\",\"data\":{\"id\":\"ev_1\"}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsIdTimestampAndBodyAsTheSpecificationsVerifierExpects() throws Exception {
        String header = new Signer(List.of(Fixture.KEY)).sign("ev_1", 1_764_662_400L, BODY);
        assertTrue(header.matches("v1,[A-Za-z0-9+/]{43}="), header);
        assertTrue(SignatureCheck.verifies(Fixture.KEY, "ev_1", "1764662400", BODY, header));
        assertTrue(!SignatureCheck.verifies(Fixture.KEY, "ev_2", "1764662400", BODY, header), "the id is signed");
        assertTrue(!SignatureCheck.verifies(Fixture.KEY, "ev_1", "1764662401", BODY, header), "the timestamp is signed");
    }

    @Test
    void aKeyWithoutThePrefixIsTheSameKey() {
        assertEquals(new Signer(List.of(Fixture.KEY)).sign("a", 1, BODY),
                new Signer(List.of(Fixture.KEY.substring("whsec_".length()))).sign("a", 1, BODY));
    }

    @Test
    void twoKeysGiveTwoSignaturesSeparatedByOneSpaceInKeyOrder() throws Exception {
        String header = new Signer(List.of(Fixture.KEY, Fixture.OLD_KEY)).sign("ev_1", 5, BODY);
        String[] parts = header.split(" ");
        assertEquals(2, parts.length);
        assertEquals(new Signer(List.of(Fixture.KEY)).sign("ev_1", 5, BODY), parts[0]);
        assertEquals(new Signer(List.of(Fixture.OLD_KEY)).sign("ev_1", 5, BODY), parts[1]);
    }

    @Test
    void refusesAKeyThatIsNotBase64() {
        assertThrows(IllegalArgumentException.class, () -> new Signer(List.of("whsec_not base64!")));
        assertThrows(IllegalArgumentException.class, () -> new Signer(List.of()));
    }
}
