package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Limits;
import bouncemx.parse.TextScan;
import bouncemx.parse.rfc3464.DeliveryStatus;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the text-reading dialects of MTAs that also attach RFC 3464 fields (Postfix, OpenSMTPD, Courier)
 * share: the delivery-status part (or DSN fields pasted into a forwarded report's text) and the address form
 * of a text entry (the returned original's headers: {@code Originals.returnedHeaders}). Stateless; every method returns null or
 * "" when the message lacks what is asked for.
 */
final class DsnFields {
    private DsnFields() {}

    /** A quoted local part ("first..last"@example.com), which {@link Addresses#normalize} would strip. */
    private static final Pattern QUOTED_LOCAL = Pattern.compile("\"[^\"\\s]{1,128}\"@[A-Za-z0-9.\\-\\[\\]:]{1,255}");

    /**
     * The fields of the first message/delivery-status (or global-delivery-status) part that has any;
     * else fields pasted into {@code text} from a "Reporting-MTA:" or "Final-Recipient:" line on (a
     * report forwarded as plain text); null when neither exists.
     */
    static DeliveryStatus find(BounceMessage m, String text, Limits limits) {
        DeliveryStatus ds = DeliveryStatus.fromParts(m, limits);
        return ds != null ? ds : DeliveryStatus.fromText(text, limits);
    }

    /** The address written in a report text, keeping a quoted local part as written; "" when none. */
    static String address(String written) {
        Matcher q = QUOTED_LOCAL.matcher(written.trim());
        if (q.matches()) return written.trim().toLowerCase(Locale.ROOT);
        return Addresses.normalize(written);
    }

    /** True when {@code a} and {@code b} name the same mailbox, ignoring the quotes Addresses strips. */
    static boolean same(String a, String b) {
        return !a.isEmpty() && bare(a).equals(bare(b));
    }

    private static String bare(String a) {
        return a.replace("\"", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The status to report when a DSN field says {@code field} and the server's text says {@code inText}:
     * the field, unless it is missing or only an "other" code (x.0.0) and the text has a more specific
     * code of the same class (the outcome, 4 or 5, stays the field's).
     */
    static String refine(String field, String inText) {
        if (field.isEmpty()) return inText;
        if (inText.isEmpty() || !field.endsWith(".0.0") || inText.endsWith(".0.0")) return field;
        return field.charAt(0) == inText.charAt(0) ? inText : field;
    }
}
