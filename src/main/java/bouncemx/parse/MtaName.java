package bouncemx.parse;

import java.util.Locale;

/**
 * The one reader of "MTA-name-type; name" values (RFC 3464 sections 2.2.2, 2.3.4 and 2.3.5: Reporting-MTA,
 * Received-From-MTA, Remote-MTA), as DSN fields, Exim's and Sun's text, Amazon SES's JSON and the remote-host
 * rules write them: "dns; mx.example.com (192.0.2.1)" names mx.example.com. Stateless.
 */
public final class MtaName {
    private MtaName() {}

    /** The name of a typed value: the type dropped, the first word, lowercase; "" for null or blank. */
    public static String of(String typed) {
        if (typed == null) return "";
        int semi = typed.indexOf(';');
        String s = (semi >= 0 ? typed.substring(semi + 1) : typed).trim();
        int sp = s.indexOf(' ');
        if (sp > 0) s = s.substring(0, sp);
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * A host as a lookup key ("dns; mx1.example.net. [192.0.2.1]" and "mx1.example.net" give the same key):
     * lowercase, a short type prefix dropped, cut at a blank, "[", "(" or "&gt;", trailing dots removed.
     */
    public static String key(String h) {
        if (h == null) return "";
        String s = h.trim().toLowerCase(Locale.ROOT);
        int semi = s.indexOf(';');
        if (semi >= 0 && semi < 8) s = s.substring(semi + 1).trim();
        int cut = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '[' || c == '(' || c == '>') { cut = i; break; }
        }
        s = s.substring(0, cut);
        while (s.endsWith(".")) s = s.substring(0, s.length() - 1);
        return s;
    }
}
