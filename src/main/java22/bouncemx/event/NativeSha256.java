package bouncemx.event;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * SHA-256 by the system's OpenSSL (libcrypto's one-shot {@code SHA256(d, n, md)}), called through the
 * foreign-function API of JDK 22+; compiled by the {@code jdk22} profile of the pom, loaded only by
 * {@link C1Sha256} on a JDK 22+ and never on JDK 21. For a JVM compiling with C1 only ({@code bouncemx
 * classify}), where neither the JDK's digest nor {@link Sha256} gets the CPU's SHA instructions: libcrypto
 * uses them (or AVX2), ~10x the speed of {@link Sha256} under C1 (bench/README.md, "SHA-256 under C1").
 * <p>
 * The call is {@linkplain Linker.Option#critical(boolean) critical} with heap access: libcrypto reads the
 * message's array in place (no copy), and while it runs the thread does not reach a safepoint, so a longer
 * message than {@link #MAX_CRITICAL} is left to the caller's Java digest to keep a GC waiting ~1 ms at most.
 * Linux only (on macOS, loading libcrypto's unversioned stub aborts the process). The class fails to
 * initialise where the library or its symbol is missing; {@link C1Sha256} then uses {@link Sha256}.
 */
final class NativeSha256 {
    /** The longest message hashed natively: 1 MiB, ~1.5 ms at libcrypto's speed here. */
    static final int MAX_CRITICAL = 1 << 20;

    /** The sonames tried, newest OpenSSL first; both export the one-shot {@code SHA256}. */
    private static final String[] LIBRARIES = {"libcrypto.so.3", "libcrypto.so.1.1"};

    private static final MethodHandle SHA256 = link();

    private NativeSha256() {}

    private static MethodHandle link() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            throw new UnsupportedOperationException("libcrypto is only linked on Linux");
        }
        IllegalArgumentException last = null;
        for (String name : LIBRARIES) {
            try {
                SymbolLookup lib = SymbolLookup.libraryLookup(name, Arena.global());
                MemorySegment fn = lib.find("SHA256").orElseThrow(() -> new IllegalArgumentException(name + " has no SHA256"));
                return Linker.nativeLinker().downcallHandle(fn,
                        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
                        Linker.Option.critical(true));
            } catch (IllegalArgumentException e) {   // no such library, or no such symbol in it
                last = e;
            }
        }
        throw last;
    }

    /**
     * The 32-byte digest of {@code m}, or null when {@code m} is longer than {@link #MAX_CRITICAL} (the
     * caller hashes it itself).
     */
    static byte[] digest(byte[] m) {
        if (m.length > MAX_CRITICAL) return null;
        byte[] out = new byte[32];
        try {
            MemorySegment unused = (MemorySegment) SHA256.invokeExact(MemorySegment.ofArray(m), (long) m.length, MemorySegment.ofArray(out));
        } catch (Throwable t) {   // invokeExact declares Throwable; a downcall of this shape throws nothing checked
            throw new IllegalStateException("libcrypto SHA256 failed", t);
        }
        return out;
    }
}
