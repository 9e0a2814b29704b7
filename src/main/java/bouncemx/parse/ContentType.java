package bouncemx.parse;

import java.util.Locale;

/**
 * A parsed Content-Type value: lowercased "type/subtype" and the parameters the reader uses
 * (boundary, charset, report-type, and RFC 3676's format=flowed with its DelSp). RFC 2231 continuations of
 * these parameters are not needed in practice and are read only in their simple form. Immutable.
 */
public record ContentType(String mimeType, String boundary, String charset, String reportType, boolean flowed, boolean delSp) {

    public static final ContentType TEXT_PLAIN = new ContentType("text/plain", null, null, null);
    public static final ContentType MESSAGE_RFC822 = new ContentType("message/rfc822", null, null, null);

    /** A type with no format=flowed. */
    public ContentType(String mimeType, String boundary, String charset, String reportType) {
        this(mimeType, boundary, charset, reportType, false, false);
    }

    public boolean isMultipart() { return mimeType.startsWith("multipart/"); }

    public boolean is(String type) { return mimeType.equals(type); }

    /** Parses a header value; null or junk gives {@code dflt}. */
    public static ContentType parse(String value, ContentType dflt) {
        if (value == null) return dflt;
        int semi = value.indexOf(';');
        String type = (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        int sp = type.indexOf(' ');
        if (sp >= 0) type = type.substring(0, sp);
        if (type.indexOf('/') <= 0) type = dflt.mimeType();
        String boundary = null, charset = null, reportType = null;
        boolean flowed = false, delSp = false;
        int pos = semi;
        while (pos >= 0 && pos < value.length()) {
            int eq = value.indexOf('=', pos + 1);
            if (eq < 0) break;
            String name = value.substring(pos + 1, eq).trim().toLowerCase(Locale.ROOT);
            int vs = eq + 1;
            while (vs < value.length() && Character.isWhitespace(value.charAt(vs))) vs++;
            String v;
            int next;
            int quote = vs < value.length() && value.charAt(vs) == '"' ? value.indexOf('"', vs + 1) : -1;
            if (quote > vs && value.lastIndexOf('\\', quote) <= vs) {
                // a quoted value without a backslash in it (boundary="...", charset="..."): the text between
                // the quotes, as the loop below gives it, without a StringBuilder append per character
                v = value.substring(vs + 1, quote);
                next = value.indexOf(';', quote);
            } else if (vs < value.length() && value.charAt(vs) == '"') {
                int close = vs + 1;
                StringBuilder sb = new StringBuilder();
                while (close < value.length() && value.charAt(close) != '"') {
                    char c = value.charAt(close);
                    if (c == '\\' && close + 1 < value.length()) c = value.charAt(++close);
                    sb.append(c);
                    close++;
                }
                v = sb.toString();
                next = value.indexOf(';', Math.min(close, value.length()));
            } else {
                next = value.indexOf(';', vs);
                v = (next < 0 ? value.substring(vs) : value.substring(vs, next)).trim();
            }
            if (name.endsWith("*0") || name.endsWith("*")) name = name.substring(0, name.indexOf('*'));
            switch (name) {
                case "boundary" -> boundary = v;
                case "charset" -> charset = v;
                case "report-type" -> reportType = v.toLowerCase(Locale.ROOT);
                case "format" -> flowed = v.equalsIgnoreCase("flowed");
                case "delsp" -> delSp = v.equalsIgnoreCase("yes");
                default -> { }
            }
            pos = next;
        }
        return new ContentType(type, boundary == null || boundary.isEmpty() ? null : boundary, charset, reportType,
                flowed && type.equals("text/plain"), delSp);
    }
}
