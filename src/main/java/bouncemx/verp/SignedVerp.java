package bouncemx.verp;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Signed VERP return paths, version 1: encodes a recipient, an optional reference, the issue day and a key id
 * into the local part of a MAIL FROM address, with a truncated HMAC-SHA256 over them, so that a bounce sent
 * to it proves it answers a message this sender really sent. Depends on the JDK only: senders may copy this
 * one file into their code (it is the reference implementation of the format in README.md, "Signed VERP").
 *
 * <pre>
 * address   = "bs-" SIG DAY "-" KEYID "-" REF "-" RLOCAL "=" RDOMAIN "@" BOUNCE-DOMAIN   (all lowercase)
 * SIG       = 10 base32 characters (RFC 4648 alphabet, lowercase "a"-"z" "2"-"7"): the first 50 bits of
 *             HMAC-SHA256(secret, "bouncemx-verp-1\n" KEYID "\n" DAY "\n" REF "\n" RLOCAL "@" RDOMAIN)
 * DAY       = 3 base32 characters: days since 2020-01-01 (UTC), big-endian (covers 2020-01-01 to 2109-09-17)
 * KEYID     = 1-8 of [a-z0-9]
 * REF       = 0-20 of [a-z0-9_] (a message or campaign reference; empty allowed)
 * RLOCAL    = the recipient's local part (a dot-atom of ASCII atext; "=" allowed, the last "=" is the "@")
 * RDOMAIN   = the recipient's domain
 * </pre>
 * The local part ("bs-" to RDOMAIN) is at most 64 octets (RFC 5321 4.5.3.1.1), so the recipient address may
 * have at most {@code 64 - 19 - len(KEYID) - len(REF)} characters (43 with a 2-character key id and no
 * reference); a longer one cannot be encoded and {@link #encode} says so. Everything is lowercased before
 * signing and parsing (some MTAs lowercase local parts), so the format is case-insensitive.
 * <p>
 * Stateless and thread-safe; methods throw {@link IllegalArgumentException} with a readable message on bad
 * input to {@link #encode}, and {@link #parse} returns null for an address that is not of this format.
 */
public final class SignedVerp {
    private SignedVerp() {}

    /** RFC 5321 4.5.3.1.1: a local part is at most 64 octets. */
    public static final int MAX_LOCAL_PART = 64;
    /** The first day DAY can express. */
    public static final LocalDate EPOCH = LocalDate.of(2020, 1, 1);
    static final String MARK = "bs-";
    static final int SIG_CHARS = 10;
    static final int DAY_CHARS = 3;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final String ATEXT_EXTRA = "!#$%&'*+-/=?^_`{|}~";

    /** The fields of a signed VERP address, as written (lowercase); {@code signature} is the 10 SIG characters. */
    public record Parts(String recipient, String ref, String keyId, LocalDate issued, String signature,
                        String bounceDomain) {}

    /** The characters that are not the recipient: "bs-", SIG, DAY and the three "-", the "=" standing for "@". */
    public static int overhead(String keyId, String ref) {
        return MARK.length() + SIG_CHARS + DAY_CHARS + 3 + keyId.length() + ref.length();
    }

    /**
     * The signed return path for {@code recipient}; {@code ref} may be "" (no reference). Throws
     * IllegalArgumentException naming the problem: a recipient that is not a plain ASCII address, a ref or
     * key id outside its alphabet, a day outside 2020-2109, or a recipient too long for the 64-octet local part.
     */
    public static String encode(String recipient, String ref, String keyId, byte[] secret, LocalDate day,
                                String bounceDomain) {
        String r = recipient.strip().toLowerCase(Locale.ROOT);
        String f = ref == null ? "" : ref.toLowerCase(Locale.ROOT);
        String k = keyId.toLowerCase(Locale.ROOT);
        String problem = recipientProblem(r);
        if (problem != null) throw new IllegalArgumentException("recipient \"" + recipient + "\" " + problem);
        if (!f.matches("[a-z0-9_]{0,20}")) throw new IllegalArgumentException("ref \"" + ref + "\" is not 0-20 of a-z, 0-9, _");
        if (!k.matches("[a-z0-9]{1,8}")) throw new IllegalArgumentException("key id \"" + keyId + "\" is not 1-8 of a-z, 0-9");
        if (secret.length < 32) throw new IllegalArgumentException("the secret has " + secret.length + " bytes; at least 32 are needed");
        long days = day.toEpochDay() - EPOCH.toEpochDay();
        if (days < 0 || days >= 1 << (5 * DAY_CHARS)) throw new IllegalArgumentException("day " + day + " is outside 2020-01-01..2109-09-17");
        int room = MAX_LOCAL_PART - overhead(k, f);
        if (r.length() > room) {
            throw new IllegalArgumentException("recipient \"" + recipient + "\" has " + r.length() + " characters; with key id \""
                    + k + "\" and ref \"" + f + "\" a signed VERP local part holds at most " + room + " (RFC 5321: 64 octets)");
        }
        String d = base32(days, DAY_CHARS);
        String local = MARK + signature(secret, k, d, f, r) + d + "-" + k + "-" + f + "-" + r.replace('@', '=');
        String domain = bounceDomain.strip().toLowerCase(Locale.ROOT);
        if (domain.isEmpty()) throw new IllegalArgumentException("no bounce domain");
        return local + "@" + domain;
    }

    /** The fields of {@code address}, or null when it is not a signed VERP address (the signature is not checked). */
    public static Parts parse(String address) {
        if (address == null) return null;
        String a = address.strip().toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) return null;
        String local = a.substring(0, at);
        int head = MARK.length() + SIG_CHARS + DAY_CHARS;
        if (!local.startsWith(MARK) || local.length() <= head || local.charAt(head) != '-') return null;
        String sig = local.substring(MARK.length(), MARK.length() + SIG_CHARS);
        String day = local.substring(MARK.length() + SIG_CHARS, head);
        if (!inAlphabet(sig) || !inAlphabet(day)) return null;
        int k = local.indexOf('-', head + 1);
        if (k < 0) return null;
        int f = local.indexOf('-', k + 1);
        if (f < 0) return null;
        String keyId = local.substring(head + 1, k);
        String ref = local.substring(k + 1, f);
        if (!keyId.matches("[a-z0-9]{1,8}") || !ref.matches("[a-z0-9_]{0,20}")) return null;
        String rest = local.substring(f + 1);
        int eq = rest.lastIndexOf('=');
        if (eq <= 0 || eq == rest.length() - 1) return null;
        String recipient = rest.substring(0, eq) + "@" + rest.substring(eq + 1);
        if (recipientProblem(recipient) != null) return null;
        LocalDate issued = EPOCH.plusDays(unbase32(day));
        return new Parts(recipient, ref, keyId, issued, sig, a.substring(at + 1));
    }

    /** True when {@code parts} carry the signature {@code secret} gives them (constant-time comparison). */
    public static boolean signedWith(Parts parts, byte[] secret) {
        String day = base32(parts.issued().toEpochDay() - EPOCH.toEpochDay(), DAY_CHARS);
        String expected = signature(secret, parts.keyId(), day, parts.ref(), parts.recipient());
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                parts.signature().getBytes(StandardCharsets.US_ASCII));
    }

    private static String signature(byte[] secret, String keyId, String day, String ref, String recipient) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] h = mac.doFinal(("bouncemx-verp-1\n" + keyId + "\n" + day + "\n" + ref + "\n" + recipient)
                    .getBytes(StandardCharsets.US_ASCII));
            long bits = 0;
            for (int i = 0; i < 7; i++) bits = (bits << 8) | (h[i] & 0xff); // 56 bits, keep the first 50
            return base32(bits >>> 6, SIG_CHARS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }

    /** Why {@code r} (lowercased) cannot be encoded, or null: ASCII dot-atom local part, "@", a dotted domain. */
    static String recipientProblem(String r) {
        int at = r.lastIndexOf('@');
        if (at <= 0 || at == r.length() - 1) return "is not an address (local@domain)";
        String local = r.substring(0, at);
        String domain = r.substring(at + 1);
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) return "has a local part that is not a dot-atom";
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || ATEXT_EXTRA.indexOf(c) >= 0;
            if (!ok) return "has a character a signed VERP local part cannot carry: '" + c + "' (ASCII dot-atom only)";
        }
        if (!domain.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
            return "has a domain that is not a dotted ASCII host name";
        }
        return null;
    }

    private static boolean inAlphabet(String s) {
        for (int i = 0; i < s.length(); i++) if (ALPHABET.indexOf(s.charAt(i)) < 0) return false;
        return true;
    }

    private static String base32(long value, int chars) {
        char[] out = new char[chars];
        for (int i = chars - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value & 31));
            value >>>= 5;
        }
        return new String(out);
    }

    private static long unbase32(String s) {
        long v = 0;
        for (int i = 0; i < s.length(); i++) v = (v << 5) | ALPHABET.indexOf(s.charAt(i));
        return v;
    }
}
