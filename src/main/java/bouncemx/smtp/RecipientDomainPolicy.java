package bouncemx.smtp;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which recipient domains this server accepts mail for ({@code smtp.domains}): exact names
 * ({@code bounce.example.com}), every subdomain of a name ({@code *.example.com}: {@code a.example.com},
 * {@code b.a.example.com}, but not {@code example.com} itself) or {@code *} for any domain. Everything else is
 * refused with 550 5.7.1: bouncemx is never a relay. Matching ignores case and a trailing dot. Immutable,
 * thread-safe.
 */
public final class RecipientDomainPolicy {
    private final boolean any;
    private final Set<String> exact = new HashSet<>();
    private final List<String> suffixes; // ".example.com"

    public RecipientDomainPolicy(List<String> domains) {
        boolean anyDomain = false;
        List<String> sfx = new java.util.ArrayList<>();
        for (String d : domains) {
            String n = normalize(d);
            if (n.equals("*")) {
                anyDomain = true;
            } else if (n.startsWith("*.") && n.length() > 2) {
                sfx.add(n.substring(1));
            } else if (!n.isEmpty() && !n.contains("*")) {
                exact.add(n);
            } else {
                throw new IllegalArgumentException("smtp.domains: bad entry \"" + d + "\"");
            }
        }
        this.any = anyDomain;
        this.suffixes = List.copyOf(sfx);
    }

    /** True when mail for {@code domain} (the part after the last '@' of a recipient) is accepted here. */
    public boolean accepts(String domain) {
        String n = normalize(domain);
        if (n.isEmpty()) return false;
        if (any) return true;
        if (exact.contains(n)) return true;
        for (String s : suffixes) {
            if (n.endsWith(s)) return true;
        }
        return false;
    }

    private static String normalize(String d) {
        String n = d.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
