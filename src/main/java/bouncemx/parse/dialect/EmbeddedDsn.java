package bouncemx.parse.dialect;

import bouncemx.parse.RecipientStatus;
import bouncemx.parse.rfc3464.DeliveryStatus;


/**
 * Helpers for dialects that combine a vendor report's RFC 3464 fields (found by
 * {@link DeliveryStatus#fromParts} and {@link DeliveryStatus#fromText}) with the vendor's own text.
 * Stateless, thread-safe.
 */
final class EmbeddedDsn {
    private EmbeddedDsn() {}

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
