package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.ReasonTexts;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Senders;
import bouncemx.parse.SmtpCommands;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static bouncemx.parse.ReasonTexts.row;

/**
 * Gmail's plain-text delivery notices (googlemail.com, 2010-2016 templates, no delivery-status part),
 * sent by "Mail Delivery Subsystem &lt;mailer-daemon@googlemail.com&gt;":
 * <pre>
 * Delivery to the following recipient failed permanently:      (or "... has been delayed:")
 *      user@example.jp
 * Technical details of permanent failure:                       (or "... temporary failure:")
 * Google tried to deliver your message, but it was rejected by the server for the recipient domain
 * example.jp by mx.example.jp. [192.0.2.153].
 * The error that the other server returned was:
 * 550 5.1.1 &lt;user@example.jp&gt;... User Unknown
 * ----- Original message -----
 * </pre>
 * Older texts put the reply on the same line and repeat the reply code ("returned was: 554 554 5.7.1 ...
 * (state 13)."); the repeated code and Gmail's "(state N)" note are dropped from the diagnostic text, the
 * state naming the command the server refused (14 RCPT, 15/17/18 DATA).
 * Without "The error that the other server returned was:" the diagnostic is Gmail's own detail text
 * ("The recipient server did not accept our requests to connect ...", "Storage quota exceeded").
 * The newer "** Address not found **" notices carry a delivery-status part and are left to the RFC 3464
 * reader. Returns NOT_MINE for anything else, Undecodable when no recipient line is found.
 * Stateless, thread-safe.
 */
public final class GmailDialect implements Dialect {
    private static final String LEAD = "Delivery to the following recipient";
    private static final String[] DETAILS = {"Technical details of permanent failure:", "Technical details of temporary failure:"};
    private static final String[] ENDS = {"----- Original message -----", "----- Message header follows -----"};
    private static final String SERVER_SAID = "The error that the other server returned was:";
    /** "... by mx.example.jp. [192.0.2.153]." in Gmail's "rejected by the server for the recipient domain" line. */
    private static final Pattern REMOTE = Pattern.compile("recipient domain \\S+ by ([A-Za-z0-9.-]+?)\\.? \\[");
    private static final Pattern STATE = Pattern.compile("\\s*\\(state (\\d+)\\)\\.?\\s*$");
    /** "The error that the other server re-\nturned was:" in the hyphen-wrapped plain-text form. */
    private static final Pattern SERVER_SAID_WRAPPED = Pattern.compile("The error that the other server\\s+re-?\\s*turned was:");
    /**
     * Gmail's SMTP client state when the server refused (its "(state N)" note) to the command it had sent:
     * only RCPT and DATA, the states whose replies match them; state 13 comes with replies that name the
     * recipient ("550 5.7.1 &lt;a@b&gt;... Access denied"), so it is not taken as a refused greeting.
     */
    private static final SmtpCommands.Table STATE_COMMANDS = SmtpCommands.table(
            "(state 14)", "RCPT", "(state 15)", "DATA", "(state 17)", "DATA", "(state 18)", "DATA");
    private static final Pattern DOUBLED_CODE = Pattern.compile("^([245]\\d\\d) \\1 ");

    /**
     * Gmail's own fixed sentences that say why it gave up, when the remote server said nothing
     * (gmail-09/-11/-17: Sisimai reads them as expired: Gmail retried the connection until it gave up).
     */
    private static final ReasonTexts TEMPLATE_REASONS = ReasonTexts.of(
            row(Reason.EXPIRED, "the recipient server did not accept our requests to connect"),
            row(Reason.HOST_UNKNOWN, "dns error: domain name not found"),
            row(Reason.HOST_UNKNOWN, "dns error: dns server returned answer with no data"),
            row(Reason.EXPIRED, "dns error: could not contact dns servers"));

    @Override
    public String name() { return "gmail"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        // Google's sender, or Google's own "Technical details of ... failure:" in a notice from another mail system's
        // address (a relay's or an archive's rewritten From)
        if (!ProviderText.fromGoogle(m) && !(Senders.mayBeNotice(m) && (m.mainText().contains(DETAILS[0])
                || m.mainText().contains(DETAILS[1])))) {
            return ParseResult.NOT_MINE;
        }
        String text = m.mainText();
        int lead = TextScan.lineStarting(text, LEAD, 0);
        if (lead < 0) return ParseResult.NOT_MINE;

        int eol = text.indexOf('\n', lead);
        String leadLine = text.substring(lead, eol < 0 ? text.length() : eol).toLowerCase(Locale.ROOT);
        String action = leadLine.contains("delayed") ? "delayed" : "failed";
        List<String> addresses = new ArrayList<>();
        int pos = eol < 0 ? text.length() : eol + 1;
        for (int n = 0; pos < text.length() && n < 200; n++) {
            int e = text.indexOf('\n', pos);
            if (e < 0) e = text.length();
            String line = text.substring(pos, e);
            pos = e + 1;
            if (line.isBlank()) {
                if (addresses.isEmpty()) continue;
                break;
            }
            String a = Addresses.first(line);
            if (a.isEmpty() || !Character.isWhitespace(line.charAt(0))) break;
            if (!addresses.contains(a)) addresses.add(a);
        }
        if (addresses.isEmpty()) return new ParseResult.Undecodable(name(), "no recipient under the Gmail notice");

        String details = "";
        for (String d : DETAILS) {
            details = ProviderText.section(text, d, ENDS);
            if (!details.isEmpty()) break;
        }
        if (details.isEmpty()) {
            // "Technical details of permanent failure: Storage quota exceeded" on one line
            for (String d : DETAILS) {
                int at = TextScan.lineStarting(text, d, 0);
                if (at < 0) continue;
                int end = text.indexOf('\n', at);
                details = text.substring(at + d.length(), end < 0 ? text.length() : end);
            }
        }
        String folded = SERVER_SAID_WRAPPED.matcher(TextScan.fold(details)).replaceFirst(SERVER_SAID);
        String diag = folded;
        int said = folded.indexOf(SERVER_SAID);
        if (said >= 0) diag = folded.substring(said + SERVER_SAID.length()).trim();
        Matcher state = STATE.matcher(diag);
        String command = "";
        if (state.find()) {
            command = STATE_COMMANDS.in("(state " + state.group(1) + ")");
            diag = diag.substring(0, state.start());
        }
        diag = DOUBLED_CODE.matcher(diag).replaceFirst("$1 ");
        String remote = "";
        Matcher rm = REMOTE.matcher(folded);
        if (rm.find()) remote = rm.group(1);
        String lower = diag.toLowerCase(Locale.ROOT);
        Reason hint = TEMPLATE_REASONS.in(lower);

        List<RecipientStatus> out = new ArrayList<>(addresses.size());
        for (String a : addresses) {
            var b = RecipientStatus.builder().address(a, "text").action(action).diagnostic(diag.isEmpty() ? "" : "smtp", diag)
                    .remoteMta(remote).reasonHint(hint).command(command);
            ProviderText.codes(b, said >= 0 ? diag : "");
            if (said < 0) b.status(bouncemx.parse.Codes.status(diag));
            out.add(b.build());
        }
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }
}
