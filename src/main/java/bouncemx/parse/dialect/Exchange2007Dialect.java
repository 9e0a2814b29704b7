package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.Limits;
import bouncemx.parse.ParseResult;

/**
 * Microsoft Exchange Server 2007, 2010, 2013 and later (on premises) non-delivery reports: Subject
 * "Undeliverable: ..." (localised, e.g. "Non remis"), a Content-Language or X-MS-Exchange-Message-Is-Ndr
 * header, a text with "Delivery has failed to these recipients or groups:", "Diagnostic information for
 * administrators:", "Generating server:" and per-recipient error lines ("#550 5.1.1
 * RESOLVER.ADR.RecipNotFound; not found ##", "Remote Server returned '550 5.1.1 ...'"), usually with an
 * RFC 3464 part. Read by {@link ExchangeNdr}, which it shares with {@link Office365Dialect}: the template
 * is the same; this dialect takes the reports whose generating server is not Exchange Online's. Not mine
 * otherwise; Undecodable when no recipient can be read. Stateless, thread-safe.
 */
public final class Exchange2007Dialect implements Dialect {
    private final Limits limits;

    public Exchange2007Dialect(Limits limits) { this.limits = limits; }

    public Exchange2007Dialect() { this(Limits.DEFAULT); }

    @Override
    public String name() { return "exchange2007"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!ExchangeNdr.looksLike(m) || ExchangeNdr.online(m)) return ParseResult.NOT_MINE;
        return ExchangeNdr.decode(name(), m, limits);
    }
}
