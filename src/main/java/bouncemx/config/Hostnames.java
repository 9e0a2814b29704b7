package bouncemx.config;

import java.util.regex.Pattern;

/**
 * Syntax of DNS host names (RFC 1123 section 2.1: letters, digits and inner hyphens per label, labels up to
 * 63 characters, the whole name up to 253). International names are written in their xn-- form. Stateless.
 */
final class Hostnames {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private Hostnames() {}

    static boolean valid(String name) {
        if (name.isEmpty() || name.length() > 253) return false;
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) return false;
        }
        return true;
    }
}
