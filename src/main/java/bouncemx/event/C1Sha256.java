package bouncemx.event;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * SHA-256 for a JVM that compiles with C1 only ({@code bouncemx classify}, see {@link EventFactory#sha256}):
 * the system's libcrypto through {@code NativeSha256} (src/main/java22, JDK 22+, Linux) where it links and
 * gives the right digest of a test message, else {@link Sha256}. Which one was chosen is decided once, when
 * this class initialises; {@link #nativeLinked()} says which.
 */
final class C1Sha256 {
    /** {@code NativeSha256.digest(byte[]) -> byte[]} (null for a message it leaves to Java), or null when not linked. */
    private static final MethodHandle NATIVE = linkNative();

    private static final HexFormat HEX = HexFormat.of();

    private C1Sha256() {}

    /** Whether libcrypto does the hashing in this JVM. */
    static boolean nativeLinked() {
        return NATIVE != null;
    }

    /** The digest of {@code m} as 64 lowercase hex digits. */
    static String hex(byte[] m) {
        if (NATIVE != null) {
            byte[] d = invoke(NATIVE, m);
            if (d != null) return HEX.formatHex(d);
        }
        return Sha256.hex(m);
    }

    private static byte[] invoke(MethodHandle h, byte[] m) {
        try {
            return (byte[]) h.invokeExact(m);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {   // the target declares no checked exception
            throw new IllegalStateException(t);
        }
    }

    private static MethodHandle linkNative() {
        if (Runtime.version().feature() < 22) return null;   // the class is compiled for 22 and not loaded before
        try {
            Class<?> c = Class.forName("bouncemx.event.NativeSha256", true, C1Sha256.class.getClassLoader());
            MethodHandle h = MethodHandles.lookup().findStatic(c, "digest", MethodType.methodType(byte[].class, byte[].class));
            // a check before trusting it: a wrong library or ABI must not put wrong digests (and ids) in events
            byte[] probe = "bouncemx: a message of more than one SHA-256 block, to check libcrypto's digest against ours"
                    .getBytes(StandardCharsets.US_ASCII);
            return Arrays.equals(invoke(h, probe), Sha256.digest(probe)) ? h : null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;   // not compiled in (a JDK 21 build), no libcrypto, not Linux, or native access refused
        }
    }
}
