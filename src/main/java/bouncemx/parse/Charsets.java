package bouncemx.parse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps a MIME charset label to a JDK charset, with the aliases mail software writes in practice
 * (e.g. "x-sjis", "utf8", "iso-2022-jp" variants). Returns null for unknown labels. Thread-safe.
 */
public final class Charsets {
    private Charsets() {}

    /** Labels seen so far; the JDK re-reads its extended-charset tables on every lookup of a miss. */
    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();
    private static final Object MISSING = new Object();
    private static final int CACHE_MAX = 512;

    public static Charset lookup(String label) {
        if (label == null) return null;
        Object hit = CACHE.get(label);
        if (hit != null) return hit == MISSING ? null : (Charset) hit;
        Charset cs = resolve(label);
        if (CACHE.size() < CACHE_MAX) CACHE.put(label, cs == null ? MISSING : cs);
        return cs;
    }

    private static Charset resolve(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT);
        if (l.length() > 2 && l.charAt(0) == '"' && l.charAt(l.length() - 1) == '"') l = l.substring(1, l.length() - 1);
        switch (l) {
            case "", "us-ascii", "ascii", "ansi_x3.4-1968", "7bit", "8bit":
                return null; // no real charset: callers use their "unlabelled" decoding
            case "utf-8", "utf8", "unicode-1-1-utf-8":
                return StandardCharsets.UTF_8;
            case "iso-8859-1", "latin1", "iso8859-1", "latin-1":
                return StandardCharsets.ISO_8859_1;
            case "x-sjis", "sjis", "shift-jis", "x-shift_jis":
                l = "Shift_JIS";
                break;
            case "iso-2022-jp-2", "iso-2022-jp-3", "iso-2022-jp-ms":
                l = "ISO-2022-JP";
                break;
            case "ks_c_5601-1987", "ks_c_5601", "euc-kr":
                l = "EUC-KR";
                break;
            case "gb2312", "gbk", "x-gbk":
                l = "GBK";
                break;
            default:
                break;
        }
        try {
            return Charset.isSupported(l) ? Charset.forName(l) : null;
        } catch (IllegalArgumentException e) { // IllegalCharsetNameException is one: a label with junk in it
            return null;
        }
    }
}
