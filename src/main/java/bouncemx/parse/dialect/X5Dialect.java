package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.Limits;
import bouncemx.parse.MimePart;
import bouncemx.parse.Originals;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.rfc3464.DeliveryStatus;

import java.util.List;

/**
 * Unknown MTA "X5" (Sisimai's name): a Trend Micro filtering gateway ("X-TM-AS-MML" header,
 * "TMMSG_..." multipart boundary) that answers with its own short notice
 * <pre>
 * ----- The following addresses had permanent delivery errors -----
 * </pre>
 * listing nobody, and attaches the next hop's complete RFC 3464 report as message/rfc822. The recipients
 * are read from the first delivery-status part inside that attachment; a recipient without a
 * Diagnostic-Code keeps an empty diagnostic. NOT_MINE without the Trend Micro signal and the notice line;
 * Undecodable when the attachment has no recipient. Stateless; thread-safe.
 */
public final class X5Dialect implements Dialect {
    private static final String NOTICE = "The following addresses had permanent delivery errors";
    private final Limits limits;

    public X5Dialect(Limits limits) { this.limits = limits; }

    public X5Dialect() { this(Limits.DEFAULT); }

    @Override
    public String name() { return "x5"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!m.headers().has("x-tm-as-mml") && !GatewayText.headerLower(m, "content-type").contains("tmmsg_")) {
            return ParseResult.NOT_MINE;
        }
        if (!m.mainText().contains(NOTICE)) return ParseResult.NOT_MINE;
        ParseResult r = fromParts(m.parts());
        if (r != null) return r;
        // the next hop's report attached as a file (application/octet-stream "*.eml"): read as the message it is
        for (MimePart p : m.reportParts()) {
            if (!Originals.isMessageFile(p, limits)) continue;
            r = fromParts(BounceMessage.parse(p.bytes(), limits).parts());
            if (r != null) return r;
        }
        return new ParseResult.Undecodable(name(), "no forwarded delivery-status part");
    }

    /** The recipients of the first delivery-status part among {@code parts} that names any; null when none does. */
    private ParseResult fromParts(List<MimePart> parts) {
        for (MimePart p : parts) {
            if (!DeliveryStatus.isDeliveryStatus(p) && !DeliveryStatus.readsAsDeliveryStatus(p)) continue;
            byte[] b = p.bytes();
            DeliveryStatus ds = DeliveryStatus.parse(b, 0, b.length, limits);
            List<RecipientStatus> rs = ds.recipients();
            if (rs.isEmpty()) continue;
            return new ParseResult.Decoded(name(), new Report(Report.Kind.DELIVERY, ds.reportingMta(), ds.arrivalDate(),
                    ds.originalEnvelopeId(), rs, null));
        }
        return null;
    }
}
