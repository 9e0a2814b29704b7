package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.Dialect;
import bouncemx.parse.FixedTexts;
import bouncemx.parse.Limits;
import bouncemx.parse.MimePart;
import bouncemx.parse.ParseResult;
import bouncemx.parse.ReasonTexts;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.Senders;
import bouncemx.parse.SmtpCommands;
import bouncemx.parse.TextScan;
import bouncemx.parse.rfc3464.DeliveryStatus;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static bouncemx.parse.ReasonTexts.row;

/**
 * Exim (versions 2.x to 4.9x, and the hosting-provider builds that keep its bounce_message layout). Built
 * from the texts of exim/src/deliver.c and the default bounce and warning templates:
 * <pre>
 * This message was created automatically by mail delivery software.
 * A message that you sent could not be delivered to one or more of its
 * recipients. This is a permanent error. The following address(es) failed:
 *                                      (also "A message sent by\n\n  &lt;sender&gt;\n\ncould not be delivered ...",
 *                                       and Exim 2/3's "... to all of its recipients")
 *   user@example.jp                              two spaces: one failed address (or "pipe to |cmd",
 *     (ultimately generated from alias@example.jp)   "save to /file", "an undisclosed address")
 *     SMTP error from remote mail server after RCPT TO:&lt;user@example.jp&gt;:
 *     host mx.example.jp [192.0.2.1]: 550 5.1.1 ... User Unknown
 * The following text was generated during the delivery attempt:   (pipe/filter output, per address)
 * ------ This is a copy of the message, including all the headers. ------
 * </pre>
 * the delay warning ("A message that you sent has not yet been delivered to one or more of its recipients
 * after more than ... on the queue", "Delay reason: ..."; Action delayed), the malformed-address notice
 * ("... contained one or more recipient addresses that were incorrectly constructed:") and the
 * multipart/report form (boundary "-eximdsn-") whose message/delivery-status part adds Status and
 * Remote-MTA. Per address it reads the failed SMTP command ("after RCPT TO", "after MAIL FROM", "after
 * end of data", "after initial connection", "after EHLO"), the remote host, and the remote server's reply
 * as the diagnostic text. A reason hint is given only for Exim's own fixed failure texts (a local
 * delivery or router message with no remote reply), such as "retry timeout exceeded" or "Unrouteable
 * address". Addresses are taken from X-Failed-Recipients (which Exim writes) when the body lists none.
 *
 * <p>Returns NOT_MINE unless the headers look like an Exim notice and the body has one of Exim's own
 * template lines; it yields to providers whose Exim builds have their own dialect (Mail.Ru, MXLogic).
 * Undecodable when it is an Exim notice with no recipient at all. Stateless, thread-safe.
 */
public final class EximDialect implements Dialect {

    /** Lowercase Subject texts of Exim notices (deliver.c, moan.c); a cheap gate, the body decides. */
    static final List<String> SUBJECTS = List.of("mail delivery failed", "warning: message", "mail failure",
            "message frozen", "error(s) in forwarding or filtering", "delivery status notification");

    /**
     * Exim's own template lines (lowercase, blanks folded); one of them must be in the body. The delay
     * warning and the malformed-address notice start differently from the bounce.
     */
    private static final List<String> BODY_MARKERS = List.of(
            "this message was created automatically by mail delivery software",
            "the following address(es) failed",
            "could not be delivered to one or more of its recipients",
            "has not yet been delivered to one or more of its recipients",
            "recipient addresses that were incorrectly constructed",
            "was rejected by the local scanning code",
            "router encountered the following error(s)");

    /** Texts of the delay warning (deliver.c, "warning_message_file" default): every address is delayed. */
    private static final List<String> DELAY_MARKERS = List.of(
            "has not yet been delivered to one or more of its recipients", "delay reason:");

    /** {@link #BODY_MARKERS} looked for in one pass (FixedTexts: under C1 a contains per text was a plain loop each). */
    private static final FixedTexts BODY_TEXTS = new FixedTexts(BODY_MARKERS);

