package bouncemx.event;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class C1Sha256Test {

    private static String jdk(byte[] m) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(m));
    }

    @Test
    void everyLengthAroundTheBlockBoundariesAndPastTheNativeLimitMatchesTheJdksDigest() throws Exception {
        var random = new Random(22);
        for (int n = 0; n <= 200; n++) {
            byte[] m = new byte[n];
            random.nextBytes(m);
            assertEquals(jdk(m), C1Sha256.hex(m), "length " + n);
        }
        // around the longest message libcrypto is given (1 MiB): longer ones are hashed by Sha256
        for (int n : new int[] {(1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 << 20}) {
            byte[] m = new byte[n];
            random.nextBytes(m);
            assertEquals(jdk(m), C1Sha256.hex(m), "length " + n);
        }
    }

    @Test
    void libcryptoIsUsedOnAJdk22OrLaterOnLinuxWhereItIsInstalled() throws Exception {
        boolean compiled = C1Sha256.class.getResource("NativeSha256.class") != null;   // a JDK 21 build leaves it out
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
        assumeTrue(Runtime.version().feature() >= 22 && compiled && linux && libcryptoInstalled(),
                "needs a JDK 22+ build on Linux with libcrypto.so.3 or .1.1 installed; elsewhere Sha256 is used");
        assertTrue(C1Sha256.nativeLinked(), "libcrypto is installed but was not linked");
    }

    private static boolean libcryptoInstalled() throws Exception {
        for (String dir : new String[] {"/lib", "/usr/lib", "/lib64", "/usr/lib64", "/usr/local/lib"}) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.walk(d, 2)) {
                if (s.anyMatch(p -> p.getFileName().toString().matches("libcrypto\\.so\\.(3|1\\.1)"))) return true;
            }
        }
        return false;
    }
}
