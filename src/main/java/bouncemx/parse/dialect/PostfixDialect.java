package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.Dialect;
import bouncemx.parse.FixedTexts;
import bouncemx.parse.HeaderBlock;
import bouncemx.parse.Limits;
import bouncemx.parse.Originals;
import bouncemx.parse.ParseResult;
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

/**
 * Postfix bounce, delay and verify reports (bounce(5) templates, Postfix 2.x to 3.x, and the pre-2.3
 * reports without a delivery-status part), also when a site rebrands the intro or forwards the report as
 * plain text. Recognised by the template Subject ("Undelivered Mail Returned to Sender", "Delayed Mail
 * (still being retried)", "Mail Delivery Status Report", "Successful Mail Delivery Report") together with
 * the template body ("This is the mail system at host ...", "This is the Postfix program at host ...",
 * the centred "The mail system" line). The text part holds one entry per recipient:
 * <pre>
 * &lt;rcpt@example.com&gt; (expanded from &lt;alias@example.com&gt;): host mx.example.com[192.0.2.1] said: 550
 *     5.1.1 &lt;rcpt@example.com&gt;: Recipient address rejected: User unknown (in reply to RCPT TO command)
 * </pre>
 * From it come the remote server's own words (after "said:"), the SMTP command ("in reply to ...
 * command", "while sending RCPT TO", "refused to talk to me" and "connect to" for the connection), the
 * remote host, and the texts of local delivery ("Command output:" of a delivery program). The
 * delivery-status part, when present, gives the recipient order, Action and Status; the text entry
 * refines them (a specific code in the server's text beats a vague x.0.0 field). "--- Delivery report
 * unavailable ---" takes the recipient from the returned original's To:. Returns NOT_MINE for anything
 * else, Undecodable when a Postfix report names no recipient. Stateless, thread-safe.
 */
public final class PostfixDialect implements Dialect {

    /** Subjects of the bounce(5) templates (failure, delay, success, verify), lowercase. */
    private static final List<String> SUBJECTS = List.of("undelivered mail returned to sender",
            "delayed mail (still being retried)", "successful mail delivery report", "mail delivery status report",
            "postmaster copy: undelivered mail", "postmaster warning: delayed mail");

    /** "This is the $mail_name program at host ...": the template with a renamed mail_name, lowercase. */
    private static final Pattern NAMED_INTRO = Pattern.compile("(?m)^\\s*this is the [^\\n]{1,60}? program at host ");

    /** Template lines that open the report text (bounce(5) and older releases), lowercase. */
    private static final List<String> INTROS = List.of("this is the mail system at host", "this is the postfix program",
            "the postfix program at host", "the mail system");

    /** {@link #INTROS} looked for in one pass (FixedTexts): most messages that reach this dialect have none. */
    private static final FixedTexts INTRO_TEXTS = new FixedTexts(INTROS);

    /** postfix/src/bounce/bounce_notify_util.c writes this when the per-recipient log is gone. */
    private static final String UNAVAILABLE = "--- delivery report unavailable ---";

    /**
     * "&lt;rcpt&gt; (expanded from &lt;alias&gt;): " at the start of one folded entry; the entry's text is the
     * rest. (This head followed by {@code (.*)$} with DOTALL, matched whole, was the regex: that group
     * takes the whole rest and never fails, so the head matches the same way; looking at the head only
     * spares the regex a step per character of the text. The test keeps the whole regex to compare.)
     */
    static final Pattern ENTRY_HEAD = Pattern.compile(
            "^<([^<>]{1,320}@[^<>]{1,255})>(?: \\(expanded from <([^<>]{0,320})>\\))?: ?");
    private static final Pattern SAID = Pattern.compile("host (\\S{1,255}?)\\[[^\\]]{0,64}\\] said: ?");
    private static final Pattern REFUSED = Pattern.compile("host (\\S{1,255}?)\\[[^\\]]{0,64}\\] refused to talk to me: ?");
    private static final Pattern SESSION = Pattern.compile(
            "(?:connect to|lost connection with|conversation with) (\\S{1,255}?)\\[[^\\]]{0,64}\\]");
    /** Postfix's "(in reply to RCPT TO command)" at the end of an entry (see {@link #withoutInReply}). */
    private static final Pattern IN_REPLY_TAIL = Pattern.compile("\\(in reply to [^()]{1,40} command\\)\\s*$");
    /** Postfix's dead-destination notice in front of the cached error (qmgr); not the server's words. */
    private static final String SUSPENDED = "delivery temporarily suspended: ";

