package bouncemx.verp;

import bouncemx.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignedVerpTest {
    static final String SECRET_1 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    static final String SECRET_2 = Base64.getEncoder().encodeToString("another-secret-of-32-bytes-or-mo".getBytes(StandardCharsets.US_ASCII));
    static final Config.VerpKey K1 = new Config.VerpKey("k1", SECRET_1);
    static final Config.VerpKey K2 = new Config.VerpKey("k2", SECRET_2);
    static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");

    static VerpVerifier verifier(Instant now, Config.VerpKey... keys) {
        return new VerpVerifier(List.of(keys), Duration.ofDays(60), Clock.fixed(now, ZoneOffset.UTC));
    }

    @ParameterizedTest(name = "{0} ref={1}")
    @CsvSource({
            "jane@example.org,''",
            "Jane.Doe@Example.ORG,c42",
            "a+b=c@sub.example.co.uk,news_2026",
            "o'neil-x@example.com,''",
    })
    void anEncodedAddressVerifiesAndGivesBackItsRecipientLowercased(String recipient, String ref) {
        var v = verifier(NOW, K1);
        String address = v.encode(recipient, ref, "bounce.example.com");
        assertTrue(address.startsWith("bs-") && address.endsWith("@bounce.example.com"), address);
        assertTrue(address.substring(0, address.lastIndexOf('@')).length() <= 64, address);
        var valid = assertInstanceOf(VerpCheck.Valid.class, v.check(address));
        assertEquals(recipient.toLowerCase(Locale.ROOT), valid.parts().recipient());
        assertEquals(ref.toLowerCase(Locale.ROOT), valid.parts().ref());
        assertEquals("k1", valid.parts().keyId());
        assertEquals(LocalDate.of(2026, 12, 2), valid.parts().issued());
    }

    @Test
    void anAddressUppercasedOnTheWayStillVerifies() {
        var v = verifier(NOW, K1);
        String address = v.encode("jane@example.org", "c1", "bounce.example.com");
        assertTrue(v.check(address.toUpperCase(Locale.ROOT)).valid());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "recipient changed, -jane=, -john=",
            "ref changed, -c1-, -c2-",
            "key id changed, -k1-, -k3-",
    })
    void tamperingWithAnyFieldBreaksTheSignature(String what, String from, String to) {
        var v = verifier(NOW, K1, new Config.VerpKey("k3", SECRET_1));
        String address = v.encode("jane@example.org", "c1", "bounce.example.com");
        var check = assertInstanceOf(VerpCheck.Invalid.class, v.check(address.replace(from, to)), what);
        assertEquals(VerpCheck.BAD_SIGNATURE, check.problem());
    }

    @Test
    void aChangedSignatureCharacterOrDayIsRefused() {
        var v = verifier(NOW, K1);
        String address = v.encode("jane@example.org", "", "bounce.example.com");
        char[] sig = address.toCharArray();
        sig[3] = sig[3] == 'a' ? 'b' : 'a';
        assertEquals(VerpCheck.BAD_SIGNATURE, ((VerpCheck.Invalid) v.check(new String(sig))).problem());
        char[] day = address.toCharArray();
        day[15] = day[15] == 'a' ? 'b' : 'a';
        assertEquals(VerpCheck.BAD_SIGNATURE, ((VerpCheck.Invalid) v.check(new String(day))).problem());
    }

    @Test
    void aSignatureOlderThanMaxAgeIsExpiredAndOneFromTheFutureIsRefused() {
        String address = verifier(NOW, K1).encode("jane@example.org", "", "bounce.example.com");
        assertTrue(verifier(NOW.plus(Duration.ofDays(60)), K1).check(address).valid());
        assertEquals(VerpCheck.EXPIRED, ((VerpCheck.Invalid) verifier(NOW.plus(Duration.ofDays(61)), K1).check(address)).problem());
        assertTrue(verifier(NOW.minus(Duration.ofDays(1)), K1).check(address).valid(), "a sender's clock a day ahead");
        assertEquals(VerpCheck.FUTURE, ((VerpCheck.Invalid) verifier(NOW.minus(Duration.ofDays(2)), K1).check(address)).problem());
    }

    @Test
    void theFirstKeySignsAndEveryKeyVerifiesSoKeysRotate() {
        String old = verifier(NOW, K1).encode("jane@example.org", "", "bounce.example.com");
        var rotated = verifier(NOW, K2, K1);
        assertTrue(rotated.check(old).valid());
        String fresh = rotated.encode("jane@example.org", "", "bounce.example.com");
        assertEquals("k2", SignedVerp.parse(fresh).keyId());
        assertEquals(VerpCheck.UNKNOWN_KEY, ((VerpCheck.Invalid) verifier(NOW, K1).check(fresh)).problem());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "bounces+jane=example.org@bounce.example.com",
            "postmaster@bounce.example.com",
            "bs-short@bounce.example.com",
            "jane@example.org",
    })
    void anAddressNotInTheFormatIsNotSigned(String address) {
        var check = assertInstanceOf(VerpCheck.Invalid.class, verifier(NOW, K1).check(address));
        assertEquals(VerpCheck.NOT_SIGNED, check.problem());
        assertNull(check.parts());
    }

    @Test
    void aRecipientTooLongForTheLocalPartIsAClearError() {
        var v = verifier(NOW, K1);
        String fits = "a".repeat(43 - "@example.org".length()) + "@example.org"; // 64 - 19 - 2 (k1) = 43
        assertEquals(64, v.encode(fits, "", "b.example").indexOf('@'));
        var e = assertThrows(IllegalArgumentException.class, () -> v.encode("a" + fits, "", "b.example"));
        assertTrue(e.getMessage().contains("at most 43"), e.getMessage());
        var withRef = assertThrows(IllegalArgumentException.class, () -> v.encode(fits, "r1", "b.example"));
        assertTrue(withRef.getMessage().contains("at most 41"), withRef.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"quoted\"@example.org|not a dot-atom",
            "jane@localhost|domain",
            "jäne@example.org|character",
            "jane|not an address",
    })
    void aRecipientTheFormatCannotCarryIsRefused(String recipient, String expected) {
        var e = assertThrows(IllegalArgumentException.class, () -> verifier(NOW, K1).encode(recipient, "", "b.example"));
        assertTrue(e.getMessage().contains(expected) || e.getMessage().contains("character"), e.getMessage());
    }

    @Test
    void theFormatIsStableForAKnownInput() {
        // a fixed vector for implementers in other languages (README "Signed VERP")
        String a = SignedVerp.encode("jane@example.org", "c42", "k1", Base64.getDecoder().decode(SECRET_1),
                LocalDate.of(2026, 12, 2), "bounce.example.com");
        assertEquals(a, SignedVerp.encode("JANE@example.org", "C42", "K1", Base64.getDecoder().decode(SECRET_1),
                LocalDate.of(2026, 12, 2), "Bounce.Example.com"));
        assertTrue(a.matches("bs-[a-z2-7]{10}co7-k1-c42-jane=example\\.org@bounce\\.example\\.com"), a);
    }
}
