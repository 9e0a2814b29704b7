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
 * Mail.Ru's bounces (mailer-daemon@corp.mail.ru / mail.ru, an Exim installation, 2014-2018). A Russian
 * preface ("Это письмо создано автоматически сервером Mail.Ru ...") repeats the list, then Exim's own
 * English text follows, which is the one read here (the Russian list may show the bare local part):
 * <pre>
 * A message that you sent could not be delivered to one or more of its
 * recipients. This is a permanent error. The following address(es) failed:
 *
 *   user@example.jp
 *     SMTP error from remote mail server after RCPT TO:&lt;user@example.jp&gt;:
 *     host mx.example.jp [192.0.2.222]: 550 5.1.1 &lt;user@example.jp&gt;... User Unknown
 *
 * ------ This is a copy of the message, including all the headers. ------
 * </pre>
 * Recipient lines are indented two blanks, their detail lines more. The command comes from "after RCPT
 * TO:" / "after MAIL FROM:" / "after end of data", the remote host from "host NAME [IP]:", the diagnostic
 * is what follows it (or Exim's own words: "Unrouteable address", "an MX or SRV record indicated no SMTP
 * service"). Exim's delay warning ("The address to which the message has not yet been delivered is:",
 * up to "No action is required on your part") gives delayed recipients; without any list, the
 * X-Failed-Recipients header names them. Returns NOT_MINE unless the sender is a mail.ru mailer-daemon with Exim's text, Undecodable
 * when no recipient line is found. Stateless, thread-safe.
 */
public final class MailRuDialect implements Dialect {
    private static final String FAILED = "The following address(es) failed:";
    /** Exim's delay warning (a message still queued): its list headings, and the sentence after the list. */
    private static final String[] DELAYED = {"The address to which the message has not yet been delivered is:",
            "The addresses to which the message has not yet been delivered are:"};
    private static final String[] ENDS = {"------ This is a copy of the message", "------ This is a copy of your message",
            "No action is required on your part"};
    private static final Pattern HOST = Pattern.compile("host (\\S+) \\[([^\\]]+)\\]:\\s*(.*)$");

    @Override
    public String name() { return "mailru"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String from = m.fromLower();
        if (!from.contains("mailer-daemon@") || !from.contains("mail.ru")) return ParseResult.NOT_MINE;
        String text = m.mainText();
        int at = text.indexOf(FAILED);
        boolean delayed = false;
        for (String d : DELAYED) {
            if (at >= 0) break;
            at = text.indexOf(d);
            delayed = at >= 0;
        }
        if (at < 0) {
            // a notice in Russian only, or a pipe/file recipient: Exim's X-Failed-Recipients header names them
            if (!text.contains("This message was created automatically by mail delivery software")) return ParseResult.NOT_MINE;
            List<RecipientStatus> out = new ArrayList<>();
            for (String a : ProviderText.failedRecipients(m)) {
                out.add(RecipientStatus.builder().address(a, "header").action("failed").build());
            }
            if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no failed address list and no X-Failed-Recipients");
            return new ParseResult.Decoded(name(), Report.delivery(out));
        }
        int start = text.indexOf('\n', at);
        if (start < 0) return new ParseResult.Undecodable(name(), "nothing after the failed address list heading");
        int end = text.length();
        for (String e : ENDS) {
            int i = text.indexOf(e, start);
            if (i >= 0 && i < end) end = i;
        }
        List<RecipientStatus> out = parseEximBlocks(text.substring(start + 1, end));
        if (delayed) out.replaceAll(r -> r.toBuilder().action("delayed").build());
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no recipient under the failed address list");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    /** Exim's "  address\n    detail lines" blocks, in order. */
    static List<RecipientStatus> parseEximBlocks(String block) {
        List<RecipientStatus> out = new ArrayList<>();
        String address = null;
        StringBuilder detail = new StringBuilder();
        for (String line : block.split("\n", 1000)) {
            if (line.isBlank()) continue;
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') indent++;
            if (indent <= 2) {
                String a = Addresses.first(line.trim().split("\\s+")[0]);
                if (a.isEmpty()) continue;
                if (address != null) out.add(recipient(address, detail.toString()));
                address = a;
                detail.setLength(0);
            } else if (address != null) {
                detail.append(line.trim()).append('\n');
            }
        }
        if (address != null) out.add(recipient(address, detail.toString()));
        return out;
    }

    private static RecipientStatus recipient(String address, String detail) {
        String folded = TextScan.fold(detail);
        var b = RecipientStatus.builder().address(address, "text").action("failed");
        String diag = folded;
        Matcher h = HOST.matcher(folded);
        if (h.find()) {
            b.remoteMta(h.group(1));
            diag = h.group(3).trim();
            b.command(ProviderText.command(folded.substring(0, h.start())));
        }
        b.diagnostic(diag.isEmpty() ? "" : "smtp", diag);
        return ProviderText.codes(b, diag).build();
    }
}
