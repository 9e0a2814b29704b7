package bouncemx.parse;

import java.util.Locale;

/**
 * Finds and normalises email addresses in report fields and texts: strips angle brackets, quotes,
 * "rfc822;" type prefixes and trailing punctuation, decodes RFC 6533 "\x{HEX}" escapes of utf-8 address
 * types, and lowercases the whole address (mailbox providers treat local parts case-insensitively, and
 * list hygiene compares them that way). Returns "" when nothing address-like is there. Stateless.
 */
public final class Addresses {
    private Addresses() {}

    /** The address of an RFC 3464 recipient field value ("rfc822; user@example.com", "utf-8; ..."). */
    public static String fromTypedField(String value) {
        if (value == null) return "";
        String v = value.trim();
        int semi = v.indexOf(';');
        if (semi >= 0 && semi < 16 && v.substring(0, semi).indexOf('@') < 0) {
            String type = v.substring(0, semi).trim().toLowerCase(Locale.ROOT);
            v = v.substring(semi + 1).trim();
            if (type.equals("utf-8") || type.equals("unknown")) v = unescapeUtf8(v);
        }
        return normalize(v);
    }

    /** The first address in a free text or header value ("Name <a@b>", "<a@b>", "a@b"), or "". */
    public static String first(String text) {
        if (text == null) return "";
        int lt = text.indexOf('<');
        while (lt >= 0) {
            int gt = text.indexOf('>', lt);
            if (gt < 0) break;
            String inner = text.substring(lt + 1, gt);
            if (inner.indexOf('@') > 0) return normalize(inner);
            lt = text.indexOf('<', gt);
        }
        int at = text.indexOf('@');
        while (at > 0) {
            int s = at;
            while (s > 0 && isLocalChar(text.charAt(s - 1))) s--;
            s = s == at ? quotedLocalStart(text, at) : localStart(text, s, at);
            // a quote inside the run after a non-letter opens a quoted text ("550-'joe@x... No such user'", Microsoft's
            // SMTP service): the address starts after it (a quote between letters, "o'brien@x", is the local part's)
            int q = text.lastIndexOf('\'', at - 2);
            if (q > s && !Character.isLetter(text.charAt(q - 1))) s = q + 1;
            int e = at + 1;
            // (a domain's labels are never empty: "a@x.example....Sender OK", as MDaemon logs a reply, ends at the dots)
            while (e < text.length() && isDomainChar(text.charAt(e))
                    && !(text.charAt(e) == '.' && e + 1 < text.length() && text.charAt(e + 1) == '.')) e++;
            e = domainEnd(text, at + 1, e);
            if (s < at && e > at + 1) {
                String a = normalize(text.substring(s, e));
                if (!a.isEmpty()) return a;
            }
            at = text.indexOf('@', at + 1);
        }
        return "";
    }

    /**
     * An address Exchange encapsulated for a foreign address type ("IMCEASMTP-bob+40x+2Eexample@corp.example":
     * "IMCEA", the type, a hyphen, the foreign address with "+XX" hex escapes, then "@" and Exchange's own
     * domain): for type SMTP the address inside; "" for other types (an X.500 name, "IMCEAEX-_O=...") and
     * when {@code a} is not such an address.
     */
    public static String unencapsulated(String a) {
        if (!isEncapsulated(a)) return "";
        String lower = a.toLowerCase(Locale.ROOT);
        int dash = lower.indexOf('-');
        int at = lower.lastIndexOf('@');
        if (!lower.substring(5, dash).equals("smtp") || at < dash) return "";
        String inner = lower.substring(dash + 1, at);
        StringBuilder b = new StringBuilder(inner.length());
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '+' && i + 2 < inner.length() && isHex(inner.charAt(i + 1)) && isHex(inner.charAt(i + 2))) {
                b.append((char) Integer.parseInt(inner.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.append(c);
            }
        }
        String out = normalize(b.toString());
        return out.indexOf('@') == out.lastIndexOf('@') ? out : "";
    }

