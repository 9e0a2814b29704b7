package bouncemx.classify;

import bouncemx.reason.Reason;
import java.util.List;

/**
 * Phrase to reason over the lowercased diagnostic text. Rows are tried in order and the first row with a
 * phrase contained in the text wins, so the order is the policy:
 * <ol>
 *   <li>texts that name one precise cause and may quote other words (TLS, virus, SPF/DKIM/DMARC, PTR,
 *       RFC-format, reputation, rate limits, connection limits);</li>
 *   <li>the mailbox itself (moved, full, disabled, unknown) and its domain (unknown, null MX), because a
 *       refusal text often adds generic words ("rejected", "policy") around them;</li>
 *   <li>relaying and sender refusals, then refusals of the sending host (block lists name "spam" in
 *       their own names, such as spamhaus, so they come before spam);</li>
 *   <li>content: spam, policy, filters, size, headers;</li>
 *   <li>system, network and queue conditions, and protocol syntax last, as they are the vaguest.</li>
 * </ol>
 * Phrases are written from the MTA and provider texts they come from (Postfix, Sendmail, Exim, qmail,
 * Exchange, Gmail, Yahoo, Outlook.com and others; see the corpus families). Immutable; thread-safe.
 */
public final class PhraseTable {

    /**
     * One row: any of {@code phrases} (lowercase) means {@code reason}; so does any of {@code pairs}, two
     * words in that order with at most {@link #PAIR_GAP} characters between them ("mailbox ... full" for
     * "mailbox is currently full", "mailbox of jane is full"), for texts that put a name or an adverb in
     * the middle of the phrase. Within a row, phrases are tried before pairs.
     */
    public record Row(Reason reason, List<String> phrases, boolean vague, List<Pair> pairs) {
        public Row {
            phrases = List.copyOf(phrases);
            pairs = List.copyOf(pairs);
            for (String p : phrases) {
                if (!p.equals(p.toLowerCase(java.util.Locale.ROOT))) throw new IllegalArgumentException("phrase must be lowercase: " + p);
            }
        }

        Row(Reason reason, List<String> phrases, boolean vague) { this(reason, phrases, vague, List.of()); }

        static Row of(Reason r, String... phrases) { return new Row(r, List.of(phrases), false); }

        /** A row of bare words that say what happened but not to whom. */
        static Row vague(Reason r, String... phrases) { return new Row(r, List.of(phrases), true); }

        /** This row with ordered pairs added, each written "first...second". */
        Row pairs(String... firstThenSecond) {
            List<Pair> out = new java.util.ArrayList<>(pairs);
            for (String f : firstThenSecond) {
                int i = f.indexOf("...");
                if (i <= 0 || i + 3 >= f.length() || !f.equals(f.toLowerCase(java.util.Locale.ROOT))) {
                    throw new IllegalArgumentException("a pair is \"first...second\" in lowercase: " + f);
                }
                out.add(new Pair(f.substring(0, i), f.substring(i + 3)));
            }
            return new Row(reason, phrases, vague, out);
        }
    }

    /** Most characters between the two words of a pair. */
    static final int PAIR_GAP = 40;

    /** Two words in order, close together. */
    public record Pair(String first, String second) {
        boolean in(String lowerText) {
            int from = 0;
            while (true) {
                int i = lowerText.indexOf(first, from);
                if (i < 0) return false;
                int start = i + first.length();
                int j = lowerText.indexOf(second, start);
                if (j < 0) return false;
                if (j - start <= PAIR_GAP) return true;
                from = i + 1;
            }
        }

        /** This pair with both words spelt plainly (see {@link #plainSpelling}). */
        Pair plainSpelling() {
            return new Pair(PhraseTable.plainSpelling(first), PhraseTable.plainSpelling(second));
        }

        @Override
        public String toString() { return first + "..." + second; }
    }

    /**
     * A match: the row's reason and the phrase that matched (for classification.rule); {@code vague} when
     * the row holds bare words whose subject the context decides ("access denied" to whom).
     */
    public record Match(Reason reason, String phrase, boolean vague, int row) {}

