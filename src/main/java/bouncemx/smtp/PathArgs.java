package bouncemx.smtp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The arguments of MAIL and RCPT (RFC 5321 4.1.1.2-3): {@code FROM:<path> [KEY[=VALUE]]...}. Lenient where
 * real senders are sloppy (a space after the colon, a path without angle brackets, a source route, which
 * is dropped), strict where it matters (parameters must be separated by a space, no control characters).
 * Parameter names are upper-cased; a parameter without a value maps to "". Immutable.
 *
 * @param address the mailbox, "" for the null path {@code <>}
 */
record PathArgs(String address, Map<String, String> params) {

    PathArgs {
        params = Map.copyOf(params);
    }

    /** Parses what follows the verb ("MAIL" / "RCPT"); null when it is malformed. */
    static PathArgs parse(String commandLine, String keyword) {
        if (commandLine.length() < 4) return null;
        String rest = commandLine.substring(4).stripLeading();
        if (!rest.regionMatches(true, 0, keyword, 0, keyword.length())) return null;
        rest = rest.substring(keyword.length()).stripLeading();
        String path;
        String tail;
        if (rest.startsWith("<")) {
            int end = closingBracket(rest);
            if (end < 0) return null;
            path = rest.substring(1, end);
            tail = rest.substring(end + 1);
        } else {
            int sp = rest.indexOf(' ');
            path = sp < 0 ? rest : rest.substring(0, sp);
            tail = sp < 0 ? "" : rest.substring(sp);
            if (path.isEmpty()) return null;
        }
        if (!tail.isEmpty() && tail.charAt(0) != ' ') return null;
        if (path.startsWith("@")) { // source route "@a,@b:user@c" (RFC 5321 4.1.1.3: ignore it)
            int colon = path.indexOf(':');
            if (colon < 0) return null;
            path = path.substring(colon + 1);
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) return null;
        }
        String t = tail.strip();
        if (t.isEmpty()) return new PathArgs(path, Map.of()); // the usual case: no map, no split
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        int n = t.length();
        while (i < n) { // parameters separated by runs of spaces (no regex: this runs for every MAIL and RCPT)
            while (i < n && t.charAt(i) == ' ') i++;
            if (i == n) break;
            int end = t.indexOf(' ', i);
            if (end < 0) end = n;
            String p = t.substring(i, end);
            i = end;
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).toUpperCase(Locale.ROOT);
            if (key.isEmpty() || params.containsKey(key)) return null;
            params.put(key, eq < 0 ? "" : p.substring(eq + 1));
        }
        return new PathArgs(path, params);
    }

    private static int closingBracket(String s) {
        boolean quoted = false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) i++;
            else if (c == '"') quoted = !quoted;
            else if (c == '>' && !quoted) return i;
        }
        return -1;
    }
}
