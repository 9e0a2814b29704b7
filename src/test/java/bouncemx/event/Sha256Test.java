package bouncemx.event;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Sha256Test {

    private static byte[] jdk(byte[] m) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(m);
    }

    @Test
    void theDigestOfTheEmptyInputAndOfAbcAreThoseOfFips180() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.hex(new byte[0]));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void everyLengthAroundTheBlockAndPaddingBoundariesMatchesTheJdksDigest() throws Exception {
        var random = new Random(13);
        for (int n = 0; n <= 300; n++) {   // 55/56 and 119/120: where the length no longer fits the last block
            byte[] m = new byte[n];
            random.nextBytes(m);
            assertArrayEquals(jdk(m), Sha256.digest(m), "length " + n);
        }
    }

    @Test
    void randomMessagesOfMailSizesMatchTheJdksDigestInBytesAndInHex() throws Exception {
        var random = new Random(2026);
        for (int i = 0; i < 200; i++) {
            byte[] m = new byte[random.nextInt(200_000)];
            random.nextBytes(m);
            byte[] want = jdk(m);
            assertArrayEquals(want, Sha256.digest(m), "length " + m.length);
            assertEquals(HexFormat.of().formatHex(want), Sha256.hex(m), "length " + m.length);
        }
    }
}