    /** {@link #DELAY_MARKERS} looked for in one pass (FixedTexts: under C1 a contains per text was a plain loop each). */
    private static final FixedTexts DELAY_TEXTS = new FixedTexts(DELAY_MARKERS);

    /**
     * Providers whose Exim builds add their own preface or layout and have a dialect of their own, which
     * must decode them: Mail.Ru (a Russian preface before Exim's text; Sisimai's Exim module also leaves
     * it out) and MXLogic/McAfee ("mxl~" message ids, X-MXL-* headers).
     */
    private static final List<String> DEFER_DOMAINS = List.of("mail.ru", "mxlogic.net");
    private static final List<String> DEFER_HEADERS = List.of("x-mxl-notehash", "x-mxl-hash");

    /** Lines where the returned message (or its headers) starts: nothing after them is read. */
    private static final List<String> ORIGINAL_SEPARATORS = List.of("------ This is a copy of", "----- This is a copy of",
            "------ The body of the message is", "------ This is a copy of the message's headers");

    /** deliver.c: the prefix of the last temporary error in a delay warning. */
    private static final String DELAY_REASON = "Delay reason:";

    /** deliver.c: text that a pipe or filter wrote during delivery follows this line, per address. */
    private static final String GENERATED_TEXT = "The following text was generated during the delivery attempt";

    /** "SMTP error from remote mail server after RCPT TO:<a@b>:" and its LMTP and Exim 2/3 forms. */
    private static final Pattern SMTP_ERROR = Pattern.compile(
            "(?:SMTP|LMTP)\\s+error\\s+(?:from\\s+remote\\s+(?:mail\\s+server|mailer|server)\\s+)?(?:after|for)\\s+"
                    + "(?:pipelined\\s+)?(RCPT\\s+TO:\\s*<[^>]*>(?:\\s+[A-Za-z-]+=\\S*)*|MAIL\\s+FROM:\\s*<[^>]*>(?:\\s+[A-Za-z-]+=\\S*)*"
                    + "|end\\s+of\\s+data|initial\\s+connection|(?:EHLO|HELO|LHLO)(?:\\s+[^\\s:]+)?|DATA|BDAT[^:]*"
                    + "|STARTTLS|AUTH[^:]*|[A-Za-z][A-Za-z ]{0,30}?)\\s*:\\s*");

    /** "... in response to end of data": the command a connection or timeout failure happened at. */
    private static final Pattern RESPONSE_TO = Pattern.compile(
            "in\\s+response\\s+to\\s+(?:pipelined\\s+)?(RCPT|MAIL|end\\s+of\\s+data|DATA|BDAT|initial\\s+connection|EHLO|HELO|LHLO)");

    /** "host mx.example.jp [192.0.2.1]" with an optional colon (transports/smtp.c). */
    private static final Pattern HOST = Pattern.compile("host\\s+([^\\s\\[\\]]+)\\s+\\[([^\\]]*)\\]:?");

    /** "(generated from a@b)", "(ultimately generated from a@b)", "generated by a@b" (deliver.c). */
    private static final Pattern GENERATED = Pattern.compile(
            "^(?:\\((?:ultimately )?generated from\\s+(.+?)\\)|generated by\\s+(\\S+))");

    /** A header line of the generated-text section: "------ address ------" (may end on the next line). */
    private static final Pattern GENERATED_HEADER = Pattern.compile("^------ (.*?)(?: ------)?$");

    /** The failed SMTP command named in Exim's error text; first matching prefix wins. */
    private static final SmtpCommands.Table COMMANDS = SmtpCommands.table(
            "RCPT", "RCPT", "MAIL", "MAIL", "end", "DATA",
            "DATA", "DATA", "BDAT", "BDAT",
            "initial", "CONN", "EHLO", "EHLO",
            "HELO", "HELO", "LHLO", "EHLO");