    static final List<Row> ROWS = List.of(
            // 1. precise causes
            Row.of(Reason.FAILED_STARTTLS, "starttls is required", "must issue a starttls command first",
                    "tls required but not supported", "encryption needed",
                    "tls is required", "requires tls", "tls required", "encryption required for", "requiretls",
                    "must use tls", "please use starttls", "starttls failed", "tls negotiation failed",
                    "does not support tls",
                    // Exim 4: "a TLS session is required, but the server did not offer TLS support"
                    "tls session is required", "did not offer tls",
                    // a TLS session that failed on the certificate or the handshake (Stalwart's "TLS error from
                    // 'mx': invalid peer certificate", OpenSSL's "certificate verify failed")
                    "tls error", "tls handshake failed", "invalid peer certificate", "certificate verify failed"),
            // sendmail's check_rcpt refusal of a relay to a client that did not authenticate ("Relaying denied.
            // Proper authentication required.", cf/m4/proto.m4): a relaying refusal, not a security one
            Row.of(Reason.NO_RELAYING, "relaying denied. proper authentication required"),
            // texts that carry a word of a later row but mean something more precise
            Row.of(Reason.SECURITY_ERROR, "delivery not authorized", "unauthenticated senders", "authentication required",
                    "not subscribed to ses", "authentication credentials invalid", "authentication failure",
                    "authentication turned on", "executable files are not allowed", "you don't authenticate",
                    "verification failure", "authentication failed;",
                    "must authenticate", "authentication is required", "not authenticated"),
            Row.of(Reason.REJECTED, "all recipient addresses rejected", "address that has been blacklisted",
                    "email address has been blacklisted", "sender address has been blacklisted",
                    "server does not accept mail from", "unsigned dsn", "not a registered gateway user",
                    // Postfix's default_rbl_reply for reject_rhsbl_sender ("554 5.7.1 Service unavailable; Sender
                    // address [a@sender.example] blocked using dbl.spamhaus.org", postconf(5)): the sender's
                    // domain is listed, whatever list it names (the DBL, "spam" in a list's name)
                    "service unavailable; sender address [")
                    // Symantec Email Security.cloud's list of receivers' refusals: "551 Sender is on domain's
                    // blacklist" (the sender's address on the receiving domain's list, not the sending host)
                    .pairs("sender is on...blacklist"),
            // a mailbox over its limits, in words that later rows (rate limits, disabled accounts) also use
            Row.of(Reason.MAILBOX_FULL, "too many messages on the server", "exceeding receiving limits",
                    "space has been used up"),
            Row.of(Reason.SPAM_DETECTED, "spam classification", "blacklisted url", "blacklisted link", "spam or virus",
                    "spam/virus", "content filter rejection", "mail content denied", "unacceptable content",
                    "banned content", "uribl",
                    // domain and URL block lists name the message's links, not the sending host (Spamhaus DBL,
                    // SURBL); gateways that give a spam verdict after their own name ("blocked by Sophos: spam")
                    "surbl", "spamhaus dbl", "dbl.spamhaus", "url listed", "domain listed", "uri listed",
                    "spamassassin", ": spam", "as junk",
                    // Barracuda's notice "blocked by our Spam Firewall" / "blocked by our bulk email filter": a
                    // verdict on the message, though it says "blocked by"
                    "blocked by our spam firewall", "bulk email filter"),
            // a recipient's own choice, in words later rows give to hosts, spam or limits
            Row.of(Reason.FILTERED, "account is protected by", "is not accepting any mail", "due to user rules",
                    // Korean portals: "550 You are registered as spammer (by user's reject list)", the recipient's
                    // own list, although it says "spammer"
                    "user's reject list",
                    "refuse to receive mail", "refuses to receive this mail", "recipient preferences", "user reject",
                    "blocked by the recipient",
                    // the recipient organisation's own content rules (a gateway's "blocked by a content filter of the
                    // recipient's organization", "recipient's content policy"), in words the block-list row also has
                    "content filter of the recipient", "recipient's content policy"),
            // a gateway's quarantine: the message is kept, not refused, until someone releases it ("The message is
            // being held and will not be delivered unless it is released")
            Row.of(Reason.ON_HOLD, "unless it is released", "held in quarantine", "has been quarantined",
                    "placed in quarantine"),
            // a site's rules about content or lists, in words later rows give to security
            Row.of(Reason.POLICY_VIOLATION, "security policies", "organizational settings", "header error",
                    // Barracuda's brand-impersonation check ("550 rejecting spoofed message")
                    "spoofed message",
                    "content presents a potential security issue", "mass mailer", "members-only list",
                    "closed mailing list", "non-member",
                    // amavis's banned-file verdict ("Reject, id=... - BANNED: .exe"): a site's attachment rule
                    "- banned:"),
            // Sendmail's relay refusal names why the client is not a relay host it knows ("550 5.7.1 <a@b>... Relaying
            // denied. IP name lookup failed [192.0.2.7]", "... IP name possibly forged", proto.m4): still relaying,
            // not the PTR row's "ip name lookup failed"
            Row.of(Reason.NO_RELAYING, "relaying denied. ip name", "insecure mail relay", "not configured to relay", "email address is not verified",
                    "send to a non-local", "relay through this machine", "not an open relay", "specified domain is not allowed",
                    "don't handle mail for"),
            // local faults of the remote system, in words later rows give to the network or to programs
            Row.of(Reason.SYSTEM_ERROR, "forwarding loop broken", "create user output file", "load drd",
                    "interrupted system call", "error while being processed", "local error in processing",
                    "queue file write error", "no mdb", "system config error", "timeout waiting for input")
                    .pairs("unable to connect...daemon"),
            // Postfix's resolver texts: "host not found, try again" (a failed lookup) and a malformed reply are
            // network errors; a bare "host not found" in the same sentence is NXDOMAIN, an unknown host (row 2)
            Row.of(Reason.NETWORK_ERROR, "host not found, try again", "dns query failed", "malformed or unexpected name server reply",
                    "dns records for the destination computer could not be found", "unable to resolve route",
                    "host name lookup failure",
                    // Exchange's lost connections ("421 4.4.2 Connection dropped due to SocketError", often quoted
                    // after "451 4.4.0 Primary target IP address responded with:", whose "IP address" is no refusal)
                    "connection dropped due to",
                    // Exchange's "441 4.4.1 Error encountered while communicating with primary target IP address:
                    // Failed to connect", whose "IP address" is the block-list row's word
                    "communicating with primary target"),
            // Exim: every MX of the domain names a host that does not exist ("non-existent" is a user row word)
            Row.of(Reason.HOST_UNKNOWN, "unknown domain name", "domain must exist",
                    "mentioned in email address is unknown", "account or domain may not exist", "unroutable address",
                    "illegal host/domain name",
                    "point to non-existent hosts", "mx records point to nonexistent hosts",
                    "non-existent host", "nonexistent host", "infodomainnonexistent", "dns domain",
                    "域名不存在", "домен не существует", "домен не найден", "domain existiert nicht", "unbekannte domain",
                    "dominio inexistente", "dominio no existe", "dominio sconosciuto", "domínio inexistente",
                    // Japanese carriers' and ISPs' notices ("宛先のドメインは存在しません"), before the user row's words
                    "ドメインは存在しません", "ドメインが存在しません", "ドメインが見つかりません",
                    // and Korean portals' ("도메인이 존재하지 않습니다")
                    "도메인이 존재하지 않"),
            // Gmail refuses hosts that should relay through their provider; "not authorized" alone is a filter word
            Row.of(Reason.BLOCKED, "not authorized to send email directly", "not authorized to send mail directly",
                    "bad sender ip", "bad ip profile", "in a black list", "you are sending spam", "helo command rejected",
                    "blocked - see", "refused - see",
                    "traffic not accepted from")
                    .pairs("@...:blocked)"),
            Row.of(Reason.EXCEED_LIMIT, "message header size exceeds limit"),
            Row.of(Reason.CONTENT_ERROR, "headers too large", "header too large", "header size exceeds maximum permitted",
                    "mime complexity", "too many received: headers", "improperly-formatted binary content",
                    "unnecessary base64 encoding", "invalid mime headers", "8-bit data in message header"),
            // GMX writes "No SMTP service" as a banner line above the real cause ("554-No SMTP service
            // 554-IP address is block listed.", postmaster.gmx.com/en/error-messages)
            Row.of(Reason.REQUIRE_PTR, "ptr resource record"),
            Row.of(Reason.BLOCKED, "is block listed"),
            Row.of(Reason.NOT_ACCEPT, "host does not accept mail", "no smtp service", "indicated no smtp service",
                    "mail receiving disabled", "no mx record found for domain=", "smtp protocol returned a permanent error"),
            Row.of(Reason.VIRUS_DETECTED, "virus", "malware", "infected", "trojan", "worm detected",
                    "ransomware", "spyware",
                    "potentially executable attachment",
                    "malicious content"),
            Row.of(Reason.NOT_COMPLIANT_RFC, "rfc 5322", "rfc5322", "rfcmessagenoncompliant", "rfc 2822", "rfc2822", "rfc-5322", "rfc 822",
                    "rfc822 compliant", "missing a valid address in from", "having no from", "no from: header", "rfc 822 compliant", "duplicate header", "multiple from", "multiple addresses in from",
                    "not rfc compliant", "non-compliant", "not compliant with rfc", "does not comply with rfc",
                    "message-id header", "missing required header", "bare lf", "bare linefeed", "barelinefeeds", "header is malformed"),
            // a refusal of the envelope sender names the sender; whatever else it says ("domain not found")
            // is about the sender's domain, not the recipient's
            Row.of(Reason.REJECTED, "sender address rejected", "sender rejected", "sender verify failed",
                    "sender verification failed",
                    "domain of sender address"),
            Row.of(Reason.AUTH_FAILURE, "dmarc", "dkim", "sender policy framework", "spf check", "spf fail",
                    "spf.pobox.com", "required authentication level", "spf settings", "authentication requirements",
                    "spf validation", "spf)", "fails spf", "failed spf", "spf authentication",
                    "not designated as permitted sender", "not permitted sender", "unauthenticated email",
                    "authentication checks", "is not authorized by domain", "5.7.26", "5.7.23", "5.7.1 [tss09]", "spf record",
                    "bad spf", "spf records", "spf:", "is not allowed to send mail from",
                    // "550 5.7.1 SPF unauthorized mail is prohibited." (Broadcom KB 162445: the sending server is not
                    // authorized for the sending domain), before the policy row's "prohibited"
                    "spf unauthorized",
                    // the domain owner's policy (DMARC) worded without the name, and ARC (RFC 8617)
                    "fail authentication", "fails authentication", "failed authentication", "arc validation",
                    "arc-seal", "arc authentication", "spf permerror", "spf softfail", "spf temperror", "spf hardfail",
                    // qpsmtpd's sender_permitted_from plugin ("SPF - fail: ...", "SPF - forgery: ..."), and the SPF
                    // explanation link that policy services (policyd-spf, pyspf, libspf2) quote by default
                    "spf - fail", "spf - forgery", "spf - softfail", "openspf.org/why", "open-spf.org/why",
                    // Proofpoint Essentials: "550 5.7.1 Message rejected per sender's SPF policy"
                    "spf policy"),
            Row.of(Reason.REQUIRE_PTR, "reverse dns", "reverse-dns", "rdns", "no ptr", "ptr record", "dns ptr",
                    "ptr-record",
                    "reverse lookup", "reverse hostname", "cannot find your hostname", "cannot find your reverse",
                    "cannot resolve your address", "cannot resolve your hostname", "no reverse", "reverse dns entry",
                    "hostname does not match", "does not resolve to", "unresolvable",
                    "ip name lookup failed", "without a valid reverse", "helo does not", "client host rejected: cannot find",
                    "mismatches client ip", "unverifyable sending ip", "unverifiable sending ip"),
            Row.of(Reason.BAD_REPUTATION, "poor reputation", "bad reputation", "sender reputation", "ip reputation",
                    "low reputation", "reputation of", "domain reputation", "reputation is", "due to reputation",
                    "reputation score", "email reputation", "reputation problems", "reputation filter"),
            // Cisco IronPort's per-hour recipient limit ("452 Too many recipients received this hour") is a rate,
            // though it names recipients as the connection limits below do
            Row.of(Reason.SPEEDING, "recipients received this hour", "messages received this hour"),
            // connection limits before rate limits: "connection rate limit" is about connections
            Row.of(Reason.TOO_MANY_CONN, "too many connections", "too many concurrent", "connection limit",
                    "too many simultaneous", "too many sessions", "too many smtp sessions", "connection rate limit",
                    "maximum number of connections", "too many recipients", "trop de connexions"),
            Row.of(Reason.SPEEDING, "rate limit", "rate-limit", "ratelimit", "rate limited", "too many messages",
                    "sending rate", "exceeded the rate", "message rate", "too fast", "throttl", "receiving mail at a rate",
                    "received too many", "too many emails", "sending quota", "max emails per hour", "try again slower",
                    "too many errors from your ip",
                    // Postfix's anvil limit smtpd_client_message_rate_limit ("450 4.7.1 Error: too much mail from
                    // 192.0.2.7", smtpd.c), before the mailbox row's "too much mail"; "rate overlimit", the words
                    // Exim ratelimit ACLs are commonly given ("Sender rate overlimit - 3.0 / 1m")
                    "too much mail from", "rate overlimit",
                    // the sender's own daily limits, as Google words its SMTP relay's ("Daily SMTP relay limit exceeded")
                    "relay limit exceeded", "sending limit exceeded",
                    // Chinese webmail's sender limits ("发件人当天内累计邮件数量超过限制": the sender's mail count for the
                    // day is over the limit; "发信频率过快": sending too fast)
                    "邮件数量超过限制", "发信频率过快", "发送频率过快",
                    // Exchange Online's recipient limits ("550 5.2.122 Recipient's per hour message receive limit
                    // exceeded") and Outlook.com's sender limits ("421 RP-001 ... We have limits for how many messages
                    // can be sent per hour and per day"; Microsoft's NDR reference for 5.2.121/5.2.122)
                    "message receive limit", "limits for how many messages"),
            // 2. the mailbox and its domain
            Row.of(Reason.HAS_MOVED, "has moved", "has been replaced by", "address has changed", "moved permanently", "no longer with",
                    "has been moved", "mailbox owner has changed", "changed email address"),
            Row.of(Reason.MAILBOX_FULL, "mailbox full", "mailbox is full", "mailbox is over", "over quota", "overquota",
                    // Postfix local(8) past mailbox_size_limit: "cannot update mailbox /var/mail/ann for user ann. error
                    // writing message: File too large" (the file size limit it sets, EFBIG), before the size rows' "too large"
                    "error writing message: file too large",
                    "quota exceeded", "exceeded quota", "exceeds quota", "quota exceed", "exceeded storage",
                    "mailbox size limit", "full mailbox", "user's mailbox is full", "out of storage", "storage quota",
                    "inbox is full", "mailfolder is full", "mail box full", "account is full", "mailbox has exceeded",
                    "mailbox would exceed", "would exceed mailbox", "exceeded the quota", "over the quota", "over its quota",
                    "disk quota", "insufficient quota", "quota full", "mailbox exceeded", "box is full",
                    "not enough storage space", "too much mail", "size limit for the mailbox", "maildir over",
                    "quota usage exceeded", "mailbox quota",
                    // XMail's ERR_MAILBOX_SIZE ("User maximum mailbox size reached", its Errors.cpp)
                    "maximum mailbox size",
                    // WEB.DE's bilingual refusal ("Benutzer hat das Speichervolumen ueberschritten. / User has
                    // exhausted allowed storage space.")
                    "exhausted allowed storage space", "speichervolumen ueberschritten", "speichervolumen überschritten",
                    // Yandex's "Mailbox size exceeded" (yandex.com/support/mail/bounces/yandex.html)
                    "mailbox size exceeded",
                    "exceeds allowed size", "quota violation", "destinataire pleine",
                    "邮箱已满", "空间已满", "容量已满", "空间不足", "信箱已满", "郵箱已滿", "ящик переполнен",
                    "превышена квота", "превышен размер почтового ящика", "boîte pleine", "boite pleine", "quota dépassé",
                    "postfach voll", "postfach ist voll", "mailbox voll", "quota überschritten", "buzón lleno",
                    "buzón está lleno", "cuota excedida", "casella piena", "casella di posta piena", "quota superata",
                    "caixa postal cheia", "caixa de correio cheia", "caixa cheia", "cota excedida", "mailbox vol",
                    "brevlådan är full", "skrzynka pełna", "skrzynka jest pełna", "schránka je plná",
                    // Danish, Norwegian, Finnish, Hungarian, Turkish, Romanian and Greek
                    "postkassen er fuld", "postkassen er full", "postilaatikko on täynnä", "postafiók megtelt",
                    "posta kutusu dolu", "căsuța poștală este plină", "casuta postala este plina",
                    "γραμματοκιβώτιο είναι γεμάτο",
                    // MailEnable's "rejected because it would exceed the quota for the mailbox"; French ISPs'
                    // "boîte aux lettres pleine"; Japanese notices ("メールボックスの容量がいっぱいです")
                    "exceed the quota", "boîte aux lettres pleine", "boite aux lettres pleine",
                    "容量がいっぱい", "容量オーバー", "容量を超え", "メールボックスがいっぱい",
                    // Korean portals' ("메일함 용량이 초과되었습니다", "메일함이 가득 찼습니다")
                    "용량이 초과", "용량 초과", "메일함이 가득")
                    .pairs("mailbox...full", "over...quota", "quota...exceeded", "disk...quota", "mailbox...quota",
                            "maildir...quota", "account is...quota", "quota...reached",
                            // French notices' "La boîte aux lettres du destinataire est pleine"
                            "boîte aux lettres...pleine", "boite aux lettres...pleine"),
            Row.of(Reason.SUSPEND, "account disabled", "account has been disabled", "account is disabled",
                    "mailbox disabled", "mailbox has been disabled", "mailbox is disabled", "account is inactive",
                    "mailbox is inactive", "due to inactivity", "inactive account", "inactive mailbox", "account inactive", "mailbox inactive",
                    "account suspended", "mailbox suspended", "user suspended", "has been suspended",
                    "is suspended", "temporary locked", "temporarily locked", "account has been locked", "account is locked", "account locked", "deactivated",
                    "temporarily disabled", "is not active", "account expired", "account has expired", "mailbox is frozen",
                    "not accepting mail at this time", "account is unavailable", "recipient suspended", "is disabled",
                    // an account that exists but takes no mail now (Sisimai's reading, and the labels')
                    "unavailable or access denied", "no longer accepts mail", "currently suspended", "archived recipient",
                    "user is terminated", "temporarily inactive", "suspend the service", "disabled or discontinued",
                    "user or domain is disabled", "invalid/inactive user", "deactivated mailbox",
                    // Korean portals' "550 5.1.1 Suspended user" / "Inactive mbox" (their published bounce lists)
                    "suspended user", "inactive mbox"),
            // Exchange 5.5's IMS "the recipient's destination email system is unknown or invalid" (a host or
            // domain it could not resolve; KB Q-articles list it under 5.1.2): before the user-unknown row, whose
            // "is unknown" it also contains
            Row.of(Reason.HOST_UNKNOWN, "destination email system is unknown",
                    // Exchange's "554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain": the user row's
                    // "nonexistent" would take it for a mailbox
                    "nonexistentdomain", "nonexistent domain", "non-existent domain"),
            Row.of(Reason.USER_UNKNOWN, "user unknown", "unknown user", "no such user", "no such mailbox",
                    // qmail's badrcptto/validrcptto patches, vpopmail, Courier, appliances, and the French,
                    // Spanish and Italian texts of some MTAs
                    "badrcptto", "badrecipientto", "validrcptto", "unknown virtual user", "missing home directory",
                    "destination server rejected recipients", "email address could not be found", "address you entered could not be found",
                    "is not an active address", "not a valid recipient", "recipient is not local",
                    // Exchange Online's newer text ("joe wasn't found at far.example"), a site's "the destination
                    // address was not found"
                    "was not found at", "destination address was not found",
                    "envelope recipient has been denied", "email name is not found",
                    "user not active", "bad recipient", "no such person",
                    "no one at this address", "recipient not ok", "mailbox is unavailable",
                    "utilisateur inconnu", "no existe dicha persona", "no existe ese usuario", "nessun utente simile",
                    "mailbox not found", "recipient not found", "user not found", "recipient unknown", "unknown recipient",
                    "invalid recipient", "recipient address rejected: user", "recipient address rejected: unknown",
                    "recipient address rejected: undeliverable", "recipient address rejected: invalid",
                    "recipient address rejected: no such", "recipient address rejected: account",
                    "recipient address rejected: access denied", "mailbox does not exist",
                    "account does not exist", "address does not exist", "user does not exist",
                    "recipient does not exist", "does not exist here", "doesn't have a", "does not have an account",
                    "not a valid mailbox", "invalid mailbox", "no mailbox", "bad destination mailbox", "unknown local part",
                    "unknown address", "address unknown", "no such recipient", "no such address", "unknown mailbox",
                    "mailbox unknown", "user invalid", "invalid address", "address invalid", "not a known user",
                    "unknown or illegal alias", "unknown or illegal user", "unknown local user", "unknown alias", "no such local user", "user is unknown", "not our customer",
                    "no account by that name", "nonexistent", "non-existent", "not exist", "addressee unknown",
                    "recipient rejected", "rejected: recipient", "invalid user", "undeliverable address", "bad address",
                    "address not found", "no longer available", "no longer valid", "is not a valid", "no valid recipients",
                    "email account that you tried to reach does not exist", "mailbox unavailable",
                    "mailbox not available", "user unknown in", "no mailbox here",
                    // "couldn't find" alone would also be "could not find a gateway" (a routing failure)
                    "couldn't find the recipient", "couldn't find the user", "couldn't find that user",
                    "couldn't find the mailbox", "couldn't find the address", "couldn't find that address",
                    "couldn't find a mailbox", "is unknown", "recipnotfound", "recipient no longer",
                    // the same in the notices of Chinese webmail (Coremail/NetEase, Sina, QQ), Russian MTAs and
                    // French banners ("收件人不存在", "Пользователь не найден", "Adresse inconnue")
                    "用户不存在", "收件人不存在", "邮箱不存在", "帐号不存在", "账号不存在", "账户不存在", "地址不存在",
                    "用戶不存在", "пользователь не найден", "нет такого пользователя", "адресат не найден",
                    "получатель не найден", "пользователь не существует", "адрес не существует", "ящик не существует",
                    "неизвестный пользователь", "неизвестный адресат", "adresse inconnue", "destinataire inconnu",
                    // German, Spanish, Italian, Portuguese, Dutch, Swedish, Polish, Czech and Turkish MTA texts
                    "benutzer unbekannt", "unbekannter benutzer", "empfänger unbekannt", "unbekannter empfänger",
                    "postfach existiert nicht", "benutzer existiert nicht", "empfänger existiert nicht",
                    "usuario desconocido", "usuario no existe", "destinatario desconocido", "buzón no existe",
                    "utente sconosciuto", "utente inesistente", "destinatario sconosciuto", "casella inesistente",
                    "usuário desconhecido", "usuário inexistente", "destinatário desconhecido", "onbekende gebruiker",
                    "gebruiker onbekend", "okänd mottagare", "användaren finns inte", "nieznany użytkownik",
                    "użytkownik nie istnieje", "neznámý uživatel", "bilinmeyen kullanıcı",
                    // Turkish, Danish, Norwegian, Finnish, Hungarian, Romanian and Greek
                    "kullanıcı bulunamadı", "brugeren findes ikke", "ukendt modtager", "brukeren finnes ikke",
                    "ukjent mottaker", "käyttäjää ei ole olemassa", "tuntematon käyttäjä", "tuntematon vastaanottaja",
                    "ismeretlen felhasználó", "ismeretlen címzett", "utilizator necunoscut", "destinatar necunoscut",
                    "άγνωστος χρήστης", "άγνωστος παραλήπτης",
                    // CompuServe's "Receiver not found: name"; Lotus Domino's and Notes' directory refusal, in
                    // English and in Domino's German template ("ist nicht im Domino-Verzeichnis aufgeführt");
                    // Japanese notices ("宛先のメールアドレスは存在しません", "宛先不明")
                    "mailbox has been closed", "account has been closed", "account has been cancelled",
                    "account has been canceled",
                    // InterMail's "The following destination addresses were unknown"
                    "destination addresses were unknown", "destination address was unknown",
                    // a postmaster's own words for a mailbox that is gone ("her mailbox has been removed")
                    "mailbox has been deleted", "mailbox was deleted", "mailbox has been removed",
                    "account has been deleted", "account was deleted", "account has been removed",
                    "receiver not found", "not listed in domino directory", "not listed in public name & address book",
                    "nicht im domino-verzeichnis", "アドレスは存在しません", "アドレスが存在しません",
                    "ユーザは存在しません", "ユーザーは存在しません", "ユーザが存在しません", "ユーザーが存在しません", "宛先不明",
                    // Korean portals' ("받는 사람의 메일 주소가 존재하지 않습니다", "존재하지 않는 사용자")
                    "주소가 존재하지 않", "사용자가 존재하지 않", "계정이 존재하지 않", "존재하지 않는 사용자",
                    "존재하지 않는 계정", "존재하지 않는 메일 주소")
                    .pairs("user...was not found", "recipient...was not found", "user...does not exist",
                            "unknown e...mail address", "account for this address...has been closed",
                            // cc:Mail's SMTP gateway: "User bwalsh is not defined in the cc:Mail directory"
                            "user...is not defined in"),
            Row.of(Reason.NOT_ACCEPT, "null mx", "nullmx", "does not accept mail", "doesn't receive email",
                    "not accepting mail", "accepts no mail", "no mail accepted",
                    "does not accept email"),
            Row.of(Reason.HOST_UNKNOWN, "host unknown", "does not appear to be registered", "unknown host", "domain not found", "no such domain",
                    "host not found", "name or service not known", "domain does not exist",
                    "unrouteable mail domain", "host or domain name not found", "nxdomain", "no mx",
                    "domain name not found", "unknown domain", "invalid domain", "domain couldn't be found",
                    "domain name you entered could not be found", "domain you entered could not be found", "domain is not", "no route for", "hostname not found",
                    "name server timeout", "no such host",
                    "domain isn't in my list", "not in my list of allowed rcpthosts", "domain is invalid",
                    "unrouteable address", "domain is not reachable",
                    // Apache James's RemoteDelivery ("There are no DNS entries for the hostname X.  I cannot
                    // determine where to send this message.", which its own DSN mailet reports as 5.1.2)
                    "no dns entries for the hostname",
                    // hMailServer's SMTPDeliverer when the domain has no MX and no A record ("No mail servers appear
                    // to exists for the recipient's address.")
                    "no mail servers appear to exist")
                    // "Host nowhere.example not found", "destination computer was not found"
                    .pairs("host...not found", "destination computer...not found"),
            // 3. relaying, the sender, the sending host
            Row.of(Reason.NO_RELAYING, "relay access denied", "relaying denied", "relaying not allowed",
                    "not permitted to relay", "relay not permitted", "unable to relay", "we do not relay",
                    "relay denied", "relaying mail to", "not a gateway", "relay not allowed", "cannot relay",
                    "relay prohibited", "relaying prohibited", "relay is not allowed", "no relaying",
                    // Haraka's reply when no rcpt plugin accepted the address (connection.js: "No plugin determined
                    // if relaying was allowed"): a domain not in its host_list from a client not allowed to relay
                    "i cannot deliver mail for")
                    // Exim 3's "550 relaying to <a@b> prohibited by administrator", before the policy row's "prohibited"
                    .pairs("relaying to...prohibited"),
            Row.of(Reason.REJECTED, "sender domain", "invalid sender", "bad sender", "sender is not",
                    "sender not", "unverified sender", "sender address is", "envelope sender", "return path",
                    "mail from address", "sender denied", "sender unknown", "sender blocked", "sender address",
                    // Coremail's refusals of a forged or refused sender ("Requested mail action not taken: Fake
                    // sender", "sender is rejected": its bounce help pages, icoremail.vip/support)
                    "fake sender", "sender is rejected"),
            // Gmail's spam refusal says why before it says "blocked" ("550-5.7.1 ... Our system has detected that
            // this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has
            // been blocked.", support.google.com/mail/answer/188131)
            Row.of(Reason.SPAM_DETECTED, "likely unsolicited mail"),
            // a recipient's own list of refused senders is the recipient's filter, not a block list of hosts
            // ("550 5.7.1 rejected by recipient's block list", as Korean and Japanese webmail word their 수신거부/拒否 lists)
            Row.of(Reason.FILTERED, "recipient's block list", "recipient's blocklist", "recipient's blacklist",
                    "recipient's blocked senders"),
            Row.of(Reason.BLOCKED, "blocked using", "blacklisted", "blacklist", "blocklist", "block list",
                    "listed at", "listed on", "listed in", "spamhaus", "spamcop", "sorbs", "barracudacentral",
                    "dnsbl", "rbl", "client host rejected", "client host", "your ip", "ip address", "invalid ip",
                    "has been blocked", "is blocked", "are blocked", "been blocked", "host blocked", "banned",
                    "refused to talk", "not allowed to send", "connection refused by", "blocked by", "dynamic ip",
                    "dial-up", "dialup", "residential", "residential ip", "poor ip", "from this ip", "network is blocked",
                    "your server", "your host", "connecting host", "connection rejected", "temporarily blocked",
                    "no access from mail server",
                    // Trend Micro's Email Reputation Services ("Temporary denial of connection (450) for Zombie
                    // matches (ERS)", docs.trendmicro.com, Deep Discovery Email Inspector's SMTP error codes)
                    "denial of connection", "not allowed to connect",
                    // Aruba's (Italy) "Indirizzo IP bloccato temporaneamente per sospetto abuso" (guide.pec.it)
                    "indirizzo ip bloccato",
                    // Coremail's refusal of the connecting IP ("554 IP is rejected")
                    "ip is rejected"),
            // 4. content
            Row.of(Reason.SPAM_DETECTED, "spam", "junk mail", "bulk mail", "unsolicited", "classified as junk",
                    "message content rejected", "content rejected", "looks like", "suspicious", "scam", "phish"),
            Row.of(Reason.EXCEED_LIMIT, "message length exceeds administrative limit", "exceeds the size limit for",
                    "size limit of the recipient", "exceeds recipient's size limit"),
            Row.of(Reason.MESG_TOO_BIG, "message too big", "message is too big", "message too large",
                    "maximum incoming message size", "max message size", "taille limite du message",
                    "message is too large", "message size exceeds", "size exceeds", "exceeds size limit",
                    "exceeds the maximum", "exceeded maximum", "message size limit", "too large", "size limit",
                    "larger than", "message length exceeds", "line limit exceeded",
                    // the same in German, French, Spanish, Italian, Portuguese, Dutch, Polish, Russian, Chinese and
                    // Japanese notices ("Nachricht ist zu groß", "message trop volumineux", "превышает максимально
                    // допустимый размер", "邮件大小超过限制", "メールサイズが大きすぎます")
                    "zu groß", "überschreitet die maximale", "trop volumineux", "dépasse la taille", "demasiado grande",
                    "excede el tamaño", "troppo grande", "supera la dimensione", "muito grande", "excede o tamanho",
                    "te groot", "za duża", "przekracza maksymalny rozmiar", "превышает максимально допустимый размер",
                    "превышен допустимый размер", "слишком большой размер", "слишком большое", "邮件过大", "邮件大小超过",
                    "サイズが大きすぎ", "サイズ制限"),
            Row.of(Reason.CONTENT_ERROR, "content type", "content-type", "mime type", "mime-version", "invalid mime", "invalid header",
                    "malformed", "illegal header", "message header", "line too long", "8bit"),
            // Exim's reply to an ACL "deny" given no message of its own (acl.c): the site's rules refused it, words
            // that do not say whom they refuse (in answer to MAIL FROM, the sender)
            Row.vague(Reason.POLICY_VIOLATION, "administrative prohibition"),
            Row.of(Reason.POLICY_VIOLATION, "policy violation", "violates", "violation of", "prohibited", "not allowed",
                    "local policy", "security policy", "policy", "attachment", "forbidden", "not permitted"),
            Row.of(Reason.FILTERED, "filtered", "filter", "refused by recipient", "recipient refuses",
                    "user refuses", "rejected by recipient", "recipient does not accept", "has refused", "refuses to accept",
                    "denied by", "does not want", "declined", "not authorized to receive", "not authorized",
                    "restricted", "only accepts mail from", "only accepting mail from", "accepts mail only from", "only accept mail from", "rejected by user", "blocked the sender"),
            // 5. system, network, queue, protocol
            Row.of(Reason.SYSTEM_FULL, "insufficient system storage", "system storage", "disk full", "out of disk",
                    "system is full", "mail system full", "insufficient storage", "no space left", "disk space",
                    "file system full", "filesystem full"),
            Row.of(Reason.MAILER_ERROR, "x-unix", "command not found", "pipe to", "program", "command failed:",
                    "local delivery failed", "exit code", "mailer error", "command died", "local mailer",
                    "command output", "error in processing", "delivery to file", "unknown mailer"),
            Row.of(Reason.EXPIRED, "connection timed out", "did not accept our requests to connect", "host not reachable",
                    "delivery time expired", "message expired", "retry timeout exceeded",
                    "retry time", "giving up", "gave up", "too long in queue", "in the queue too long",
                    "could not be delivered for", "has been delayed", "delivery attempts will continue",
                    "time limit", "message timed out", "queue lifetime", "maximum time", "expired", "were not delivered")
                    // MMDF and smaller MTAs: "After 12 days (288 hours), your message could not be fully delivered";
                    // Netscape/iPlanet-style notices: "Your message was not delivered within 5 days: Host ... is not responding."
                    .pairs("after...days", "not delivered within...days"),
            Row.of(Reason.NETWORK_ERROR, "connection refused", "network is unreachable",
                    "no route to host", "lost connection", "connection reset", "mail loop", "loops back",
                    // OpenSMTPD's "500 5.4.6 ... Loop detected" (its smtp_session.c)
                    "loop detected",
                    "too many hops", "hop count", "routing loop", "dns lookup", "dns error", "lookup failure",
                    "host unreachable", "could not connect", "unable to connect", "connection dropped",
                    "timed out", "timeout", "dns failure", "temporary lookup failure",
                    "connection closed", "broken pipe", "read error", "write error", "network error",
                    "name service error"),
            Row.of(Reason.SYSTEM_ERROR, "system error", "internal error", "server error", "local error",
                    "configuration error", "misconfigur", "service unavailable", "system problem", "transaction failed",
                    "temporarily unavailable", "unavailable", "server busy", "resources",
                    "server is busy", "internal server", "system failure", "local problem",
                    // the receiving system's store failed (Scalix's "unable to open the user's message store", "temporary
                    // mail store failure")
                    "message store", "mail store",
                    // RFC 5321 4.2.3's own 421 text, which Yahoo sends when its servers are busy
                    "service not available"),
            Row.vague(Reason.SECURITY_ERROR, "access denied", "insecure", "auth required", "security"),
            Row.of(Reason.SYNTAX_ERROR, "syntax error", "command unrecognized", "unrecognized command",
                    "bad sequence", "sequence of commands", "command not recognized", "unknown command", "invalid command",
                    "command not implemented", "parameter not implemented",
                    // Postfix's and Exim's refusals of a client that talks before its turn (RFC 2920 pipelining rules)
                    "protocol synchronization", "synchronization error", "improper use of smtp command pipelining"));

