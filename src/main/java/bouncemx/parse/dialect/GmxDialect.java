package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GMX and mail.com (United Internet's "Nemesis" MTA, MAILER-DAEMON@mail.gmx.com / gmx.net, 2014):
 * <pre>
 * This message was created automatically by mail delivery software.
 * A message that you sent could not be delivered to one or more of
 * its recipients. This is a permanent error. The following address
 * failed:
 *
 * "user@example.jp":
 * SMTP error from remote server after RCPT command:
 * host: mx.example.jp
 * 5.2.2 &lt;user@example.jp&gt;... Mailbox Full
 *
 * --- The header of the original message is following. ---
 * </pre>
 * Each block starts with the address alone on its line (quoted or not, usually followed by a colon; 1&amp;1
 * also writes it bare, then "For the following reason:" and the text). The 1&amp;1 (kundenserver.de)
 * variant of the same software writes the whole reply on one line ("SMTP error from remote server for
 * TEXT command, host: smtp-in.example.fr (192.0.2.1) reason: 550 5.2.0 ...") and is decoded by
 * {@link EinsUndEinsDialect} with {@link #blocks}. Returns NOT_MINE unless a GMX/mail.com mailer-daemon
 * sent the text, Undecodable when no address block follows. Stateless, thread-safe.
 */
public final class GmxDialect implements Dialect {
    private static final String LEAD = "This message was created automatically by mail delivery software.";
    private static final String[] ENDS = {"--- The header of the original message is following. ---",
            "--- The header of the original message is following"};
    /** An address alone on its line: quoted or not, with or without the colon (1&amp;1 writes both). */
    private static final Pattern ADDRESS_LINE = Pattern.compile("^[\"<]?([^\"<>\\s]+@[^\"<>\\s:]+)[\">]?:?\\s*$");
    /** A heading between the address and the reply in the "For the following reason:" layout. */
    private static final String REASON_HEADING = "For the following reason:";
    private static final Pattern HOST_LINE = Pattern.compile("(?:^|[ ,])host:?\\s+([A-Za-z0-9.\\-\\[\\]:]+)(?:\\s+\\([^)]*\\))?\\s*(?:reason:\\s*)?");
    private static final String[] SENDERS = {"@mail.gmx.com", "@gmx.net", "@gmx.de", "@gmx.com", "@mail.com"};

    @Override
    public String name() { return "gmx"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String from = m.fromLower();
        if (!from.contains("mailer-daemon") || !fromGmx(from)) return ParseResult.NOT_MINE;
        return blocks(m.mainText(), name());
    }

    /** True when the lowercased From names a GMX or mail.com host. */
    static boolean fromGmx(String fromLower) {
        for (String s : SENDERS) if (fromLower.contains(s)) return true;
        return false;
    }

    /** Reads the address blocks of United Internet's template; NOT_MINE without its opening sentence. */
    static ParseResult blocks(String text, String dialect) {
        String body = ProviderText.section(text, LEAD, ENDS);
        if (body.isEmpty()) return ParseResult.NOT_MINE;
        List<RecipientStatus> out = new ArrayList<>();
        String address = null;
        List<String> detail = new ArrayList<>();
        for (String line : body.split("\n", 1000)) {
            Matcher am = ADDRESS_LINE.matcher(line.trim());
            String a = am.matches() ? Addresses.normalize(am.group(1)) : "";
            if (!a.isEmpty() && !a.equals(address)) {
                if (address != null) out.add(recipient(address, detail));
                address = a;
                detail.clear();
            } else if (address != null && !line.isBlank() && !line.trim().equals(REASON_HEADING)) {
                detail.add(line.trim());
            }
        }
        if (address != null) out.add(recipient(address, detail));
        if (out.isEmpty()) return new ParseResult.Undecodable(dialect, "no address block in the delivery failure text");
        return new ParseResult.Decoded(dialect, Report.delivery(out));
    }

    private static RecipientStatus recipient(String address, List<String> lines) {
        var b = RecipientStatus.builder().address(address, "text").action("failed");
        StringBuilder diag = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("SMTP error from remote")) {
                b.command(ProviderText.command(line));
                Matcher h = HOST_LINE.matcher(line);
                if (h.find()) {
                    b.remoteMta(h.group(1));
                    diag.append(line.substring(h.end())).append(' ');
                }
            } else if (line.startsWith("host:") || line.startsWith("host ")) {
                b.remoteMta(line.substring(5).trim());
            } else {
                diag.append(line).append(' ');
            }
        }
        String text = TextScan.fold(diag.toString());
        b.diagnostic(text.isEmpty() ? "" : "smtp", text);
        return ProviderText.codes(b, text).build();
    }
}
