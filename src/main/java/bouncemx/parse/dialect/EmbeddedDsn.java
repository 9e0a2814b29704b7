package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.Limits;
import bouncemx.parse.MimePart;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.TextScan;
import bouncemx.parse.rfc3464.DeliveryStatus;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Finds the RFC 3464 fields a vendor report carries, for dialects that combine them with the vendor's own
 * text: the message/delivery-status part, read leniently (Exchange Online puts unfolded X-Microsoft-*
 * lines between the part header and the fields, so when the part as a whole gives no recipient the fields
 * are read again from its first Reporting-MTA or Final-Recipient line), or fields pasted into a text (a
 * forwarded Sendmail report). Returns null when there are none. Stateless, thread-safe.
 */
final class EmbeddedDsn {
    private EmbeddedDsn() {}

    /** The fields of the first delivery-status part that names a recipient, or null. */
    static DeliveryStatus fromParts(BounceMessage m, Limits limits) {
        DeliveryStatus empty = null;
        for (MimePart p : m.reportParts()) {
            String t = p.mimeType();
            if (!t.endsWith("/delivery-status") && !t.equals("message/global-delivery-status")) continue;
            byte[] b = p.bytes();
            DeliveryStatus ds = DeliveryStatus.parse(b, 0, b.length, limits);
            if (ds.recipients().isEmpty()) {
                DeliveryStatus again = fromText(p.text(), limits);
                if (again != null) ds = again;
            }
            if (!ds.recipients().isEmpty()) return ds;
            if (empty == null) empty = ds;
        }
        return empty;
    }

    /** DSN fields written into {@code text}, from its first Reporting-MTA (or Final-Recipient) line; or null. */
    static DeliveryStatus fromText(String text, Limits limits) {
        String lower = text.toLowerCase(Locale.ROOT);
        int fr = TextScan.lineStarting(lower, "final-recipient:", 0);
        if (fr < 0) return null;
        int start = TextScan.lineStarting(lower, "reporting-mta:", 0);
        if (start < 0 || start > fr) start = fr;
        byte[] b = text.substring(start).getBytes(StandardCharsets.UTF_8);
        DeliveryStatus ds = DeliveryStatus.parse(b, 0, b.length, limits);
        return ds.recipients().isEmpty() ? null : ds;
    }

    /** The recipient of {@code ds} with this address (case-insensitive), or null. */
    static RecipientStatus recipient(DeliveryStatus ds, String address) {
        if (ds == null) return null;
        for (RecipientStatus r : ds.recipients()) if (r.address().equalsIgnoreCase(address)) return r;
        return null;
    }

    /** True when a Diagnostic-Code says nothing a reader could use: empty, or only a number (X-Unix exit code). */
    static boolean uninformative(String diagnostic) {
        String d = diagnostic.trim();
        if (d.isEmpty()) return true;
        for (int i = 0; i < d.length(); i++) if (!Character.isDigit(d.charAt(i))) return false;
        return true;
    }
}