    /**
     * Texts too vague to decide before the status code does ("Recipient address rejected: Media error"
     * is a content error by its 5.6.0): consulted only when neither a phrase nor a status decided.
     */
    static final List<Row> WEAK_ROWS = List.of(
            Row.of(Reason.USER_UNKNOWN, "recipient address rejected"));

    private PhraseTable() {}

    private static final PhraseMatcher MATCHER = new PhraseMatcher(ROWS);
    private static final PhraseMatcher WEAK_MATCHER = new PhraseMatcher(WEAK_ROWS);

    /** First matching row over {@code lowerText}, or null. */
    public static Match match(String lowerText) {
        return MATCHER.match(lowerText);
    }

    /** First matching row of the weak texts, or null. */
    public static Match matchWeak(String lowerText) {
        return WEAK_MATCHER.match(lowerText);
    }

    /**
     * The plain definition, row by row and phrase by phrase, both sides spelt plainly (see
     * {@link #plainSpelling}); the matcher must give the same answer.
     */
    static Match matchByScanning(List<Row> rows, String lowerText) {
        String text = plainSpelling(lowerText);
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            for (String p : row.phrases()) {
                if (text.contains(plainSpelling(p))) return new Match(row.reason(), p, row.vague(), r);
            }
            for (Pair p : row.pairs()) {
                if (p.plainSpelling().in(text)) return new Match(row.reason(), p.toString(), row.vague(), r);
            }
        }
        return null;
    }

    /**
     * A lowercase text spelt one way, so that a phrase matches whichever way a server writes it: negative
     * contractions written out ("couldn't" and "could not", "doesn't" and "does not", "can't" and "cannot",
     * "won't" and "will not"; a typographic apostrophe, U+2019 as HTML notices and their plain-text renderings
     * write it, counts as "'"), and "e-mail" as "email". The text itself when it holds neither an apostrophe
     * nor "e-mail" (most do not: no copy).
     */
    static String plainSpelling(String lower) {
        String t = lower.contains("e-mail") ? lower.replace("e-mail", "email") : lower;
        if (t.indexOf('\'') < 0 && t.indexOf('\u2019') < 0) return t;
        t = t.replace('\u2019', '\'');
        if (t.indexOf("n't") < 0) return t;
        StringBuilder out = new StringBuilder(t.length() + 16);
        int from = 0;
        for (int i = t.indexOf("n't"); i >= 0; i = t.indexOf("n't", from)) {
            boolean wordEnds = i + 3 >= t.length() || !Character.isLetter(t.charAt(i + 3));
            if (!wordEnds || i == 0 || !Character.isLetter(t.charAt(i - 1))) {
                out.append(t, from, i + 3);
            } else if (t.startsWith("ca", i - 2) && (i < 3 || !Character.isLetter(t.charAt(i - 3)))) {
                out.append(t, from, i).append("nnot");                        // can't -> cannot
            } else if (t.startsWith("wo", i - 2) && (i < 3 || !Character.isLetter(t.charAt(i - 3)))) {
                out.append(t, from, i - 2).append("will not");                 // won't -> will not
            } else {
                out.append(t, from, i).append(" not");                         // couldn't -> could not
            }
            from = i + 3;
        }
        return out.append(t, from, t.length()).toString();
    }
}
