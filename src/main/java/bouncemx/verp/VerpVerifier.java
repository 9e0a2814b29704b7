package bouncemx.verp;

import bouncemx.config.Config;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs and checks signed VERP addresses ({@link SignedVerp}) with the configured keys ({@code verp.keys}: the
 * first signs, every one verifies, so keys rotate by adding the new one first and removing the old one after
 * {@code verp.max_age}). A signature is valid when its key id is configured, its MAC matches, and its issue
 * day is neither older than {@code max_age} nor later than tomorrow (a sender's clock may be a day ahead).
 * Never throws for an address it is asked to check; the verdict says what is wrong. Immutable, thread-safe.
 */
public final class VerpVerifier {
    private final Map<String, byte[]> keys = new LinkedHashMap<>();
    private final String signingKey;
    private final Duration maxAge;
    private final Clock clock;

    public VerpVerifier(List<Config.VerpKey> keys, Duration maxAge, Clock clock) {
        for (Config.VerpKey k : keys) this.keys.put(k.id(), k.secretBytes());
        this.signingKey = keys.isEmpty() ? null : keys.getFirst().id();
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public static VerpVerifier of(Config.Verp verp, Clock clock) {
        return new VerpVerifier(verp.keys(), verp.maxAge(), clock);
    }

    /** True when at least one key is configured (otherwise nothing can be signed, and nothing verifies). */
    public boolean hasKeys() {
        return signingKey != null;
    }

    /** The signed return path for {@code recipient} with the first key, issued today; see {@link SignedVerp#encode}. */
    public String encode(String recipient, String ref, String bounceDomain) {
        if (signingKey == null) throw new IllegalArgumentException("no signing key: set verp.keys");
        return SignedVerp.encode(recipient, ref, signingKey, keys.get(signingKey), today(), bounceDomain);
    }

    public VerpCheck check(String address) {
        SignedVerp.Parts p = SignedVerp.parse(address);
        if (p == null) return new VerpCheck.Invalid(null, VerpCheck.NOT_SIGNED);
        byte[] secret = keys.get(p.keyId());
        if (secret == null) return new VerpCheck.Invalid(p, VerpCheck.UNKNOWN_KEY);
        if (!SignedVerp.signedWith(p, secret)) return new VerpCheck.Invalid(p, VerpCheck.BAD_SIGNATURE);
        LocalDate today = today();
        if (p.issued().isAfter(today.plusDays(1))) return new VerpCheck.Invalid(p, VerpCheck.FUTURE);
        if (p.issued().plusDays(maxAge.toDays()).isBefore(today)) return new VerpCheck.Invalid(p, VerpCheck.EXPIRED);
        return new VerpCheck.Valid(p);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