    /**
     * Where the session failed, from Postfix's own wording (smtp(8) "in reply to X command", "while
     * sending X", "while performing the X handshake"). Ordered: the most specific phrase first ("end of
     * data" before "data").
     */
    private static final SmtpCommands.Table COMMANDS = SmtpCommands.IN_REPLY_TO.then(
            "while sending rcpt to", "RCPT",
            "while sending mail from", "MAIL",
            "while sending message body", "DATA",
            "while sending end of data", "DATA",
            "while sending data command", "DATA",
            "while performing the ehlo handshake", "EHLO",
            "while performing the lhlo handshake", "EHLO",
            "while performing the helo handshake", "HELO",
            "while receiving the initial server greeting", "CONN",
            "refused to talk to me", "CONN",
            "connect to ", "CONN");

    /**
     * local(8) and pipe(8) write these when a delivery program failed with an exit status that has no
     * sysexits meaning, or ran too long: the failure is the local mailer's. (A mapped status reads "user
     * unknown. Command output: ..." or "temporary failure. Command output: ..." instead, and the program's
     * output, e.g. "Quota exceeded", is left to the classifier.)
     */
    private static final List<String> MAILER_TEXTS = List.of("command died with status", "command time limit exceeded");

    private final Limits limits;

    public PostfixDialect(Limits limits) { this.limits = limits; }

    public PostfixDialect() { this(Limits.DEFAULT); }

    @Override
    public String name() { return "postfix"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String subject = m.subjectLower();
        if (subject.contains("smtp server: errors from")) return smtpdTranscript(m);
        // its Subjects, or its intro under another Subject (a site's template) in a notice from a mail system
        if (!TextScan.containsAny(subject, SUBJECTS) && !Senders.mayBeNotice(m)) return ParseResult.NOT_MINE;
        String text = m.mainText();
        String lower = m.mainTextLower();
        if (!hasIntro(lower)) return ParseResult.NOT_MINE;
        List<Entry> entries = entries(text);
        boolean unavailable = lower.contains(UNAVAILABLE);
        if (entries.isEmpty() && !unavailable) return ParseResult.NOT_MINE;

        DeliveryStatus ds = DsnFields.find(m, text, limits);
        List<RecipientStatus> out = new ArrayList<>();
        if (ds != null && !ds.recipients().isEmpty()) {
            boolean pairAlone = ds.recipients().size() == 1 && entries.size() == 1;
            for (RecipientStatus r : ds.recipients()) {
                Entry e = match(entries, r);
                // one recipient, one entry: the same failure even when a rewrite changed the address
                out.add(merge(r, e == null && pairAlone ? entries.get(0) : e));
            }
        } else {
            String action = subject.contains("delayed mail") ? "delayed" : "failed";
            for (Entry e : entries) {
                out.add(merge(RecipientStatus.builder().address(e.address, "text").action(action)
                        .reportingMta(ds == null ? "" : ds.reportingMta()).build(), e));
            }
        }
        if (out.isEmpty() && unavailable) {
            HeaderBlock orig = Originals.returnedHeaders(m, limits);
            String to = orig == null ? "" : Addresses.first(orig.get("to"));
            if (!to.isEmpty()) {
                out.add(RecipientStatus.builder().address(to, "header").action("failed")
                        .reportingMta(ds == null ? "" : ds.reportingMta()).build());
            }
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "Postfix report without a recipient");
        Report report = ds == null ? Report.delivery(out)
                : new Report(Report.Kind.DELIVERY, ds.reportingMta(), ds.arrivalDate(), ds.originalEnvelopeId(), out, null);
        return new ParseResult.Decoded(name(), report);
    }

    /** " In:  RCPT TO:<a@b>" / " Out: 550 5.1.1 ..." lines of smtpd's transcript. */
    private static final Pattern TRANSCRIPT_LINE = Pattern.compile("^\\s*(In|Out):\\s+(.*)$");

