package bouncemx.parse;

/**
 * Undoes RFC 3676's format=flowed: a line that ends in a space (a soft break) goes on in the next line of the
 * same quote depth, one leading space after the quote marks is stuffing and is removed, and with DelSp=yes the
 * soft break's space is removed too. The signature separator "-- " is never a soft break. Mail clients
 * (Thunderbird, Apple Mail, ...) send a person's text flowed: a postmaster's hand-written notice, or a bounce
 * forwarded inline, then arrives cut into lines of ~72 characters that end in a blank. A quoted logical line is
 * written back with its quote marks and one blank ("&gt;&gt; text"). Stateless.
 */
public final class Flowed {
    private Flowed() {}

    /**
     * The text {@code s} (line breaks "\n") with its flowed lines joined; {@code s} itself when nothing is flowed
     * or stuffed.
     */
    public static String decode(String s, boolean delSp) {
        if (s.indexOf(" \n") < 0 && s.indexOf("\n ") < 0 && !s.startsWith(" ")) return s;
        StringBuilder out = new StringBuilder(s.length());
        int pos = 0;
        int n = s.length();
        while (pos <= n) {
            // one logical line: a first physical line and those its soft breaks join to it
            int depth = -1;
            boolean first = true;
            while (true) {
                int eol = s.indexOf('\n', pos);
                if (eol < 0) eol = n;
                int d = 0;
                while (pos + d < eol && s.charAt(pos + d) == '>') d++;
                if (!first && d != depth) break;       // another quote depth: the soft break ends here
                int start = pos + d;
                if (start < eol && s.charAt(start) == ' ') start++;   // stuffing
                if (first) {
                    depth = d;
                    if (d > 0) out.append(">".repeat(d)).append(' ');
                }
                boolean soft = eol > start && s.charAt(eol - 1) == ' ' && !(eol - start == 3 && s.startsWith("-- ", start));
                out.append(s, start, soft && delSp ? eol - 1 : eol);
                pos = eol + 1;
                first = false;
                if (!soft || pos > n) break;
            }
            if (pos <= n) out.append('\n');
        }
        return out.toString();
    }
}
