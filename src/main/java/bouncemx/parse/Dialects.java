package bouncemx.parse;

import bouncemx.parse.dialect.ActiveHunterDialect;
import bouncemx.parse.dialect.ArfDialect;
import bouncemx.parse.dialect.AutoReplyDialect;
import bouncemx.parse.dialect.DragonFlyDialect;
import bouncemx.parse.dialect.EzwebDialect;
import bouncemx.parse.dialect.KddiDialect;
import bouncemx.parse.dialect.MFilterDialect;
import bouncemx.parse.dialect.MailFoundryDialect;
import bouncemx.parse.dialect.MailMarshalDialect;
import bouncemx.parse.dialect.MimecastDialect;
import bouncemx.parse.dialect.MxLogicDialect;
import bouncemx.parse.dialect.TrendMicroDialect;
import bouncemx.parse.dialect.X1Dialect;
import bouncemx.parse.dialect.X2Dialect;
import bouncemx.parse.dialect.X3Dialect;
import bouncemx.parse.dialect.X4Dialect;
import bouncemx.parse.dialect.X5Dialect;
import bouncemx.parse.dialect.X6Dialect;
import bouncemx.parse.rfc3464.Rfc3464Dialect;

import java.util.List;

/**
 * The standard set of dialects and the order they are tried in. A new dialect is one class plus its
 * entry (and hint rows) here. Stateless.
 */
public final class Dialects {
    private Dialects() {}

    /**
     * Specific dialects in their default order. ARF comes first: its feedback-report part is an
     * unambiguous signal and complaints must never be read as bounces.
     */
    public static List<Dialect> specific(Limits limits) {
        return List.of(new ArfDialect(limits),
                // gateways and carriers: each checks a header or Subject before reading the body
                new DragonFlyDialect(), new EzwebDialect(limits), new KddiDialect(), new MFilterDialect(),
                new ActiveHunterDialect(), new MailFoundryDialect(), new MailMarshalDialect(), new MimecastDialect(),
                new MxLogicDialect(), new TrendMicroDialect(), new X5Dialect(limits),
                // Sisimai's unidentified templates X1..X6, each keyed on its own marker sentence
                new X1Dialect(), new X2Dialect(), new X3Dialect(), new X4Dialect(), new X6Dialect());
    }

    /** Cheap signals that move a dialect forward (see {@link DialectOrder}). */
    public static List<DialectOrder.Hint> hints() {
        return List.of(
                DialectOrder.Hint.from("ezweb", "@ezweb.ne.jp"),                        // au EZweb Postmaster
                DialectOrder.Hint.from("kddi", ".dion.ne.jp", "auone-net.jp"),            // au one net notices
                DialectOrder.Hint.xMailer("mfilter", "m-filter"),                       // m-FILTER
                DialectOrder.Hint.subject("mailfoundry", "message delivery has failed"),  // MailFoundry
                DialectOrder.Hint.subject("mailmarshal", "undeliverable mail:"),          // MailMarshal SMTP
                DialectOrder.Hint.subject("mimecast", "email delivery failure"),          // Mimecast notice
                DialectOrder.Hint.from("mxlogic", "mxlogic.net"),                         // MX Logic
                DialectOrder.Hint.from("trendmicro", "interscan"),                        // InterScan MSS
                DialectOrder.Hint.from("x1", "mail deliver system"),                      // X1's sender name
                DialectOrder.Hint.subject("x6", "there was an error sending your mail"),  // X6
                DialectOrder.Hint.subject("dragonfly", "mail delivery failed"));          // dma (exim shares it)
    }

    /** RFC 3464 reads what no specific dialect claimed; auto-replies are last so no bounce is taken for one. */
    public static List<Dialect> fallbacks(Limits limits) {
        return List.of(new Rfc3464Dialect(limits), new AutoReplyDialect());
    }

    public static DialectOrder standardOrder(Limits limits) {
        return new DialectOrder(specific(limits), fallbacks(limits), hints());
    }

    public static Decoder standardDecoder() {
        return new Decoder(standardOrder(Limits.DEFAULT), Originals.standard(), Limits.DEFAULT);
    }
}
