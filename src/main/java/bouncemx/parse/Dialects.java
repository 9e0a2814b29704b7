package bouncemx.parse;

import bouncemx.parse.dialect.ArfDialect;
import bouncemx.parse.dialect.AutoReplyDialect;
import bouncemx.parse.dialect.EximDialect;
import bouncemx.parse.dialect.QmailDialect;
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
     * unambiguous signal and complaints must never be read as bounces. Exim and qmail follow; each claims
     * only messages carrying its own fixed template lines, and Exim yields to providers whose Exim builds
     * have their own dialect (see {@link EximDialect}).
     */
    public static List<Dialect> specific(Limits limits) {
        return List.of(new ArfDialect(limits), new EximDialect(limits), new QmailDialect());
    }

    /** Cheap signals that move a dialect forward (see {@link DialectOrder}). */
    public static List<DialectOrder.Hint> hints() {
        return List.of(
                // Exim's notice subjects (deliver.c, moan.c); the body must still carry Exim's template
                DialectOrder.Hint.subject("exim", "mail delivery failed", "warning: message", "mail failure",
                        "message frozen", "error(s) in forwarding or filtering"),
                // qmail-send.c's fixed subject
                DialectOrder.Hint.subject("qmail", "failure notice"));
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
