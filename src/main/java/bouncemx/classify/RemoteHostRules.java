package bouncemx.classify;

import bouncemx.reason.Reason;
import bouncemx.parse.RecipientStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one mail provider means by its own texts and codes. A provider's vocabulary is more precise than the
 * generic tables (Microsoft's 5.1.10 is an unknown recipient, GoDaddy's "IB607" a rate limit written under
 * 5.1.1, Cox's "AUP#CDRBL" a block written as "sender rejected"), so the classifier asks these rules before
 * the status and phrase tables.
 *
 * <p>A {@link RuleSet} is chosen for a recipient by the evidence that the provider wrote or received the
 * refusal, tried in this order (each set at most once; the rows of every chosen set are tried in turn and
 * the first matching row wins):
 * <ol>
 *   <li>the Remote-MTA host name ends with one of the set's host suffixes (the refusing server itself);</li>
 *   <li>the recipient's domain is one of the provider's mail domains (cox.net, charter.net, qq.com: the
 *       Remote-MTA is often missing or is a filtering front end such as cloudfilter.net);</li>
 *   <li>the Reporting-MTA ends with one of the host suffixes (the provider's own outbound relay wrote the
 *       report in its own words: Gmail's "googlemail.com", AOL's "mx.aol.com", MessageLabs);</li>
 *   <li>a mark the provider puts in its replies appears in the diagnostic (its help-page address, such as
 *       "service.mail.qq.com" or "spectrum.net/support", or a product token such as "resolver.adr.").</li>
 * </ol>
 * Rows are: a lowercase text contained in the diagnostic; a provider code (exact, prefix, or numeric
 * range) read from the diagnostic by the set's code pattern; or an enhanced status code alone. A row may
 * also require the status code, the SMTP reply code or the failed SMTP command. Each row cites the
 * provider's documentation or the corpus family that shows it (../shared/corpus/eml/rhost-*).
 * Immutable; thread-safe.
 */
public final class RemoteHostRules {

    /** What the rules look at for one recipient; text is lowercased; status may be null. */
    public record Facts(String remoteMta, String reportingMta, String recipientDomain, EnhancedStatus status,
                        String replyCode, String command, String lowerText) {
        public Facts {
            remoteMta = host(remoteMta);
            reportingMta = host(reportingMta);
            recipientDomain = host(recipientDomain);
            replyCode = replyCode == null ? "" : replyCode;
            command = command == null ? "" : command.toUpperCase(Locale.ROOT);
            lowerText = lowerText == null ? "" : lowerText;
        }

        /** Facts of a decoded recipient, with the status and reply code the classifier settled on. */
        public static Facts of(RecipientStatus r, EnhancedStatus status, String replyCode, String lowerText) {
            String a = r.address();
            int at = a.lastIndexOf('@');
            return new Facts(r.remoteMta(), r.reportingMta(), at < 0 ? "" : a.substring(at + 1), status, replyCode,
                    r.command(), lowerText);
        }

        /** Only a remote host and a text, as the table tests write them. */
        public static Facts of(String remoteMta, String lowerText) {
            return new Facts(remoteMta, "", "", null, "", "", lowerText);
        }

        /** "dns; mx1.example.net. [192.0.2.1]" -> "mx1.example.net". */
        static String host(String h) { return bouncemx.parse.MtaName.key(h); }
    }

    /** How a row tests the diagnostic. */
    public enum Kind {
        /** {@code key} is contained in the lowercased diagnostic. */
        TEXT,
        /** the provider code read by the set's pattern equals {@code key}, or starts with it when key ends in '*'. */
        CODE,
        /** the provider code read by the set's pattern is a number within [low, high]. */
        RANGE,
        /** the enhanced status code, in "X.s.d" form, equals {@code key}; the text is not looked at. */
        STATUS
    }

    /**
     * One row. {@code status} ("X.s.d", any class), {@code reply} (SMTP reply code) and {@code command} are
     * extra conditions, "" when not required.
     */
    public record Row(Reason reason, Kind kind, String key, int low, int high, String status, String reply,
                      String command) {
        public Row {
            if (!key.equals(key.toLowerCase(Locale.ROOT)) && kind != Kind.STATUS) {
                throw new IllegalArgumentException("row key must be lowercase: " + key);
            }
        }

        public static Row text(String text, Reason r) { return new Row(r, Kind.TEXT, text, 0, 0, "", "", ""); }

        public static Row code(String code, Reason r) { return new Row(r, Kind.CODE, code, 0, 0, "", "", ""); }

        public static Row codes(int low, int high, Reason r) {
            return new Row(r, Kind.RANGE, low + "-" + high, low, high, "", "", "");
        }

        public static Row status(String anyClass, Reason r) {
            return new Row(r, Kind.STATUS, anyClass, 0, 0, anyClass, "", "");
        }

        /** This row, only when the enhanced status code is {@code anyClass} ("X.7.515"). */
        public Row onStatus(String anyClass) { return new Row(reason, kind, key, low, high, anyClass, reply, command); }

        /** This row, only when the SMTP reply code is {@code code}. */
        public Row onReply(String code) { return new Row(reason, kind, key, low, high, status, code, command); }

        /** This row, only when the remote server refused this SMTP command (RCPT, DATA, ...). */
        public Row onCommand(String c) { return new Row(reason, kind, key, low, high, status, reply, c); }

        boolean matches(Facts f, String providerCode) {
            if (!status.isEmpty() && (f.status() == null || !f.status().anyClass().equals(status))) return false;
            if (!reply.isEmpty() && !f.replyCode().equals(reply)) return false;
            if (!command.isEmpty() && !f.command().equals(command)) return false;
            return switch (kind) {
                case TEXT -> f.lowerText().contains(key);
                case CODE -> providerCode != null && (key.endsWith("*")
                        ? providerCode.startsWith(key.substring(0, key.length() - 1)) : providerCode.equals(key));
                case RANGE -> providerCode != null && inRange(providerCode);
                case STATUS -> true;
            };
        }

        private boolean inRange(String code) {
            if (code.isEmpty() || code.length() > 6) return false;
            for (int i = 0; i < code.length(); i++) if (!Character.isDigit(code.charAt(i))) return false;
            int n = Integer.parseInt(code);
            return n >= low && n <= high;
        }

        /** How the decision is named in classification.rule. */
        String describe() {
            String s = switch (kind) {
                case TEXT -> key;
                case CODE, RANGE -> "code=" + key;
                case STATUS -> "status=" + key;
            };
            if (!status.isEmpty() && kind != Kind.STATUS) s += "@" + status;
            return s;
        }
    }

    /**
     * One provider: host name suffixes (matched against Remote-MTA and Reporting-MTA, each starting with "."
     * or naming a whole host), the provider's mail domains, marks it writes in its replies, an optional
     * pattern whose group 1 reads the provider's own error code from the lowercased diagnostic, and its rows
     * in order.
     */
    public record RuleSet(String name, List<String> hosts, List<String> domains, List<String> marks,
                          Pattern code, List<Row> rows) {
        public RuleSet {
            hosts = List.copyOf(hosts);
            domains = List.copyOf(domains);
            marks = List.copyOf(marks);
            rows = List.copyOf(rows);
        }

        boolean servesHost(String host) {
            if (host.isEmpty()) return false;
            for (String s : hosts) if (isUnder(host, s.startsWith(".") ? s.substring(1) : s)) return true;
            return false;
        }

        boolean servesDomain(String domain) {
            if (domain.isEmpty()) return false;
            for (String d : domains) if (isUnder(domain, d)) return true;
            return false;
        }

        /** {@code name} is {@code suffix} or a subdomain of it (no allocation: this runs per recipient and set). */
        private static boolean isUnder(String name, String suffix) {
            int extra = name.length() - suffix.length();
            return name.endsWith(suffix) && (extra == 0 || (extra > 0 && name.charAt(extra - 1) == '.'));
        }

        boolean markedIn(String lowerText) {
            for (String m : marks) if (lowerText.contains(m)) return true;
            return false;
        }

        Match first(Facts f) {
            String providerCode = null;
            if (code != null) {
                Matcher m = code.matcher(f.lowerText());
                if (m.find()) providerCode = m.group(1);
            }
            for (Row r : rows) {
                if (r.matches(f, providerCode)) return new Match(r.reason(), name, r.describe());
            }
            return null;
        }
    }

    /** A decision: the set and row that made it. */
    public record Match(Reason reason, String ruleSet, String text) {
        /** True when the row looked at the enhanced status code alone (kind STATUS), not at any text. */
        public boolean byStatusAlone() { return text.startsWith("status="); }
    }

    private final List<RuleSet> sets;

    public RemoteHostRules(List<RuleSet> sets) {
        this.sets = List.copyOf(sets);
    }

    public List<RuleSet> sets() { return sets; }

    /** The standard provider rules ({@link #STANDARD}). */
    public static RemoteHostRules standard() {
        return new RemoteHostRules(STANDARD);
    }

    /** The sets that serve these facts, in the order of the evidence (see the class comment). */
    public List<RuleSet> chosen(Facts f) {
        List<RuleSet> out = new ArrayList<>(4);
        for (RuleSet s : sets) if (s.servesHost(f.remoteMta())) out.add(s);
        for (RuleSet s : sets) if (!holds(out, s) && s.servesDomain(f.recipientDomain())) out.add(s);
        for (RuleSet s : sets) if (!holds(out, s) && s.servesHost(f.reportingMta())) out.add(s);
        if (!f.lowerText().isEmpty()) {
            for (RuleSet s : sets) if (!holds(out, s) && s.markedIn(f.lowerText())) out.add(s);
        }
        return out;
    }

    /** Identity, not record equality: the sets are distinct objects and comparing their tables is costly. */
    private static boolean holds(List<RuleSet> list, RuleSet s) {
        for (RuleSet x : list) if (x == s) return true;
        return false;
    }

    /** The first matching row of the chosen sets, or null. */
    public Match match(Facts f) {
        if (f.lowerText().isEmpty() && f.status() == null) return null;
        for (RuleSet s : chosen(f)) {
            Match m = s.first(f);
            if (m != null) return m;
        }
        return null;
    }

    /** As {@link #match(Facts)} for a decoded recipient (the classifier's call). */
    public Match match(RecipientStatus r, EnhancedStatus status, String replyCode, String lowerText) {
        return match(Facts.of(r, status, replyCode, lowerText));
    }

    /** As {@link #match(Facts)} with only a remote host name and the lowercased diagnostic. */
    public Match match(String host, String lowerText) {
        return match(Facts.of(host, lowerText));
    }

    // ------------------------------------------------------------------------------------------------------
    // The provider tables. Within a set, rows are tried in order: provider codes first (a code names one
    // cause, while the text around it is often a generic template: Cox writes "sender rejected" before
    // AUP#CDRBL), then the provider's specific texts, longer before shorter when one contains the other.

    private static Row text(String t, Reason r) { return Row.text(t, r); }

    private static Row code(String c, Reason r) { return Row.code(c, r); }

    private static Row status(String anyClass, Reason r) { return Row.status(anyClass, r); }

    /** AOL's outbound relay (omr-*.mx.aol.com) writes DNS failures as "X-Outbound-Mail-Relay; ..." (rhost-aol-*). */
    static final RuleSet AOL = new RuleSet("aol", List.of(".mail.aol.com", ".mx.aol.com"), List.of("aol.com", "aim.com"),
            List.of(), null, List.of(
                    text("host or domain name not found", Reason.HOST_UNKNOWN),                      // rhost-aol-01, -05
                    text("type=mx: malformed or unexpected name server reply", Reason.NOT_ACCEPT))); // rhost-aol-06

    /** iCloud Mail, "Postmaster information for iCloud Mail" (support.apple.com/en-us/102322, HT204137). */
    static final RuleSet APPLE = new RuleSet("apple",
            List.of(".mail.icloud.com", ".apple.com", ".me.com", "privaterelay.appleid.com"),
            List.of("icloud.com", "me.com", "mac.com", "apple.com", "privaterelay.appleid.com"), List.of(), null, List.of(
                    text("s dmarc policy", Reason.AUTH_FAILURE),                       // "... due to example.org's DMARC policy" (rhost-apple-02)
                    text("blocked for failing both spf and dkim", Reason.AUTH_FAILURE), // [HME1]
                    text("rejected due to having a domain present in the spamhaus", Reason.BLOCKED),
                    text("rejected due to listing in spamhaus", Reason.BLOCKED),
                    text("support.proofpoint.com/dnsbl-lookup", Reason.BLOCKED),      // "550 5.7.0 Blocked - see https://support.proofpoint.com/..."
                    text("not accepting connections", Reason.BLOCKED),
                    text("recipient no longer on server", Reason.HAS_MOVED),          // 5.1.6 (rhost-apple-01)
                    text("user is over quota", Reason.MAILBOX_FULL),
                    text("host/domain does not accept mail", Reason.NOT_ACCEPT),
                    text("due to local policy", Reason.POLICY_VIOLATION),              // "[CS01] Message rejected due to local policy"
                    text("due to excessive volume", Reason.SPEEDING),                  // "421 4.7.1 Messages to ... deferred due to excessive volume"
                    text("inactive email address", Reason.USER_UNKNOWN),              // 5.1.1 (rhost-apple-04)
                    text("unknown or illegal alias", Reason.USER_UNKNOWN)));

    /** Cloudflare Email Routing (developers.cloudflare.com/email-routing/postmaster). */
    static final RuleSet CLOUDFLARE = new RuleSet("cloudflare", List.of(".mx.cloudflare.net"), List.of(),
            List.of("developers.cloudflare.com/email-routing"), null, List.of(
                    text("found on one or more rbls", Reason.BLOCKED),   // "554 <IP> found on one or more RBLs (abusixip)"
                    text("found on one or more dnsbls", Reason.BLOCKED),
                    text("upstream error", Reason.SYSTEM_ERROR)));      // "421 4.3.0 Upstream error" (rhost-cloudflare-01)

    /**
     * Cox: "AUP#" codes of www.cox.com/residential/support/email-error-codes.html. The refusing host is often
     * Cloudmark's cloudfilter.net front end, so the set is also chosen by the cox.net recipient (rhost-cox-01).
     */
    static final RuleSet COX = new RuleSet("cox", List.of(".cox.net"), List.of("cox.net"),
            List.of("cox.com/residential/support/email-error-codes"), Pattern.compile("aup#([0-9a-z]+)"), List.of(
                    code("cxbl", Reason.BLOCKED),          // sending IP blocked for spam-like behaviour
                    code("cdrbl", Reason.BLOCKED),         // IP temporarily blocked (at most 24 h) (rhost-cox-01)
                    code("ipbl*", Reason.BLOCKED),         // IPBLnnnn: IP listed on Spamhaus/Return Path/ivmSIP/CSI lists
                    code("urlbl*", Reason.SPAM_DETECTED),  // URLBLnnn: a URL of the body is on SURBL/DBL/ivmURI
                    code("cxdns", Reason.REQUIRE_PTR),     // reverse DNS lookup of the sending IP fails
                    code("cxsndr", Reason.AUTH_FAILURE),   // message failed SPF/DomainKeys/DKIM of the sending domain
                    code("cxsmtp", Reason.REJECTED),       // SMTP violation: could not verify a legitimate sender
                    code("cxcnct", Reason.TOO_MANY_CONN),  // over the concurrent connections per IP
                    code("cxmxrt", Reason.TOO_MANY_CONN),  // too many recipients or messages in the session, wait before sending more
                    code("cxthrt", Reason.SECURITY_ERROR), // sending limited: suspicious account activity
                    code("cxmj", Reason.SECURITY_ERROR),   // sending blocked: suspicious activity on the primary account
                    text("too many bad commands from", Reason.BLOCKED),
                    text("too many invalid recipients", Reason.BLOCKED),
                    text("dns check failure - try again later", Reason.REQUIRE_PTR),
                    text("rejected - no rdns", Reason.REQUIRE_PTR),
                    text("esmtp no data before greeting", Reason.POLICY_VIOLATION),
                    text("attachment extension is forbidden", Reason.POLICY_VIOLATION),
                    text("esmtp server temporarily not available", Reason.SYSTEM_ERROR),
                    text("too many sessions from", Reason.TOO_MANY_CONN),
                    text("message threshold exceeded", Reason.TOO_MANY_CONN),
                    text("requested action aborted: try again later", Reason.TOO_MANY_CONN),
                    text("recipient rejected", Reason.USER_UNKNOWN),   // not a valid Cox Email account
                    text("sender rejected", Reason.REJECTED)));        // sender domain without MX or A record

    /** Facebook, postmaster.facebook.com/response_codes: a class-letter-digit code such as "RCP-P1". */
    static final RuleSet FACEBOOK = new RuleSet("facebook", List.of(".facebook.com"), List.of("facebook.com"),
            List.of("postmaster.facebook.com/response_codes"),
            Pattern.compile("\\b((?:pol|msg|rcp|dns|con|int)-[pt][0-9])\\b"), List.of(
                    code("pol-p1", Reason.BLOCKED),  code("pol-p2", Reason.BLOCKED), code("pol-p3", Reason.BLOCKED),
                    code("pol-p4", Reason.BLOCKED),  code("pol-t1", Reason.BLOCKED), code("pol-t2", Reason.BLOCKED),
                    code("pol-t3", Reason.BLOCKED),              // IP on the Spamhaus PBL / not accepted for hours
                    code("pol-p5", Reason.VIRUS_DETECTED),       // the message contains a virus
                    code("pol-p6", Reason.SPAM_DETECTED),        // a URL blocked by Facebook
                    code("pol-p7", Reason.AUTH_FAILURE),         // fails Facebook's domain authentication requirements
                    code("msg-p1", Reason.MESG_TOO_BIG), code("int-p2", Reason.MESG_TOO_BIG),
                    code("msg-p2", Reason.CONTENT_ERROR),        // an attachment type Facebook does not accept
                    code("msg-p3", Reason.NOT_COMPLIANT_RFC),    // a header that may occur once occurs several times
                    code("msg-t1", Reason.TOO_MANY_CONN),
                    code("dns-p1", Reason.REJECTED), code("dns-p2", Reason.REJECTED), code("dns-t1", Reason.REJECTED),
                    code("dns-p3", Reason.REQUIRE_PTR), code("dns-t2", Reason.REQUIRE_PTR),
                    code("con-t1", Reason.TOO_MANY_CONN), code("con-t2", Reason.TOO_MANY_CONN),
                    code("con-t3", Reason.TOO_MANY_CONN), code("con-t4", Reason.TOO_MANY_CONN),
                    code("rcp-p2", Reason.FILTERED), code("rcp-p3", Reason.FILTERED), // recipient's preferences/privacy
                    code("rcp-t4", Reason.SUSPEND),              // recipient address currently deactivated
                    code("rcp-t1", Reason.SYSTEM_ERROR),         // internal system issue, temporary
                    code("rcp-p1", Reason.USER_UNKNOWN), code("int-p1", Reason.USER_UNKNOWN), // (rhost-facebook-04)
                    code("int-p3", Reason.USER_UNKNOWN), code("int-p4", Reason.USER_UNKNOWN)));

    /**
     * Orange, Wanadoo and La Poste: a code such as "OFR_416", "OFR006_102", "LPN007_426", "LPN416" whose last
     * three digits name the cause (Orange postmaster code list, as collected by postmastery.com and Sisimai).
     * Codes with no documented meaning fall through to the texts.
     */
    static final RuleSet FRANCE_PTT = new RuleSet("franceptt", List.of(".laposte.net", ".orange.fr", ".wanadoo.fr"),
            List.of("orange.fr", "wanadoo.fr", "laposte.net"), List.of(),
            Pattern.compile("\\b(?:lpnaaa|lpn|ofr|ouk)(?:[0-9]{3})?[-_]?([0-9]{3})\\b"), List.of(
                    code("101", Reason.BLOCKED),          // blocked using Spamhaus
                    code("102", Reason.BLOCKED),          // "Client host blocked for spamming issues" (rhost-franceptt-06)
                    code("103", Reason.BLOCKED),          // "Service refused, please try later" at connection
                    code("104", Reason.TOO_MANY_CONN),    // "Too many connections, slow down"
                    code("305", Reason.SECURITY_ERROR),   // "Code d'authentification invalide"
                    code("401", Reason.AUTH_FAILURE),     // "SPF: ... is not allowed to send mail"
                    code("402", Reason.SECURITY_ERROR),   // "Authentification requise"
                    code("403", Reason.REJECTED), code("405", Reason.REJECTED), code("415", Reason.REJECTED), // "Emetteur invalide"
                    code("416", Reason.USER_UNKNOWN),     // "Invalid recipient" (rhost-franceptt-01, -02)
                    code("418", Reason.USER_UNKNOWN),
                    code("417", Reason.MAILBOX_FULL),     // "Boite du destinataire pleine. Recipient overquota"
                    code("420", Reason.SUSPEND),          // "Boite du destinataire archivee"
                    code("421", Reason.REJECTED),         // "Mail from not owned by user"
                    code("426", Reason.SUSPEND),          // "The recipient account is blocked" (rhost-franceptt-05)
                    code("505", Reason.SYSTEM_ERROR),     // "Service refused" at end of DATA
                    code("506", Reason.SPAM_DETECTED),    // "Mail rejete. Mail rejected"
                    code("510", Reason.BLOCKED),
                    code("514", Reason.MESG_TOO_BIG),     // "Taille limite du message atteinte"
                    code("517", Reason.AUTH_FAILURE),     // "Message refused, DMARC verification Failed"
                    code("630", Reason.POLICY_VIOLATION), // "Client host rejected ... LPN000_630" (rhost-franceptt-12)
                    code("999", Reason.BLOCKED),          // "Service refused, please try later" (rhost-franceptt-07)
                    text("spf/dns de votre nom de domaine", Reason.AUTH_FAILURE),
                    // The connection-time refusal "Service refuse ... Service refused, please try later" under codes
                    // the list leaves open (107, 108: rhost-franceptt-10, -11) means what it means under 103/999.
                    text("service refused, please try later", Reason.BLOCKED),
                    text("service refuse. veuillez essayer plus tard", Reason.BLOCKED)));

    /** GoDaddy: "IBnnn" codes of godaddy.com/help "What does my email bounceback mean?" (3568, 40685). */
    static final RuleSet GODADDY = new RuleSet("godaddy", List.of(".secureserver.net"), List.of(),
            List.of("x.co/rlbounce"), Pattern.compile("\\b(ib[0-9]{3})\\b"), List.of(
                    code("ib401", Reason.SECURITY_ERROR),   // authentication not allowed on inbound servers
                    code("ib501", Reason.NOT_COMPLIANT_RFC), code("ib502", Reason.NOT_COMPLIANT_RFC), // blank / IP From:
                    code("ib506", Reason.REJECTED),         // "From: Domain is invalid"
                    code("ib508", Reason.AUTH_FAILURE),     // "Invalid SPF record"
                    code("ib108", Reason.REQUIRE_PTR),      // "Reverse DNS for this IP failed"
                    code("ib212", Reason.SPAM_DETECTED),    // content judged to be spam
                    code("ib705", Reason.VIRUS_DETECTED),   // "Virus infected message rejected"
                    code("ib605", Reason.TOO_MANY_CONN),    // too many recipients in the message
                    code("ib007", Reason.TOO_MANY_CONN),    // too many sessions from this IP
                    code("ib101", Reason.SPEEDING),         // higher than normal volume, try later
                    code("ib504", Reason.SPEEDING),         // too many messages this hour
                    code("ib510", Reason.SPEEDING),         // too many messages per session
                    code("ib607", Reason.SPEEDING),         // too many recipients this hour (rhost-godaddy-03)
                    code("ib110", Reason.BLOCKED), code("ib111", Reason.BLOCKED), // IP blocked: spam
                    code("ib112", Reason.BLOCKED), code("ib113", Reason.BLOCKED), // IP blocked: invalid recipients
                    code("ib103", Reason.BAD_REPUTATION),   // poor reputation on Cloudmark Sender Intelligence
                    code("ib104", Reason.BLOCKED), code("ib105", Reason.BLOCKED), code("ib106", Reason.BLOCKED), // SBL/XBL/PBL
                    text("rbl reject", Reason.BLOCKED),
                    text("has been in the queue too long", Reason.EXPIRED),
                    text("delivery timeout", Reason.EXPIRED),
                    text("account storage limit", Reason.MAILBOX_FULL),
                    text("message rejected for spam or virus content", Reason.SPAM_DETECTED),
                    text("account disabled", Reason.SUSPEND),
                    text("message is looping", Reason.NETWORK_ERROR),
                    text("recipient not found", Reason.USER_UNKNOWN),
                    text("account does not exist", Reason.USER_UNKNOWN)));

    /** Gmail's inbound servers, "Gmail SMTP errors and codes" (support.google.com/a/answer/3726730). */
    static final RuleSet GOOGLE = new RuleSet("google", List.of(".google.com", ".gmail.com"),
            List.of("gmail.com", "googlemail.com"), List.of(), null, List.of(
                    text("is over quota", Reason.MAILBOX_FULL),          // 4.2.2/5.2.2 "account that you tried to reach is over quota"
                    text("out of storage space", Reason.MAILBOX_FULL),
                    text("receiving mail too quickly", Reason.SPEEDING), // 4.2.1 "The user you are trying to contact is receiving mail too quickly"
                    text("receiving mail at a rate that", Reason.SPEEDING),
                    text("very low reputation of the sending", Reason.BAD_REPUTATION), // 4.7.0/5.7.1 (IP or domain)
                    text("likely unsolicited mail", Reason.SPAM_DETECTED),  // 4.7.0/5.7.1 "this message is likely unsolicited mail"
                    text("exceeded google's message size limits", Reason.EXCEED_LIMIT).onStatus("X.2.3"),
                    text("exceeded google's message size limits", Reason.MESG_TOO_BIG),
                    text("bytes per individual header size", Reason.EXCEED_LIMIT),
                    text("exceeds google's limit of", Reason.EXCEED_LIMIT),   // attachments, header size
                    text("the email account that you tried to reach does not exist", Reason.USER_UNKNOWN),
                    text("the email account that you tried to reach is disabled", Reason.SUSPEND),
                    // connection-level refusals and limits
                    text("ip not in whitelist for rcpt domain", Reason.BLOCKED),
                    text("try again later, closing connection", Reason.BLOCKED),   // DoS protection at HELO
                    text("helo/ehlo argument", Reason.BLOCKED),                   // "is invalid", "empty ... not allowed"
                    text("unusual rate of", Reason.BLOCKED),                      // 4.7.28 / 5.7.28 / 5.7.1
                    text("connection expired", Reason.EXPIRED),
                    text("timeout - closing connection", Reason.EXPIRED),
                    text("tls required for rcpt domain", Reason.FAILED_STARTTLS),
                    text("to use tls/ssl for smtp", Reason.FAILED_STARTTLS),      // 4.7.29 / 5.7.29
                    text("exceeded 50 hops", Reason.NETWORK_ERROR),
                    text("mail relay denied", Reason.NO_RELAYING),
                    // Gmail's own meanings of the newer X.7.2x/X.7.3x/X.7.4x codes (bulk sender rules), which
                    // differ from the IANA registry's (X.7.28 mail flood, X.7.29 ARC, X.7.30 REQUIRETLS)
                    status("X.7.27", Reason.AUTH_FAILURE),   // SPF did not pass
                    status("X.7.28", Reason.BLOCKED),        // unusual rate of (unsolicited) mail
                    status("X.7.29", Reason.FAILED_STARTTLS),// not sent over TLS
                    status("X.7.30", Reason.AUTH_FAILURE),   // DKIM did not pass
                    status("X.7.32", Reason.AUTH_FAILURE),   // From: not aligned with SPF or DKIM
                    status("X.7.40", Reason.AUTH_FAILURE))); // no DMARC record

    /**
     * Gmail and Google Workspace as the sending side: the report is written by "googlemail.com" in Google's
     * words (rhost-gsuite-*). The delay notice "did not accept our requests to connect" means the message waits
     * in Gmail's queue until its lifetime ends (rhost-gsuite-06, Status 4.4.1).
     */
    static final RuleSet GSUITE = new RuleSet("gsuite", List.of("googlemail.com"), List.of(), List.of(), null, List.of(
            text("because the address couldn't be found", Reason.USER_UNKNOWN),   // rhost-gsuite-02
            text("did not accept our requests to connect", Reason.EXPIRED)));

    /** i.ua: replies name a help page mail.i.ua/err/N/ (rhost-iua-01). */
    static final RuleSet IUA = new RuleSet("iua", List.of(".email.ua"), List.of("i.ua", "email.ua"), List.of(".i.ua/err/"),
            Pattern.compile("\\.i\\.ua/err/([0-9]{1,2})/"), List.of(
                    code("1", Reason.NO_RELAYING),   // use of SMTP as a mail gate is forbidden
                    code("2", Reason.USER_UNKNOWN),  // user is not found
                    code("3", Reason.SUSPEND),       // mailbox not used for more than 3 months ("Mailbox is frozen")
                    code("4", Reason.MAILBOX_FULL),
                    code("5", Reason.TOO_MANY_CONN), // letter sending limit exceeded (per connection)
                    code("6", Reason.NO_RELAYING),   // use the SMTP server of your provider
                    code("7", Reason.BLOCKED),       // wrong HELO/EHLO parameter
                    code("8", Reason.REJECTED),      // could not check the sender address
                    code("9", Reason.BLOCKED),       // sender IP blacklisted
                    code("10", Reason.FILTERED)));   // not in the recipient's list of allowed addresses

    /**
     * au (KDDI): "550 : User unknown" without an address is the recipient's own reception filter, while
     * "550 <address>: User unknown" is a missing mailbox (rhost-gsuite-08, -09, rhost-kddi-02).
     */
    static final RuleSet KDDI = new RuleSet("kddi", List.of(".ezweb.ne.jp", ".au.com"), List.of("ezweb.ne.jp", "au.com"),
            List.of(), null, List.of(
                    text("550 : user unknown", Reason.FILTERED),
                    text(">: user unknown", Reason.USER_UNKNOWN)));

    /**
     * Symantec/Broadcom Email Security.cloud (MessageLabs): knowledge.broadcom.com article 169652 "Email error and
     * bounce codes" and the articles cited per row.
     */
    static final RuleSet MESSAGELABS = new RuleSet("messagelabs", List.of(".messagelabs.com"), List.of(),
            List.of("messagelabs.com/support", "symanteccloud.com/troubleshooting"), null, List.of(
                    text("domain authentication fail", Reason.AUTH_FAILURE),        // "553 DMARC/SPF domain authentication fail" (175407)
                    text("connection rejected by policy", Reason.BAD_REPUTATION),   // 164955
                    text("your ip is in the pbl", Reason.BLOCKED),                  // 165165
                    text("your ip address has been", Reason.BLOCKED),              // "... has been blocked/blacklisted"
                    text("stray linefeeds in message", Reason.CONTENT_ERROR),
                    text("tls/sslv3 connection required", Reason.FAILED_STARTTLS),  // 162152
                    text(" as a relay, ", Reason.NO_RELAYING),                      // 162137
                    text("has detected that this message is not rfc 5322", Reason.NOT_COMPLIANT_RFC),
                    text("sender envelope domain not allowed for sender ip address", Reason.REJECTED),
                    text("your domain has been b", Reason.REJECTED),                // "... blocked" / "... blacklisted" (173082)
                    text("your email address has been b", Reason.REJECTED),
                    text("your envelope sender is in my badmailfrom list", Reason.REJECTED), // 162232
                    text("please turn on smtp authentication", Reason.SECURITY_ERROR),
                    text("filtered by outbound scanning", Reason.SPAM_DETECTED),    // 173867
                    text("message filtered", Reason.SPAM_DETECTED),
                    text("too many recipients received this hour", Reason.TOO_MANY_CONN), // 385809
                    text("too many messages", Reason.TOO_MANY_CONN),                // "460 too many messages (#4.3.0)" (164767)
                    text("mailbox is not allowed", Reason.USER_UNKNOWN),            // "recipient mailbox is not allowed" (175710)
                    text("requested action aborted [4]", Reason.NOT_COMPLIANT_RFC),
                    text("invalid recipient", Reason.USER_UNKNOWN),                 // 165163
                    text("no such user", Reason.USER_UNKNOWN),
                    text("rejected", Reason.USER_UNKNOWN).onReply("542")));        // "542 <address> Rejected" (rhost-messagelabs-03)

    /**
     * Microsoft: Exchange Online and Outlook.com. "Email non-delivery reports and SMTP errors in Exchange Online"
     * (learn.microsoft.com), the Exchange Server 2019 NDR list, and the Outlook.com postmaster troubleshooting page
     * (codes RP-, SC-, DY-, OU-). "RESOLVER.ADR." is Exchange's own token, so it marks the set even without a
     * Remote-MTA (rhost-microsoft-03).
     */
    static final RuleSet MICROSOFT = new RuleSet("microsoft",
            List.of(".outlook.com", ".office365.com", ".onmicrosoft.com", ".exchangelabs.com", ".hotmail.com",
                    ".live.com", ".msn.com"),
            List.of("outlook.com", "hotmail.com", "live.com", "msn.com"),
            List.of("resolver.adr.", "postmaster.live.com", ".prod.outlook.com", ".protection.outlook.com"),
            Pattern.compile("\\b((?:rp|sc|dy|ou)-00[0-9])\\b"), List.of(
                    code("rp-001", Reason.BAD_REPUTATION).onReply("421"), // rate limit for IP/domain reputation
                    code("rp-002", Reason.BAD_REPUTATION).onReply("421"),
                    code("rp-003", Reason.BAD_REPUTATION).onReply("421"),
                    code("sc-001", Reason.BAD_REPUTATION).onReply("550"), // spam-like content or IP/domain reputation
                    code("sc-002", Reason.POLICY_VIOLATION).onReply("550"), // namespace mining
                    code("sc-003", Reason.BLOCKED).onReply("550"),        // open proxy/relay
                    code("sc-004", Reason.BLOCKED).onReply("550"),        // complaints about the IP
                    code("dy-001", Reason.BLOCKED).onReply("550"),        // dynamic IP (Spamhaus)
                    code("dy-002", Reason.VIRUS_DETECTED).onReply("550"), // compromised or virus infected sender
                    code("ou-001", Reason.BLOCKED).onReply("550"),        // Spamhaus listing
                    code("ou-002", Reason.BAD_REPUTATION).onReply("550"),
                    // unknown recipients
                    Row.status("X.1.10", Reason.USER_UNKNOWN),            // RESOLVER.ADR.RecipientNotFound
                    text("resolver.adr.recipientnotfound", Reason.USER_UNKNOWN),
                    text("resolver.adr.exrecipnotfound", Reason.USER_UNKNOWN),
                    text("recipient address rejected: access denied", Reason.USER_UNKNOWN).onStatus("X.4.1"),
                    text("requested action not taken: mailbox unavailable", Reason.USER_UNKNOWN), // rhost-outlook-08
                    text("access denied, banned recipient", Reason.SUSPEND),                      // 5.7.505
                    // sender authentication
                    text("does not pass dmarc verification", Reason.AUTH_FAILURE),                // 5.7.509 (rhost-microsoft-04)
                    text("doesn't meet the required authentication level", Reason.AUTH_FAILURE),  // 5.7.515
                    text("must pass either spf or dkim validation", Reason.AUTH_FAILURE),         // 4.7.26 over IPv6
                    text("sender policy framework violation", Reason.AUTH_FAILURE),               // 5.7.23
                    // the sending host
                    text("access denied, banned sending ip", Reason.BLOCKED),                     // 5.7.606-649
                    text("access denied, banned sender", Reason.BLOCKED),                         // 5.7.511
                    text("using customer block list", Reason.BLOCKED),                            // 5.7.513
                    text("access denied, bad helo", Reason.BLOCKED),                              // 5.7.506
                    text("part of their network is on our block list", Reason.BLOCKED),           // S3150
                    text("does not accept email over ipv6", Reason.BLOCKED),                      // 5.7.510: the sending host's address family
                    text("access denied, please try again later", Reason.BLOCKED),                // 4.7.500-699, 4.7.850-899: IP restricted for evaluation
                    text("mismatches client ip", Reason.REQUIRE_PTR),                             // Hotmail (rhost-outlook-09)
                    text("must have a reverse dns record", Reason.REQUIRE_PTR),                   // 5.7.25 over IPv6
                    // the sending account or tenant
                    text("access denied, spam abuse detected", Reason.REJECTED),                  // 5.7.501-503
                    text("client blocked from sending from unregistered domains", Reason.REJECTED), // 5.7.750
                    text("access denied, bad outbound sender", Reason.REJECTED),                  // 5.1.8
                    // limits
                    text("submission quota exceeded", Reason.SPEEDING),                          // 5.2.2 is the sender's quota here
                    text("reached your daily limit for message recipients", Reason.SPEEDING),     // 5.1.90
                    text("per hour message receive limit", Reason.SPEEDING),                      // 5.2.121, 5.2.122
                    text("has exceeded permitted limits within", Reason.SPEEDING),                // 5.7.508
                    text("recipient thread limit exceeded", Reason.SPEEDING),                     // 4.3.2 STOREDRV.Deliver
                    text("tenant has exceeded threshold", Reason.SPEEDING),                       // 5.7.700-749
                    // other
                    text("the domain is not reachable", Reason.HOST_UNKNOWN),                     // Outlook.com (rhost-outlook-03)
                    text("hosted tenant which has no mail-enabled subscriptions", Reason.NOT_ACCEPT), // 4.4.4
                    text("content filter agent quarantined this message", Reason.SPAM_DETECTED), // 5.2.1
                    text("client was not authenticated to send anonymous mail", Reason.SECURITY_ERROR), // 5.7.57
                    text("failed mta-sts validation", Reason.FAILED_STARTTLS),                    // 4.4.8/5.4.8, 5.7.5
                    text("starttls-not-supported:", Reason.FAILED_STARTTLS),                      // 5.7.321
                    text("certificate-expired:", Reason.FAILED_STARTTLS),                         // 5.7.322
                    text("tlsa-invalid:", Reason.FAILED_STARTTLS),                                // 5.7.323
                    text("dnssec-invalid:", Reason.FAILED_STARTTLS),                              // 5.7.324
                    text("certificate-host-mismatch:", Reason.FAILED_STARTTLS),                   // 5.7.325
                    text("too many related errors", Reason.CONTENT_ERROR),                        // 5.3.0: malformed, moved to the poison queue
                    text("server busy. please try again later from", Reason.SYSTEM_ERROR),        // 4.7.500 (AS761)
                    text("pfa agent busy", Reason.SYSTEM_ERROR)));                                // 4.7.700

    /**
     * Mimecast: "Mimecast SMTP Error Codes" (community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754);
     * each text goes with the reply code the page gives for it.
     */
    static final RuleSet MIMECAST = new RuleSet("mimecast", List.of(".mimecast.com", ".mimecast-offshore.com"), List.of(),
            List.of("community.mimecast.com"), null, List.of(
                    text("spf sender invalid - envelope rejected", Reason.AUTH_FAILURE),
                    text("dkim sender invalid - envelope rejected", Reason.AUTH_FAILURE),
                    text("dmarc sender invalid - envelope rejected", Reason.AUTH_FAILURE),
                    text("local ct ip reputation", Reason.BAD_REPUTATION),
                    // "451 Internal resources are temporarily unavailable" is its greylisting: see Greylisting
                    text("sender address blocked", Reason.BLOCKED).onReply("421"),
                    text("recipient temporarily unavailable", Reason.BLOCKED).onReply("451"),
                    text("ip temporarily blacklisted", Reason.BLOCKED),
                    text("maximum email size exceeded", Reason.MESG_TOO_BIG),
                    text("mail loop detected", Reason.NETWORK_ERROR),
                    text("open relay not allowed", Reason.NO_RELAYING),
                    text("account inbounds disabled", Reason.NOT_ACCEPT),
                    text("anti-spoofing policy", Reason.POLICY_VIOLATION),
                    text("content examination policy", Reason.POLICY_VIOLATION),
                    text("host network not allowed", Reason.POLICY_VIOLATION),   // geographical restriction (rhost-mimecast-01)
                    text("envelope blocked", Reason.REJECTED),                   // blocked senders policy / managed senders
                    text("manually blocked senders", Reason.REJECTED),
                    text("header-based blocked senders", Reason.REJECTED),
                    text("block policy for envelope from address", Reason.REJECTED),
                    text("incorrect authentication data", Reason.SECURITY_ERROR).onReply("535"),
                    // the route's TLS requirements (encryption, version 1.2, high-strength ciphers, a valid certificate)
                    text("this route requires encryption", Reason.FAILED_STARTTLS),
                    text("this route requires tls", Reason.FAILED_STARTTLS),
                    text("this route requires high-strength ciphers", Reason.FAILED_STARTTLS),
                    text("configuration is invalid for this certificate", Reason.FAILED_STARTTLS),
                    text("this route requires", Reason.SECURITY_ERROR),
                    text("open relay is not allowed", Reason.NO_RELAYING),
                    text("incorrect hostname used for inbounds", Reason.NETWORK_ERROR),
                    text("submitter failed to authenticate", Reason.SECURITY_ERROR),
                    text("host network, not allowed", Reason.POLICY_VIOLATION),
                    text("unable to process connection at this time", Reason.SYSTEM_ERROR),
                    text("message ended early", Reason.SYSTEM_ERROR),
                    text("unable to process command", Reason.SYSTEM_ERROR),
                    text("unable to process an email at this time", Reason.SYSTEM_ERROR),
                    text("account service is temporarily unavailable", Reason.TOO_MANY_CONN),
                    text("exceeding outbound thread limit", Reason.TOO_MANY_CONN),
                    text("too many recipients", Reason.TOO_MANY_CONN).onReply("452"),
                    text("invalid address", Reason.USER_UNKNOWN).onReply("501"),
                    text("user unknown", Reason.USER_UNKNOWN).onReply("503"),
                    text("invalid recipient", Reason.USER_UNKNOWN).onReply("550"),
                    text("email rejected due to security policies", Reason.VIRUS_DETECTED)));

    /**
     * NTT docomo (mfsmax.docomo.ne.jp) answers "550 Unknown user" both for a missing mailbox (at RCPT) and,
     * after DATA, for a sender the recipient's reception settings refuse; Status 5.2.0 marks the latter too
     * (rhost-nttdocomo-*).
     */
    static final RuleSet NTT_DOCOMO = new RuleSet("nttdocomo", List.of(".docomo.ne.jp"), List.of("docomo.ne.jp"),
            List.of(), null, List.of(
                    text("552 too much mail data", Reason.MAILBOX_FULL),
                    text("552 too many recipients", Reason.TOO_MANY_CONN),
                    text("503 bad sequence of commands", Reason.SYNTAX_ERROR),
                    text("504 command parameter not implemented", Reason.SYNTAX_ERROR),
                    Row.status("X.2.0", Reason.FILTERED),
                    text("unknown user", Reason.REJECTED).onCommand("DATA"),
                    text("unknown user", Reason.USER_UNKNOWN).onCommand("RCPT")));

    /** Spectrum/Charter: "AUP#I-nnnn" (incoming) and "AUP#O-nnnn" codes of spectrum.net "Understanding email error codes". */
    static final RuleSet SPECTRUM = new RuleSet("spectrum", List.of(".charter.net", ".spectrum.net"),
            List.of("charter.net", "spectrum.net"),
            List.of("spectrum.net/support/internet/understanding-email-error-codes",
                    "spectrumbusiness.net/support/internet/understanding-email-error-codes"),
            Pattern.compile("aup#[a-z-]*([0-9]{4})"), List.of(
                    Row.codes(1000, 1000, Reason.BLOCKED),          // IP blocked for suspicious activity
                    Row.codes(1010, 1010, Reason.REJECTED),         // sending account blocked
                    Row.codes(1020, 1080, Reason.REJECTED),         // sending account limited
                    Row.codes(1090, 1090, Reason.SYSTEM_ERROR),     // cannot be processed, try later
                    Row.codes(1100, 1150, Reason.REQUIRE_PTR),      // full-circle DNS required
                    Row.codes(1160, 1190, Reason.POLICY_VIOLATION), // against your domain's security policies
                    Row.codes(1200, 1250, Reason.BLOCKED),          // Cloudmark CSI, Spamhaus listings
                    Row.codes(1260, 1260, Reason.NETWORK_ERROR),    // IPv6 not processed
                    Row.codes(1300, 1340, Reason.TOO_MANY_CONN),    // concurrent/total connection limits (rhost-spectrum-01)
                    Row.codes(1350, 1490, Reason.SPEEDING),         // message/recipient volume limits
                    Row.codes(1500, 1520, Reason.REJECTED),         // sending as another address/domain
                    Row.codes(1530, 1530, Reason.MESG_TOO_BIG),     // over 20 MB
                    Row.codes(1540, 1550, Reason.SPEEDING),         // too many messages per session / recipients per message
                    Row.codes(1560, 1560, Reason.POLICY_VIOLATION), // too many invalid recipients
                    Row.codes(1580, 1580, Reason.SPEEDING)));       // too many recipients in a short time

    /** Tencent QQ Mail / Foxmail: help pages service.mail.qq.com/detail/122/N (rhost-tencent-*). */
    static final RuleSet TENCENT = new RuleSet("tencent", List.of(".qq.com"), List.of("qq.com", "foxmail.com"),
            List.of("service.mail.qq.com"), null, List.of(
                    text("spf check failed", Reason.AUTH_FAILURE),                 // 122/72
                    text("dmarc check failed", Reason.AUTH_FAILURE),
                    text("suspected bounce attacks", Reason.BLOCKED),              // 122/57
                    text("suspected spam ip", Reason.BLOCKED),                     // 122/66
                    text("connection denied", Reason.BLOCKED),                     // 122/170
                    text("message too large", Reason.MESG_TOO_BIG),                // 122/168
                    text("mail is rejected by recipients", Reason.REJECTED),       // 122/92
                    text("suspected spam", Reason.REJECTED),                       // 122/71
                    text("spam is embedded in the email", Reason.SPAM_DETECTED),   // 122/59
                    text("mail content denied", Reason.SPAM_DETECTED),             // 122/171
                    text("is a deactivated mailbox", Reason.SUSPEND),
                    text("bad address syntax", Reason.SYNTAX_ERROR),               // 122/167
                    text("frequency of receiving messages is limited", Reason.SPEEDING),   // 122/1011: the recipient's rate
                    text("frequency limited", Reason.TOO_MANY_CONN),               // ip/domain/sender/connection: 122/172-175
                    text("mailbox not found", Reason.USER_UNKNOWN)));              // 122/169

    /**
     * Yahoo Inc. (Yahoo Mail, AOL Mail): senders.yahooinc.com/smtp-error-codes. "[TSS04] ... temporarily deferred
     * due to unexpected volume or user complaints" is written for poor reputation and unauthenticated senders as
     * much as for volume, so it is the sender's refusal, not a rate (rhost-yahooinc-02).
     */
    static final RuleSet YAHOO = new RuleSet("yahoo", List.of(".yahoodns.net", ".yahoo.com"),
            List.of("yahoo.com", "ymail.com", "rocketmail.com", "aol.com", "aim.com"),
            List.of("postmaster.yahooinc.com", "senders.yahooinc.com", "postmaster.verizonmedia.com"), null, List.of(
                    text("requires all senders to authenticate with either spf or dkim", Reason.AUTH_FAILURE),
                    text("because the ip is in spamhaus's list", Reason.BLOCKED),       // [BL21]
                    text("not accepted from ip addresses on spamhaus", Reason.BLOCKED),  // [BL23]
                    text("relaying denied for", Reason.NO_RELAYING),
                    text("headers are not rfc compliant", Reason.NOT_COMPLIANT_RFC),
                    text("not accepted for policy reasons", Reason.POLICY_VIOLATION),    // [PH01], 5.7.9 (rhost-yahooinc-01)
                    text("temporarily deferred due to unexpected volume or user complaints", Reason.REJECTED), // [TSS04]
                    text("due to unresolvable rfc.5321", Reason.REJECTED),
                    text("will be permanently deferred", Reason.REJECTED),              // [TSS09], [TSS11]
                    text("user is receiving mail too quickly", Reason.SPEEDING),
                    text("max message per connection reached", Reason.TOO_MANY_CONN),
                    text("this mailbox is disabled", Reason.SUSPEND),                   // "(554.30)"
                    text(" is no longer valid.", Reason.SUSPEND),
                    text("dd this user doesn't have a ", Reason.USER_UNKNOWN),
                    text("mailbox not found", Reason.USER_UNKNOWN)));

    /** Zoho Mail: zoho.com/mail/help (spam-reason) and the EmailFailureAlert texts of zoho/zohodesk-oas. */
    static final RuleSet ZOHO = new RuleSet("zoho", List.of(".zoho.com", ".zoho.eu", ".zoho.in", ".zohomail.com"),
            List.of("zoho.com", "zohomail.com", "zoho.eu"), List.of(), null, List.of(
                    text("email rejected per dmarc policy", Reason.AUTH_FAILURE),
                    // "Greylisted, try again after some time" is decided by Greylisting, before these rows
                    text("reason: email flagged as spam", Reason.REJECTED),          // the sender is refused (rhost-zoho-03)
                    text("mail rejected by destination domain", Reason.REJECTED),    // rhost-zoho-04
                    text("email policy violation detected", Reason.POLICY_VIOLATION),
                    text("mailbox delivery restricted by policy error", Reason.POLICY_VIOLATION),
                    text("temporary system error", Reason.SYSTEM_ERROR),
                    text("detected by zoho mail", Reason.VIRUS_DETECTED),           // "552 5.7.1 virus ... detected by Zoho Mail"
                    text("mailbox delivery failure policy error", Reason.USER_UNKNOWN),
                    text("user does not exist", Reason.USER_UNKNOWN)));              // rhost-zoho-01

    /**
     * All sets. The order only matters when two sets are chosen by the same kind of evidence (AOL before
     * Yahoo for an aol.com recipient: AOL's own relay texts first).
     */
    public static final List<RuleSet> STANDARD = List.of(AOL, APPLE, CLOUDFLARE, COX, FACEBOOK, FRANCE_PTT, GODADDY,
            GOOGLE, GSUITE, IUA, KDDI, MESSAGELABS, MICROSOFT, MIMECAST, NTT_DOCOMO, SPECTRUM, TENCENT, YAHOO, ZOHO);
}
