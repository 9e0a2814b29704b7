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
                        || tag.startsWith("li") || tag.startsWith("/h") || tag.startsWith("/td")) {
                    out.append('\n');
                } else if (tag.startsWith("td") || tag.startsWith("th")) {
                    out.append(' ');
                }
                i = close + 1;
            } else if (c == '&') {
                int semi = html.indexOf(';', i);
                if (semi > i && semi - i <= 8) {
                    String ent = html.substring(i + 1, semi);
                    String rep = switch (ent) {
                        case "lt" -> "<";
                        case "gt" -> ">";
                        case "amp" -> "&";
                        case "quot" -> "\"";
                        case "nbsp", "#160" -> " ";
                        case "#39", "apos" -> "'";
                        default -> null;
                    };
                    if (rep != null) {
                        out.append(rep);
                        i = semi + 1;
                        continue;
                    }
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
}
