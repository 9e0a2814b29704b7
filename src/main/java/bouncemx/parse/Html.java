package bouncemx.parse;

/**
 * Crude HTML to text for reports that only come as HTML (Office 365 and some providers): drops tags,
 * style and script content, turns block ends into line breaks and decodes the common entities. A line
 * break in the source is white space, as a browser shows it (HTML 4.01 section 9.1), except inside
 * &lt;pre&gt;: the lines a writer wraps in its source are no lines of the text, and the text's lines are
 * where its &lt;br&gt; and blocks end. Stateless, thread-safe.
 */
public final class Html {
    private Html() {}

    public static String toText(String html) {
        StringBuilder out = new StringBuilder(html.length() / 2);
        String lower = null;
        int i = 0;
        int n = html.length();
        boolean pre = false;
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                int close = html.indexOf('>', i);
                if (close < 0) break;
                String tag = html.substring(i + 1, Math.min(close, i + 12)).toLowerCase(java.util.Locale.ROOT);
                if (tag.startsWith("style") || tag.startsWith("script")) {
                    if (lower == null) lower = TextScan.lower(html); // once, only when needed
                    int end = lower.indexOf("</" + (tag.startsWith("style") ? "style" : "script"), close);
                    i = end < 0 ? n : html.indexOf('>', end) + 1;
                    if (i <= 0) i = n;
                    continue;
                }
                if (tag.startsWith("pre")) pre = true;
                else if (tag.startsWith("/pre")) pre = false;
                if (tag.startsWith("br") || tag.startsWith("p") || tag.startsWith("/p") || tag.startsWith("div")
                        || tag.startsWith("/div") || tag.startsWith("tr") || tag.startsWith("/tr")
                        || tag.startsWith("li") || tag.startsWith("/h")) {
                    out.append('\n');
                } else if (tag.startsWith("td") || tag.startsWith("th") || tag.startsWith("/td") || tag.startsWith("/th")) {
                    out.append(' ');
                }
                i = close + 1;
            } else if (c == '&') {
                int semi = html.indexOf(';', i);
                int code = semi > i + 1 && semi - i <= 10 ? entity(html, i + 1, semi) : -1;
                if (code >= 0) {
                    if (code == 0xA0) out.append(' ');
                    else out.appendCodePoint(code);
                    i = semi + 1;
                    continue;
                }
                out.append(c);
                i++;
            } else {
                if (c == '\r' || c == '\n') {
                    if (pre) out.append('\n');
                    else if (out.isEmpty() || (out.charAt(out.length() - 1) != ' ' && out.charAt(out.length() - 1) != '\n')) out.append(' ');
                    if (c == '\r' && i + 1 < n && html.charAt(i + 1) == '\n') i++;
                } else {
                    out.append(c);
                }
                i++;
            }
        }
        return out.toString();
    }

    /**
     * The character that the reference between {@code from} and {@code semi} names (without its '&' and ';'):
     * a number ("#64", "#x40"; HTML 4.01 section 5.3.1) or one of HTML 4's names for Latin-1 and for the
     * quotes and dashes that notices use ("rsquo", "eacute"); -1 for anything else (a control character, a
     * surrogate, a name not known here), which stays as written.
     */
    static int entity(String html, int from, int semi) {
        if (html.charAt(from) == '#') {
            boolean hex = semi > from + 2 && (html.charAt(from + 1) == 'x' || html.charAt(from + 1) == 'X');
            int code = 0;
            for (int k = from + (hex ? 2 : 1); k < semi; k++) {
                int d = Character.digit(html.charAt(k), hex ? 16 : 10);
                if (d < 0 || code > 0x10FFFF) return -1;
                code = code * (hex ? 16 : 10) + d;
            }
            boolean control = code < 0x20 && code != '\t' && code != '\n';
            return control || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) || semi == from + (hex ? 2 : 1) ? -1 : code;
        }
        Integer named = NAMED.get(html.substring(from, semi));
        return named == null ? -1 : named;
    }

    /** HTML 4's entity names (section 24.2-24.4): Latin-1 from U+00A0 in order, then the ones notices use beyond it. */
    private static final java.util.Map<String, Integer> NAMED = named();

    private static java.util.Map<String, Integer> named() {
        var m = new java.util.HashMap<String, Integer>();
        String[] latin1 = ("nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 "
                + "acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring "
                + "AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times "
                + "Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave "
                + "eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute "
                + "ucirc uuml yacute thorn yuml").split(" ");
        for (int k = 0; k < latin1.length; k++) m.put(latin1[k], 0xA0 + k);
        m.put("quot", (int) '"');
        m.put("amp", (int) '&');
        m.put("apos", (int) '\'');
        m.put("lt", (int) '<');
        m.put("gt", (int) '>');
        m.put("OElig", 0x152);
        m.put("oelig", 0x153);
        m.put("Scaron", 0x160);
        m.put("scaron", 0x161);
        m.put("ndash", 0x2013);
        m.put("mdash", 0x2014);
        m.put("lsquo", 0x2018);
        m.put("rsquo", 0x2019);
        m.put("sbquo", 0x201A);
        m.put("ldquo", 0x201C);
        m.put("rdquo", 0x201D);
        m.put("bdquo", 0x201E);
        m.put("bull", 0x2022);
        m.put("hellip", 0x2026);
        m.put("lsaquo", 0x2039);
        m.put("rsaquo", 0x203A);
        m.put("euro", 0x20AC);
        m.put("trade", 0x2122);
        return java.util.Map.copyOf(m);
    }
}