    /**
     * Exim's own failure texts (no remote reply) that name their cause, in the order tried. Sources:
     * parser.c (address syntax), deliver.c (forbidden pipe/file), transports/pipe.c (a failed pipe),
     * transports/appendfile.c (quota), routers/dnslookup.c and route.c (routing), retry.c and transports/smtp.c
     * (giving up); last, the usual words of an alias's ":fail:" text.
     */
    private static final ReasonTexts OWN_TEXTS = ReasonTexts.of(
            row(Reason.SYNTAX_ERROR, "malformed address:", "angle-brackets nested too deep",
                    "domain missing in source-routed address", "expected word or \"<\""),
            row(Reason.SYSTEM_ERROR, "delivery to file forbidden", "delivery to pipe forbidden"),
            // transports/pipe.c puts this bland text in place of any failed pipe command's own error: the local
            // delivery program failed, whether the pipe was an alias's "|command" or a router's own pipe transport
            row(Reason.MAILER_ERROR, "local delivery failed"),
            row(Reason.CONTENT_ERROR, "too many \"received\" headers"),
            row(Reason.MAILBOX_FULL, "mailbox is full"),
            row(Reason.HOST_UNKNOWN, "all relevant mx records point to non-existent hosts",
                    "unrouteable address", "all host address lookups failed permanently"),
            row(Reason.NOT_ACCEPT, "an mx or srv record indicated no smtp service",
                    "no host found for existing smtp connection"),
            // retry.c also names the domain: "all hosts for 'example.com' have been failing for a long time"
            row(Reason.EXPIRED, "retry timeout exceeded", "have been failing for a long time",
                    "after a long failure period"),
            // a redirect router's ":fail:" text (an alias file's "name: :fail: No such user here"): the address was
            // refused by this host's own routing, not by a remote server or a filter after DATA
            row(Reason.USER_UNKNOWN, "no such user", "unknown user", "user unknown"));

    private final Limits limits;

    public EximDialect(Limits limits) { this.limits = limits; }

    public EximDialect() { this(Limits.DEFAULT); }

    @Override
    public String name() { return "exim"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!looksLikeExim(m)) return ParseResult.NOT_MINE;
        String text = m.mainText();
        if (text.indexOf('\r') >= 0) text = text.replace("\r", "");
        String head = TextScan.foldLowerHead(text, 16384);
        if (!BODY_TEXTS.anyIn(head)) return ParseResult.NOT_MINE;
        boolean delayed = DELAY_TEXTS.anyIn(head);

        List<Entry> entries = entries(text);
        List<String> failedHeader = failedRecipientsHeader(m);
        List<DeliveryStatus.Fields> dsn = dsnBlocks(m);
        String reportingMta = reportingMta(m);

