package bouncemx.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link ContentType#parse} with its quoted-value fast path reads every value as the parser before it did. */
class ContentTypeParseTest {

    /** The definition: the parser as it was, with a StringBuilder for every quoted value. */
    static ContentType before(String value, ContentType dflt) {
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
            if (vs < value.length() && value.charAt(vs) == '"') {
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


    @Property(tries = 3000, seed = "20261203")
    void sameAsBefore(@ForAll("values") String value) {
        assertEquals(before(value, ContentType.TEXT_PLAIN), ContentType.parse(value, ContentType.TEXT_PLAIN), value);
    }

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> piece = Arbitraries.of("multipart/report", "text/plain", "Text/HTML ", ";", " ", "boundary=", "charset=",
                "report-type=", "Boundary*0=", "\"", "\\", "=_abc", "us-ascii", "delivery-status", "a\\\"b", "x=y");
        return piece.list().ofMaxSize(10).map(l -> String.join("", l));
    }
}
