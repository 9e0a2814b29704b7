package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.Limits;
import bouncemx.parse.ParseResult;

import java.util.Locale;

/**
 * Amazon WorkMail's delivery status notifications (X-Mailer or X-Original-Mailer: Amazon WorkMail, sent through SES from
 * MAILER-DAEMON@&lt;region&gt;.amazonses.com, 2016 on): a multipart/report whose text says "An error
 * occurred while trying to deliver the mail to the following recipients:" and whose DSN fields carry
 * the reply. Read like SES's own reports ({@link AmazonSesDialect#dsn}): the RFC 3464 fields, then the
 * remote reply taken out of WorkMail's wrapping ("554 4.4.7 Message expired: unable to deliver in 840
 * minutes.&lt;421 4.4.2 Connection timed out&gt;": status 4.4.2, reply 421, reason hint expired).
 * Returns NOT_MINE without the X-Mailer header or the DSN part. Stateless, thread-safe.
 */
public final class AmazonWorkMailDialect implements Dialect {
    private final Limits limits;

    public AmazonWorkMailDialect(Limits limits) { this.limits = limits; }

    public AmazonWorkMailDialect() { this(Limits.DEFAULT); }

    @Override
    public String name() { return "amazonworkmail"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        // a relay may rewrite X-Mailer and keep the original in X-Original-Mailer
        String mailer = m.headers().get("x-original-mailer");
        if (mailer == null || !mailer.toLowerCase(Locale.ROOT).contains("amazon workmail")) mailer = m.headers().get("x-mailer");
        if (mailer == null || !mailer.toLowerCase(Locale.ROOT).contains("amazon workmail")) return ParseResult.NOT_MINE;
        return AmazonSesDialect.dsn(m, name(), limits);
    }
}
