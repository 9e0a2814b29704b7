package bouncemx.verp;

import java.util.Locale;

/**
 * Decodes VERP return addresses of the usual form {@code prefix+local=domain@bounce-domain} (the failed
 * recipient's "@" written as "="), as Postfix, qmail and most ESPs write them. The separator may be "+"
 * or "-" and the first one after the prefix counts; the encoded recipient is the part after it with its
 * last "=" turned back into "@". Returns null for addresses that are not VERP. Stateless.
 */
public final class Verp {
    private Verp() {}

    /**
     * A decoded VERP address; {@code signature} is the signed-VERP verdict when it was checked
     * ({@link VerpVerifier}), null when nobody checked (offline classify).
     */
    public record Address(String address, String prefix, String recipient, String bounceDomain, VerpCheck signature) {
        public Address(String address, String prefix, String recipient, String bounceDomain) {
            this(address, prefix, recipient, bounceDomain, null);
        }

        /** This address with the verdict of {@code verifier} on it. */
        public Address checkedBy(VerpVerifier verifier) {
            return new Address(address, prefix, recipient, bounceDomain, verifier.check(address));
        }

        /** True when the address is in the signed-VERP format (whatever its signature is worth). */
        public boolean signed() {
            return SignedVerp.parse(address) != null;
        }
    }

    /**
     * Decodes a signed VERP address ({@link SignedVerp}, recipient exact) or else a plain one ({@link #decode});
     * null when it is neither.
     */
    public static Address decodeAny(String address) {
        SignedVerp.Parts p = SignedVerp.parse(address);
        if (p == null) return decode(address);
        String a = address.strip().toLowerCase(Locale.ROOT);
        String local = a.substring(0, a.lastIndexOf('@'));
        String encoded = p.recipient().replace('@', '=');
        // the local part ends with the recipient, its "@" written "="; the prefix is what comes before its "-"
        String prefix = local.substring(0, local.length() - encoded.length() - 1);
        return new Address(a, prefix, p.recipient(), p.bounceDomain());
    }

    /**
     * The decoding of VERP {@code address} whose recipient is {@code reported}, trying every "+" or "-"
     * after the prefix as the separator: ESPs put message or job ids there ("bounce-42-7-jane=example.org")
     * and local parts may hold "-" themselves, so the report's own address says where the prefix ends.
     * Null when no split gives {@code reported}.
     */
    public static Address decodeAs(String address, String reported) {
        if (address == null || reported == null || reported.isEmpty()) return null;
        String a = address.trim().toLowerCase(Locale.ROOT);
        String want = reported.trim().toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (at <= 0) return null;
        String local = a.substring(0, at);
        int eq = local.lastIndexOf('=');
        if (eq < 0) return null;
        for (int i = 1; i < eq - 1; i++) {
            char c = local.charAt(i);
            if (c != '+' && c != '-') continue;
            String candidate = local.substring(i + 1, eq) + "@" + local.substring(eq + 1);
            if (candidate.equals(want)) return new Address(a, local.substring(0, i), candidate, a.substring(at + 1));
        }
        return null;
    }

    public static Address decode(String address) {
        if (address == null) return null;
        String a = address.trim().toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (at <= 0) return null;
        String local = a.substring(0, at);
        String domain = a.substring(at + 1);
        int eq = local.lastIndexOf('=');
        if (eq < 0 || eq == local.length() - 1) return null;
        int sep = -1;
        for (int i = 0; i < eq; i++) {
            char c = local.charAt(i);
            if (c == '+' || c == '-') { sep = i; break; }
        }
        if (sep <= 0 || sep + 1 >= eq) return null;
        String rLocal = local.substring(sep + 1, eq);
        String rDomain = local.substring(eq + 1);
        if (!dotAtom(rLocal) || !hostName(rDomain)) return null;
        return new Address(a, local.substring(0, sep), rLocal + "@" + rDomain, domain);
    }

    /**
     * An RFC 5322 section 3.2.3 dot-atom (the unquoted local part): atext characters (any non-ASCII too,
     * RFC 6532) in dot-separated non-empty runs. A VERP reading whose local part is not one is no address.
     */
    static boolean dotAtom(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c > 127 || Character.isLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0)) return false;
        }
        return true;
    }

    /**
     * A host name as mail domains are written (RFC 1123 section 2.1 labels of letters, digits and hyphens,
     * not starting or ending with a hyphen; non-ASCII allowed for IDNs), with at least two labels and a
     * top-level label that is not all digits (RFC 3696 section 2). A VERP reading of "campaign-2026.12=batch.7"
     * gives the domain "batch.7", which is none: the report's own recipient must be used instead (issue 13).
     */
    static boolean hostName(String s) {
        String[] labels = s.split("\\.", -1);
        if (labels.length < 2) return false;
        for (String l : labels) {
            if (l.isEmpty() || l.length() > 63 || l.startsWith("-") || l.endsWith("-")) return false;
            for (int i = 0; i < l.length(); i++) {
                char c = l.charAt(i);
                if (!(c > 127 || Character.isLetterOrDigit(c) || c == '-')) return false;
            }
        }
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }
}