        List<RecipientStatus> out = new ArrayList<>();
        if (entries.isEmpty()) {
            for (String a : failedHeader) {
                out.add(RecipientStatus.builder().address(a, "header").action(delayed ? "delayed" : "failed")
                        .reportingMta(reportingMta).build());
            }
        }
        int used = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            String address = e.address;
            String source = "text";
            if (address.isEmpty()) address = e.alias;
            if (address.isEmpty()) {
                // a pipe or file delivery: Exim lists the parent address in X-Failed-Recipients
                if (failedHeader.size() == entries.size()) address = failedHeader.get(i);
                else if (used < failedHeader.size()) address = failedHeader.get(used);
                used++;
                source = "header";
            }
            if (address.isEmpty()) continue;
            out.add(recipient(e, address, source, delayed, reportingMta, dsnFor(dsn, e, i, entries.size())));
        }
        if (entries.isEmpty() && failedHeader.isEmpty()) {
            // Exim's wording without its indented address list: a provider that rewrote the list (GMX,
            // 1&1 and Zoho write it unindented) and whose own dialect reads it
            return ParseResult.NOT_MINE;
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "Exim notice without a recipient");
        return new ParseResult.Decoded(name(), new Report(Report.Kind.DELIVERY, reportingMta, "", "", out, null));
    }

    private static boolean looksLikeExim(BounceMessage m) {
        String from = m.fromLower();
        String sender = Addresses.first(from);
        String domain = sender.substring(sender.lastIndexOf('@') + 1);
        for (String d : DEFER_DOMAINS) if (domain.equals(d) || domain.endsWith("." + d)) return false;
        for (String h : DEFER_HEADERS) if (m.headers().has(h)) return false;
        String mid = m.headers().get("message-id");
        if (mid != null && mid.trim().startsWith("<mxl~")) return false;
        return m.headers().has("x-failed-recipients") || TextScan.containsAny(m.subjectLower(), SUBJECTS)
                || from.contains("mailer-daemon") || from.contains("mail delivery system") || Senders.mayBeNotice(m);
    }

    /** One listed address with its indented lines. */
    private static final class Entry {
        String address = "";     // the failed address, "" for a pipe/file delivery
        String display = "";     // the entry line as written (for matching the generated-text section)
        String alias = "";       // "generated by"/"generated from" address
        boolean pipe;
        final StringBuilder text = new StringBuilder();
        final StringBuilder generated = new StringBuilder();
    }

    /**
     * The address list: it starts after the first unindented line ending in ':' once Exim's text has begun
     * (so "A message sent by\n\n  &lt;sender&gt;" is not taken for a recipient), entries are lines indented by
     * two blanks, their details lines indented further; unindented prose ends an entry.
     */
    private static List<Entry> entries(String text) {
        List<Entry> out = new ArrayList<>();
        boolean listing = false;
        boolean generatedSection = false;
        Entry current = null;
        Entry target = null;
        boolean blank = false;   // the line before was blank
        int pos = 0;
        int lines = 0;
        while (pos < text.length() && lines++ < 5000) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) eol = text.length();
            String line = TextScan.stripTrailingBlanks(text.substring(pos, eol));
            pos = eol + 1;
            if (TextScan.startsWithAny(line, ORIGINAL_SEPARATORS)) break;
            if (line.isEmpty()) {
                blank = true;
                continue;
            }
            boolean afterBlank = blank;
            blank = false;
            if (generatedSection) {
                Matcher h = GENERATED_HEADER.matcher(line);
                if (h.matches()) {
                    target = generatedTarget(out, h.group(1));
                } else if (target != null && line.trim().endsWith("------") && line.startsWith(" ")) {
                    continue; // second line of a two-line "------ pipe to ...\n  generated by ... ------" header
                } else if (target != null) {
                    if (!target.generated.isEmpty()) target.generated.append(' ');
                    target.generated.append(line.trim());
                }
                continue;
            }
            int indent = indent(line);
            // a detail line that a relay re-wrapped goes on at column 0 ("550 5.7.1 ... weren't sent." / "Please
            // contact your ..."): Exim ends its list with a blank line, so prose right under a detail line is its rest
            if (indent == 0 && current != null && !afterBlank && !current.text.isEmpty() && !line.startsWith("-")) {
                current.text.append(' ').append(line.trim());
                continue;
            }
            if (indent == 0) {
                current = null;
                if (line.startsWith(GENERATED_TEXT)) {
                    generatedSection = true;
                    target = out.size() == 1 ? out.get(0) : null;
                } else if (!listing && line.endsWith(":")) {
                    listing = true;
                }
                continue;
            }
            if (!listing) continue;
            String body = line.trim();
            if (indent <= 3 && line.charAt(0) == ' ') {
                Entry e = entryLine(body);
                if (e != null) {
                    out.add(e);
                    current = e;
                    continue;
                }
            }
            if (current == null) continue;
            Matcher g = GENERATED.matcher(body);
            if (g.find()) {
                String a = Addresses.first(g.group(1) != null ? g.group(1) : g.group(2));
                if (current.alias.isEmpty()) current.alias = a;
                continue;
            }
            if (!current.text.isEmpty()) current.text.append('\n');
            current.text.append(body);
        }
        return out;
    }

    /** Reads an entry line; null when it is not one (e.g. "  host 192.0.2.1 [192.0.2.1]" of Exim 4.00). */
    private static Entry entryLine(String body) {
        Entry e = new Entry();
        e.display = body;
        if (body.startsWith("pipe to |") || body.startsWith("save to ") || body.startsWith("|")
                || body.startsWith("/") || body.equals("an undisclosed address")) {
            e.pipe = body.startsWith("pipe to |") || body.startsWith("|");
            return e;
        }
        int sp = body.indexOf(' ');
        String first = sp < 0 ? body : body.substring(0, sp);
        if (first.indexOf('@') <= 0 && !(first.startsWith("<") && first.indexOf('@') > 1)) return null;
        String rest = sp < 0 ? "" : body.substring(sp + 1).trim();
        String address = Addresses.normalize(first);
        // parser.c: "a@b <c@d>: malformed address: <c@d> may not follow a@b" names the address <c@d>
        if (rest.startsWith("<")) {
            int gt = rest.indexOf(">:");
            if (gt > 0) {
                String inner = Addresses.normalize(rest.substring(0, gt + 1));
                if (!inner.isEmpty()) {
                    address = inner;
                    rest = rest.substring(gt + 1);
                }
            }
        }
        if (address.isEmpty()) return null;
        e.address = address;
        // "  a@b: forced freeze", "  <a@b>: 550 ..." and Exim 2's bare "  a@b:"
        int colon = first.endsWith(":") ? 0 : rest.startsWith(":") ? 1 : -1;
        if (colon >= 0) {
            String tail = colon == 0 ? rest : rest.substring(1).trim();
            if (!tail.isEmpty()) e.text.append(tail);
        }
        return e;
    }

    private static Entry generatedTarget(List<Entry> entries, String header) {
        String h = header.trim();
        for (Entry e : entries) {
            if (!e.address.isEmpty() && h.toLowerCase(Locale.ROOT).contains(e.address)) return e;
            if (e.address.isEmpty() && !e.display.isEmpty() && h.startsWith(e.display)) return e;
        }
        return entries.size() == 1 ? entries.get(0) : null;
    }

    private RecipientStatus recipient(Entry e, String address, String source, boolean delayed, String reportingMta,
                                      DeliveryStatus.Fields dsn) {
        var b = RecipientStatus.builder().address(address, source).action(delayed ? "delayed" : "failed")
                .reportingMta(reportingMta);
        String t = e.text.toString().replace(DELAY_REASON, " ").trim();
        // Exim writes "host H [ip]" and "SMTP error from remote mail server after CMD:" in either order
        // before the remote reply (transports/smtp.c); both are looked for at the start only, so that a
        // reply mentioning a host is left whole
        String remoteMta = "";
        Matcher h = HOST.matcher(t);
        if (h.lookingAt()) {
            remoteMta = h.group(1).toLowerCase(Locale.ROOT);
            t = t.substring(h.end()).trim();
        }
        String command = "";
        boolean remoteReply = false;
        Matcher s = SMTP_ERROR.matcher(t);
        if (s.lookingAt()) {
            command = command(s.group(1));
            remoteReply = true;
            t = t.substring(s.end()).trim();
            h = HOST.matcher(t);
            if (remoteMta.isEmpty() && h.lookingAt()) {
                remoteMta = h.group(1).toLowerCase(Locale.ROOT);
                t = t.substring(h.end()).trim();
            }
        }
        if (command.isEmpty()) {
            // transports/smtp.c: "Remote host closed connection in response to RCPT TO:<a@b>"
            Matcher r = RESPONSE_TO.matcher(t);
            if (r.find()) command = command(r.group(1));
        }
        if (t.startsWith(":")) t = t.substring(1).trim();
        if (t.length() > 1 && t.startsWith("\"") && t.endsWith("\"")) t = t.substring(1, t.length() - 1).trim();
        String diag = ReplyText.join(t);
        if (diag.isEmpty() && !e.generated.isEmpty()) diag = TextScan.fold(e.generated.toString());
        String reply = Codes.leadingReplyCode(diag);
        if (!reply.isEmpty()) remoteReply = true;
        b.replyCode(reply);
        b.status(Codes.status(diag));
        b.diagnostic(remoteReply ? "smtp" : e.pipe ? "x-unix" : "", diag);
        b.command(command);
        b.remoteMta(remoteMta);
        if (!remoteReply && !delayed) b.reasonHint(ownReason(diag, TextScan.fold(e.text.toString()), e.pipe));
        // retry.c appends ": retry timeout exceeded" to the last temporary reply when it gives up
        if (remoteReply && !delayed && diag.toLowerCase(Locale.ROOT).contains("retry timeout exceeded")
                && !command.equals("MAIL") && !command.equals("EHLO") && !command.equals("HELO")) {
            b.reasonHint(Reason.EXPIRED);
        }
        if (dsn != null) {
            String st = Codes.status(nz(dsn.get("status")));
            if (!st.isEmpty()) b.status(st);
            if (b.remoteMta().isEmpty()) b.remoteMta(mta(dsn.get("remote-mta")));
            String action = nz(dsn.get("action")).trim().toLowerCase(Locale.ROOT);
            if (action.equals("delayed")) b.action(action);
            if (b.diagnosticText().isEmpty()) {
                b.diagnostic("smtp", TextScan.fold(DeliveryStatus.typed(dsn.get("diagnostic-code")).value()));
                if (b.replyCode().isEmpty()) b.replyCode(Codes.leadingReplyCode(b.diagnosticText()));
            }
        }
        return b.build();
    }

    /** The reason Exim's own text states (no remote reply), or null. */
    private static Reason ownReason(String diag, String ownText, boolean pipe) {
        Reason own = OWN_TEXTS.in((diag + " " + ownText).toLowerCase(Locale.ROOT));
        if (own != null) return own;
        // the failed delivery was to a pipe: the local delivery program failed (transports/pipe.c)
        return pipe ? Reason.MAILER_ERROR : null;
    }

    private static String command(String phrase) {
        return COMMANDS.atStart(phrase);
    }

    /** X-Failed-Recipients, in order (Exim writes it for every failed address). */
    private static List<String> failedRecipientsHeader(BounceMessage m) {
        List<String> out = new ArrayList<>();
        for (String v : m.headers().all("x-failed-recipients")) {
            for (String a : v.split(",")) {
                String addr = Addresses.first(a);
                if (!addr.isEmpty() && !out.contains(addr)) out.add(addr);
            }
        }
        return out;
    }

    /** The per-recipient field blocks of the delivery-status part, in order (also address-less ones). */
    private List<DeliveryStatus.Fields> dsnBlocks(BounceMessage m) {
        MimePart p = DeliveryStatus.part(m);
        if (p == null) return List.of();
        byte[] b = p.bytes();
        return DeliveryStatus.recipientFields(b, 0, b.length, limits);
    }

    private static DeliveryStatus.Fields dsnFor(List<DeliveryStatus.Fields> blocks, Entry e, int index, int entries) {
        if (blocks.isEmpty()) return null;
        if (!e.address.isEmpty()) {
            for (DeliveryStatus.Fields h : blocks) {
                if (e.address.equals(Addresses.fromTypedField(h.get("final-recipient")))) return h;
            }
        }
        return blocks.size() == entries ? blocks.get(index) : null;
    }

    private static String reportingMta(BounceMessage m) {
        MimePart p = DeliveryStatus.part(m);
        if (p == null) return "";
        return mta(TextScan.fieldValue(p.text(), "reporting-mta"));
    }

    private static String mta(String v) { return bouncemx.parse.MtaName.of(v); }

    static int indent(String line) {
        int width = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') width++;
            else if (c == '\t') width += 8;
            else break;
        }
        return width;
    }

    private static String nz(String s) { return s == null ? "" : s; }
}
