package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.Limits;
import bouncemx.parse.ParseResult;

/**
 * Exchange Online (Microsoft 365, Office 365) non-delivery reports: the Exchange 2007+ template (see
 * {@link ExchangeNdr}: "Delivery has failed to these recipients or groups:", "... rejected your message to
 * the following email addresses:", "Diagnostic information for administrators:", "Remote Server returned
 * '550 5.1.10 RESOLVER.ADR.RecipientNotFound; ...'"; the newer layout with "Original Message Details" and
 * "Status code: 550 5.1.10"), told apart from on-premises Exchange by the X-MS-Exchange-CrossTenant-*
 * headers or a generating server under outlook.com. The RFC 3464 part, when present, gives the recipients
 * (its part header may carry unfolded X-Microsoft-* lines; {@link EmbeddedDsn} reads past them); the text
 * gives the remote server's words. Microsoft's own codes that name the cause (RecipNotFound,
 * QUEUE.Expired, 5.4.316) become a reason hint. Not mine otherwise; Undecodable when no recipient can be
 * read. Stateless, thread-safe.
 */
public final class Office365Dialect implements Dialect {
    private final Limits limits;

    public Office365Dialect(Limits limits) { this.limits = limits; }

    public Office365Dialect() { this(Limits.DEFAULT); }

    @Override
    public String name() { return "office365"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!ExchangeNdr.looksLike(m) || !ExchangeNdr.online(m)) return ParseResult.NOT_MINE;
        return ExchangeNdr.decode(name(), m, limits);
    }
}
