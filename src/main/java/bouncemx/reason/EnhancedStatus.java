package bouncemx.reason;

/** An RFC 3463 enhanced status code such as 5.2.2. Immutable. */
public record EnhancedStatus(int kind, int subject, int detail) {
    public EnhancedStatus {
        if (kind != 2 && kind != 4 && kind != 5) throw new IllegalArgumentException("class " + kind);
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) throw new IllegalArgumentException("code " + subject + "." + detail);
    }

    /** Parses "5.1.1"; null when the text is not a status code. */
    public static EnhancedStatus parse(String s) {
        if (s == null || s.length() < 5) return null;
        int d1 = s.indexOf('.');
        int d2 = d1 < 0 ? -1 : s.indexOf('.', d1 + 1);
        if (d1 != 1 || d2 < 0) return null;
        try {
            int k = Integer.parseInt(s.substring(0, 1));
            int sub = Integer.parseInt(s.substring(2, d2));
            int det = Integer.parseInt(s.substring(d2 + 1));
            if (k != 2 && k != 4 && k != 5 || sub > 999 || det > 999 || sub < 0 || det < 0) return null;
            return new EnhancedStatus(k, sub, det);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public boolean permanent() { return kind == 5; }

    /** "X.s.d" form used by the tables, which apply to both 4.s.d and 5.s.d. */
    public String anyClass() { return "X." + subject + "." + detail; }

    @Override public String toString() { return kind + "." + subject + "." + detail; }
}