    /**
     * smtpd's notice to the postmaster ("Subject: Postfix SMTP server: errors from host[ip]", notify_classes):
     * "Transcript of session follows." and the session as " Out: ..." (the server's replies) and " In:  ..."
     * (the client's commands). Each refused RCPT TO is a recipient; the diagnostic is the first reply of
     * 400 or more after a command, and the command the one it answered. Undecodable without a recipient.
     */
    private ParseResult smtpdTranscript(BounceMessage m) {
        String text = m.mainText();
        if (!text.contains("Transcript of session follows")) return ParseResult.NOT_MINE;
        List<RecipientStatus> out = new ArrayList<>();
        String lastCommand = "";
        String lastRcpt = "";
        String firstRcpt = "";
        String firstError = "";
        String firstErrorCommand = "";
        for (String line : text.split("\n", 2000)) {
            Matcher t = TRANSCRIPT_LINE.matcher(line);
            if (!t.matches()) continue;
            String v = t.group(2).trim();
            if (t.group(1).equals("In")) {
                String upper = v.toUpperCase(Locale.ROOT);
                lastCommand = upper.startsWith("RCPT") ? "RCPT" : upper.startsWith("MAIL") ? "MAIL"
                        : upper.startsWith("DATA") || upper.equals(".") ? "DATA" : upper.startsWith("EHLO") ? "EHLO"
                        : upper.startsWith("HELO") ? "HELO" : upper.startsWith("BDAT") ? "BDAT" : "";
                lastRcpt = lastCommand.equals("RCPT") ? Addresses.first(v.substring(Math.min(v.length(), 8))) : "";
                if (firstRcpt.isEmpty()) firstRcpt = lastRcpt;
                continue;
            }
            String code = bouncemx.parse.Codes.leadingReplyCode(v);
            if (code.isEmpty() || code.charAt(0) < '4') continue;
            if (firstError.isEmpty()) { firstError = v; firstErrorCommand = lastCommand; }
            String rcpt = lastRcpt;
            if (lastCommand.equals("RCPT") && !rcpt.isEmpty() && out.stream().noneMatch(r -> r.address().equals(rcpt))) {
                out.add(refused(rcpt, v, "RCPT"));
            }
        }
        if (out.isEmpty() && !firstError.isEmpty() && !firstRcpt.isEmpty()) {
            // refused, but not at RCPT: the session's first RCPT line names the recipient
            out.add(refused(firstRcpt, firstError, firstErrorCommand));
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "smtpd transcript without a refused recipient");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    private static RecipientStatus refused(String address, String reply, String command) {
        return RecipientStatus.builder().address(address, "text").action("failed").diagnostic("smtp", reply)
                .replyCode(bouncemx.parse.Codes.leadingReplyCode(reply)).status(bouncemx.parse.Codes.status(reply))
                .command(command).build();
    }

    private static boolean hasIntro(String lower) {
        // the pattern's two fixed texts first: indexOf is a vector scan, the pattern tries every line start
        if (lower.contains("this is the ") && lower.contains(" program at host ") && NAMED_INTRO.matcher(lower).find()) return true;
        if (!INTRO_TEXTS.anyIn(lower)) return false;
        for (String s : INTROS) {
            int i = lower.indexOf(s);
            while (i >= 0) {
                // "the mail system" only as the centred template line, not inside a sentence
                if (!s.equals("the mail system") || lineIsOnly(lower, i, s.length())) return true;
                i = lower.indexOf(s, i + 1);
            }
        }
        return false;
    }

    private static boolean lineIsOnly(String text, int at, int len) {
        int start = text.lastIndexOf('\n', at) + 1;
        int end = text.indexOf('\n', at);
        if (end < 0) end = text.length();
        return text.substring(start, at).isBlank() && text.substring(at + len, end).isBlank();
    }

    /** What one text entry says about one recipient. */
    private record Entry(String address, String alias, String diagnostic, String serverWords, String remoteMta,
                         String command, boolean mailer) {}

    /** The recipient entries of the report text, in order, one per address. */
    static List<Entry> entries(String text) {
        List<Entry> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int n = Math.min(lines.length, 10_000);
        for (int i = 0; i < n; i++) {
            String line = lines[i];
            if (endOfReport(line)) break;
            if (!entryStart(line)) continue;
            StringBuilder sb = new StringBuilder(line.trim());
            int j = i + 1;
            // continuation lines are indented; Postfix's "(in reply to ... command)" may also stand at column 0
            while (j < n && !lines[j].isBlank() && (lines[j].charAt(0) == ' ' || lines[j].charAt(0) == '\t'
                    || lines[j].contains("(in reply to ") || lines[j].stripTrailing().endsWith(" command)"))
                    && !entryStart(lines[j]) && j - i < 64) {
                sb.append(' ').append(lines[j].trim());
                j++;
            }
            Entry e = entry(TextScan.fold(sb.toString()));
            if (e != null && out.stream().noneMatch(x -> x.address.equals(e.address))) out.add(e);
            i = j - 1;
        }
        return out;
    }

    private static boolean endOfReport(String line) {
        return line.regionMatches(true, 0, "content-type: message/rfc822", 0, 28)
                || line.regionMatches(true, 0, "content-type: text/rfc822-headers", 0, 33);
    }

    private static boolean entryStart(String line) {
        int i = line.startsWith(" <") ? 1 : 0;
        return line.length() > i + 3 && line.charAt(i) == '<' && line.indexOf('@', i) > 0 && line.indexOf(">", i) > 0;
    }

    private static Entry entry(String folded) {
        Matcher h = ENTRY_HEAD.matcher(folded);
        if (!h.lookingAt()) return null;
        String address = DsnFields.address(h.group(1));
        if (address.isEmpty()) return null;
        String alias = h.group(2) == null ? "" : Addresses.normalize(h.group(2));
        String rest = folded.substring(h.end()).trim();
        String lower = TextScan.lower(rest);
        String command = COMMANDS.in(lower);
        if (lower.startsWith(SUSPENDED)) rest = rest.substring(SUSPENDED.length());
        String diagnostic = withoutInReply(rest);
        String serverWords = "";
        String remote = "";
        // each pattern's fixed text is looked for first: a find() tries the pattern at every character
        Matcher said = diagnostic.contains("] said:") ? SAID.matcher(diagnostic) : null;
        Matcher refused = diagnostic.contains("] refused to talk to me:") ? REFUSED.matcher(diagnostic) : null;
        Matcher session = diagnostic.contains("connect") || diagnostic.contains("conversation with ")
                ? SESSION.matcher(diagnostic) : null;
        if (said != null && said.find()) {
            remote = said.group(1);
            diagnostic = diagnostic.substring(said.end()).trim();
            serverWords = diagnostic;
        } else if (refused != null && refused.find()) {
            remote = refused.group(1);
            serverWords = diagnostic.substring(refused.end()).trim();
            diagnostic = diagnostic.substring(refused.start()).trim();
        } else if (session != null && session.find()) {
            remote = session.group(1);
        }
        boolean mailer = TextScan.containsAny(lower, MAILER_TEXTS);
        return new Entry(address, alias, diagnostic, serverWords, remote.toLowerCase(Locale.ROOT), command, mailer);
    }

    /**
     * {@code text} without Postfix's "(in reply to ... command)" at its end and the blanks before it: what
     * {@code "\\s*"} and {@link #IN_REPLY_TAIL} as one regex, replaced once by "", gave. Found from the text's
     * last parenthesis: the match ends the text and holds no other parenthesis, so its "(" is the last one,
     * and it starts at the blanks before it. That regex tried at every character cost ~1% of the engine's
     * CPU (Postfix entries).
     */
    static String withoutInReply(String text) {
        int open = text.lastIndexOf('(');
        if (open < 0 || !text.startsWith("(in reply to ", open)) return text;
        Matcher m = IN_REPLY_TAIL.matcher(text).region(open, text.length());
        if (!m.lookingAt()) return text;
        int start = open;
        while (start > 0 && TextScan.isRegexSpace(text.charAt(start - 1))) start--;
        return text.substring(0, start) + text.substring(m.end());
    }

    private static Entry match(List<Entry> entries, RecipientStatus r) {
        for (Entry e : entries) if (DsnFields.same(e.address, r.address())) return e;
        for (Entry e : entries) if (DsnFields.same(e.alias, r.originalRecipient()) || DsnFields.same(e.alias, r.address())) return e;
        return null;
    }

    /** The DSN (or bare) recipient refined by its text entry. */
    private static RecipientStatus merge(RecipientStatus r, Entry e) {
        var b = r.toBuilder();
        String diag = r.diagnosticText();
        if (diag.toLowerCase(Locale.ROOT).startsWith(SUSPENDED)) b.diagnosticText(diag.substring(SUSPENDED.length()));
        if (e != null) {
            if (DsnFields.same(e.address, r.address()) && e.address.startsWith("\"")) b.address(e.address, r.addressSource());
            // the server's words from the text; else the text when it holds the whole Diagnostic-Code
            String field = b.diagnosticText();
            if (!e.diagnostic.isEmpty() && (!e.serverWords.isEmpty() || field.isEmpty()
                    || TextScan.fold(e.diagnostic).contains(field))) {
                b.diagnosticText(e.diagnostic);
            }
            String words = e.serverWords.isEmpty() ? e.diagnostic : e.serverWords;
            String code = Codes.leadingReplyCode(words);
            if (!code.isEmpty()) b.replyCode(code);
            String inText = Codes.status(words);
            b.status(DsnFields.refine(r.status(), inText));
            if (!e.command.isEmpty()) b.command(e.command);
            if (r.remoteMta().isEmpty() && !e.remoteMta.isEmpty()) b.remoteMta(e.remoteMta);
            if (e.mailer) b.reasonHint(Reason.MAILER_ERROR);
            if (b.diagnosticType().isEmpty() && !e.serverWords.isEmpty()) b.diagnosticType("smtp");
        }
        return b.build();
    }
}