    /** True when {@code a} is an Exchange-encapsulated address ("IMCEA" + type + "-" ... "@" domain). */
    public static boolean isEncapsulated(String a) {
        if (a == null || a.length() < 8 || !a.regionMatches(true, 0, "imcea", 0, 5)) return false;
        int dash = a.indexOf('-');
        return dash > 5 && dash < 12 && a.indexOf('@') > dash;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    public static String normalize(String a) {
        String v = a.trim();
        if (v.startsWith("<") && v.endsWith(">")) v = v.substring(1, v.length() - 1).trim();
        int lt = v.indexOf('<');
        int gt = v.lastIndexOf('>');
        if (lt >= 0 && gt > lt) v = v.substring(lt + 1, gt).trim();
        while (!v.isEmpty() && ".,;:'\")]".indexOf(v.charAt(v.length() - 1)) >= 0) v = v.substring(0, v.length() - 1);
        while (!v.isEmpty() && "'\"([<".indexOf(v.charAt(0)) >= 0 && !quotedLocalPart(v)) v = v.substring(1);
        // a link's scheme ("user@example.com<mailto:user@example.com>", Exchange's and mail clients' texts)
        if (v.regionMatches(true, 0, "mailto:", 0, 7)) v = v.substring(7);
        int at = v.lastIndexOf('@');
        if (at <= 0 || at == v.length() - 1) return "";
        if (v.indexOf(' ') >= 0 && !v.startsWith("\"")) return "";
        return v.toLowerCase(Locale.ROOT);
    }

    /** True when {@code v} opens with an RFC 5321 quoted local part ("\"a..b\"@example.com"): its quote stays. */
    private static boolean quotedLocalPart(String v) {
        if (v.charAt(0) != '"') return false;
        int at = v.lastIndexOf('@');
        return at > 1 && v.charAt(at - 1) == '"';
    }

    private static String unescapeUtf8(String v) {
        int i = v.indexOf("\\x{");
        if (i < 0) return v;
        StringBuilder sb = new StringBuilder(v.length());
        int pos = 0;
        while (i >= 0) {
            int close = v.indexOf('}', i);
            if (close < 0) break;
            sb.append(v, pos, i);
            try {
                sb.appendCodePoint(Integer.parseInt(v.substring(i + 3, close), 16));
            } catch (IllegalArgumentException e) { // not hex or not a code point: keep as written
                sb.append(v, i, close + 1);
            }
            pos = close + 1;
            i = v.indexOf("\\x{", pos);
        }
        sb.append(v, pos, v.length());
        return sb.toString();
    }

    static boolean isLocalChar(char c) {
        return (c > 127 && isWideAddressChar(c)) || Character.isLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0;
    }

    static boolean isDomainChar(char c) {
        return (c > 127 && isWideAddressChar(c)) || Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '[' || c == ']' || c == ':';
    }

    /**
     * A character beyond ASCII that an address may hold (RFC 6531/6532 local parts, IDNA labels): a letter, a digit
     * or a combining mark, never punctuation, a symbol or a space of any script (the Arabic comma "،", a no-break
     * space, typographic quotes, "…").
     */
    private static boolean isWideAddressChar(char c) {
        if (isWidePunctuation(c)) return false;
        if (Character.isLetterOrDigit(c)) return true;
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    /** Longest quoted local part looked for ("\"a..b\"@example.com"; RFC 5321 allows 64 octets). */
    private static final int MAX_QUOTED_LOCAL = 64;

    /**
     * Where a quoted local part ending right before {@code at} opens (its opening quote), or {@code at} when
     * none does: the quotes hold no blank, quote or line break.
     */
    private static int quotedLocalStart(String text, int at) {
        if (at < 3 || text.charAt(at - 1) != '"') return at;
        for (int i = at - 2; i >= 0 && i >= at - 2 - MAX_QUOTED_LOCAL; i--) {
            char c = text.charAt(i);
            if (c == '"') return i < at - 2 ? i : at;
            if (c <= ' ' || c == '<' || c == '>') return at;
        }
        return at;
    }

    /**
     * Where the local part found back to {@code s} starts: a text written without blanks ("收件人kijitora@...",
     * Chinese and Japanese notices) puts words of another script right before an ASCII local part; they are cut
     * off. A local part of that script alone ("用户@...", RFC 6531) is kept whole.
     */
    private static int localStart(String text, int s, int at) {
        int i = at;
        while (i > s && text.charAt(i - 1) < 128) i--;
        return i < at && i > s && isOtherScript(text.charAt(i - 1)) ? i : s;
    }

    /**
     * Where the domain found up to {@code e} ends: words of another script right after an ASCII label
     * ("...@example.jp您好", "...@example.jpへの") are text when no dot follows them (a label of that script
     * in an internationalised domain name is followed by one: "abc中文.example").
     */
    private static int domainEnd(String text, int from, int e) {
        for (int i = from + 1; i < e; i++) {
            char c = text.charAt(i);
            if (c < 128 || !isOtherScript(c) || text.charAt(i - 1) >= 128 || text.charAt(i - 1) == '.') continue;
            return text.indexOf('.', i) >= 0 && text.indexOf('.', i) < e ? e : i;
        }
        return e;
    }

    /** A letter of a script other than Latin (Han, Kana, Hangul, Arabic, Cyrillic, ...). */
    private static boolean isOtherScript(char c) {
        if (c < 128 || !Character.isLetter(c)) return false;
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script != Character.UnicodeScript.LATIN && script != Character.UnicodeScript.COMMON
                && script != Character.UnicodeScript.INHERITED;
    }

    /**
     * CJK punctuation (U+3000-U+303F: ideographic space, "、", "。", brackets) and the full-width forms
     * (U+FF00-U+FFEF: "：", "，", "（"): never part of an address (RFC 6531 allows UTF-8 letters, not these
     * separators), so "收件人：user@example.cn" names user@example.cn (Chinese webmail notices).
     */
    private static boolean isWidePunctuation(char c) {
        return (c >= '\u3000' && c <= '\u303F') || (c >= '\uFF00' && c <= '\uFFEF');
    }
}
