package bouncemx.parse;

import java.util.List;

/**
 * Who sent a notice, read from its header: a mail system's own account (MAILER-DAEMON, postmaster, "Mail Delivery
 * System") or the null reverse-path that RFC 5321 4.5.5 prescribes for notices. Used by readers that know a
 * template by its text, so that they also claim it under a Subject they have not seen. Stateless.
 */
public final class Senders {
    private Senders() {}

    /** Local parts of mail system accounts (lowercase). */
    private static final List<String> DAEMONS = List.of("mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon",
            "mdaemon", "mailer", "mail-admin", "mailadmin", "smtp", "mta", "daemon", "mailer_daemon");

    /**
     * Display names of mail system accounts (lowercase, contained), for notices sent from an address that is
     * not a daemon's ("System Administrator" of Exchange 5.5 and CDO, GroupWise's and gateways' "Mail
     * Delivery System", Chinese webmail's "系统退信").
     */
    private static final List<String> DAEMON_NAMES = List.of("mail delivery system", "mail delivery subsystem",
            "system administrator", "mail system", "mail administrator", "postmaster", "mailer-daemon",
            "系统退信", "系统管理员", "почтовый сервер", "почтовая система", "mail delivery",
            // gateways and appliances that send as themselves ("Email Gateway", "Mail Server", "Email Security")
            "mail server", "mailserver", "mail gateway", "email gateway", "e-mail gateway", "mail router",
            "email security", "mail filter", "spam firewall",
            // amavisd-new's notices to the sender ("Content-filter at mx.example.org", its $hdrfrom_notify_sender)
            "content-filter");

    /** True when From names a mail system's account: by its local part, or by its display name. */
    public static boolean mailSystem(BounceMessage m) {
        String from = Addresses.first(m.header("from"));
        int at = from.indexOf('@');
        String local = at > 0 ? from.substring(0, at) : from;
        if (DAEMONS.contains(local)) return true;
        String lower = m.fromLower();
        int lt = lower.indexOf('<');
        if (lt <= 0) return false;
        return TextScan.containsAny(lower.substring(0, lt), DAEMON_NAMES);
    }

    /**
     * RFC 5321 section 4.5.5: notices are sent with a null reverse-path, which Return-Path records as "&lt;&gt;";
     * some gateways also write it as the notice's From (McAfee's and SurfControl's "From: &lt;&gt;", which may come
     * without a Return-Path).
     */
    public static boolean nullSender(BounceMessage m) {
        String rp = m.header("return-path");
        if (rp != null && rp.strip().equals("<>")) return true;
        String from = m.header("from");
        return from != null && from.strip().equals("<>");
    }

    /**
     * No From at all (RFC 5322 requires one): the header was cut away, as in an archive or a test suite's copy that
     * keeps only a notice's MIME fields, so the sender cannot be told and the text must speak for itself.
     */
    public static boolean unknown(BounceMessage m) {
        String from = m.header("from");
        return from == null || from.isBlank();
    }

    /**
     * A mail system's account, the null reverse-path or no From at all: a sender whose mail may be a notice. Asked by
     * a dozen readers of a message that is not theirs, so worked out once per message.
     */
    public static boolean mayBeNotice(BounceMessage m) {
        return m.derived(MAY_BE_NOTICE, Senders::readMayBeNotice);
    }

    /** {@link #mayBeNotice}'s key in {@link BounceMessage#derived}. */
    private static final Object MAY_BE_NOTICE = new Object();

    private static boolean readMayBeNotice(BounceMessage m) {
        return nullSender(m) || mailSystem(m) || unknown(m);
    }
}
