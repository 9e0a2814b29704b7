package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Zoho Mail's bounces (mailer-daemon@mail.zoho.com / zoho.*, "Undelivered Mail Returned to Sender",
 * 2014), one line per recipient after the Exim-like preface:
 * <pre>
 * This message was created automatically by mail delivery software.
 * A message that you sent could not be delivered to one or more of its recipients. This is a permanent error.
 *
 * user@example.co.jp Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 &lt;user@example.co.jp&gt;... User Unknown
 * user@7jo.example.jp Error, ERROR_CODE :421, ERROR_CODE :, Host not reachable.
 * </pre>
 * The other layout writes "[Status: Error, Address: &lt;user@example.jp&gt;, ResponseCode 421, , Host not
 * reachable.]" per recipient. The first ERROR_CODE is the SMTP reply code, the text after the second is
 * the remote reply (or, when empty, Zoho's own words after the comma), with the indented lines after it
 * when a relay wrapped it. Lines are read after quoted-printable decoding, so a soft
 * line break inside "5.1.=\n1" is already joined. Returns NOT_MINE unless a Zoho mailer-daemon (or a
 * message with an X-ZohoMail header) sent a text with such lines, Undecodable when none names an
 * address. Stateless, thread-safe.
 */
public final class ZohoDialect implements Dialect {
    private static final Pattern LINE = Pattern.compile(
            "^(\\S+@\\S+)\\s+([^,\\n]*?),\\s*ERROR_CODE\\s*:\\s*(\\d{3})?\\s*,\\s*ERROR_CODE\\s*:\\s*(.*(?:\\n[ \\t]+\\S.*)*)$",
            Pattern.MULTILINE);
    /** The other layout: "[Status: Error, Address: &lt;user@example.jp&gt;, ResponseCode 421, , Host not reachable.]". */
    private static final Pattern STATUS_LINE = Pattern.compile(
            "^\\[Status:\\s*[^,]*,\\s*Address:\\s*<?([^>,\\s]+@[^>,\\s]+)>?\\s*,\\s*ResponseCode\\s*(\\d{3})?\\s*,\\s*,?\\s*(.*?)\\]?\\s*$",
            Pattern.MULTILINE);

    @Override
    public String name() { return "zoho"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String from = m.fromLower();
        boolean zoho = (from.contains("mailer-daemon@") && from.contains("zoho")) || m.headers().has("x-zohomail");
        if (!zoho) return ParseResult.NOT_MINE;
        String text = m.mainText();
        if (!text.contains("ERROR_CODE") && !text.contains("[Status:")) return ParseResult.NOT_MINE;
        List<RecipientStatus> out = new ArrayList<>();
        Matcher st = STATUS_LINE.matcher(text);
        while (st.find() && out.size() < 1000) {
            String a = Addresses.normalize(st.group(1));
            if (a.isEmpty()) continue;
            String diag = st.group(3).trim();
            var b = RecipientStatus.builder().address(a, "text").action("failed").diagnostic("smtp", diag);
            ProviderText.codes(b, diag);
            if (st.group(2) != null) b.replyCode(st.group(2));
            hint(b, diag);
            out.add(b.build());
        }
        Matcher l = LINE.matcher(text);
        while (l.find() && out.size() < 1000) {
            String a = Addresses.normalize(l.group(1));
            if (a.isEmpty()) continue;
            String reply = l.group(3) == null ? "" : l.group(3);
            String diag = l.group(4).replaceAll("\\s*\\n\\s*", " ").trim(); // indented lines go on the reply
            if (diag.startsWith(",")) diag = diag.substring(1).trim(); // "ERROR_CODE :, Host not reachable."
            var b = RecipientStatus.builder().address(a, "text").action("failed").diagnostic("smtp", diag);
            ProviderText.codes(b, diag);
            if (!reply.isEmpty()) b.replyCode(reply);
            hint(b, diag);
            out.add(b.build());
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no recipient ERROR_CODE line");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    /**
     * Zoho's own words when the remote server said nothing: "Host not reachable." is written after Zoho
     * gave up retrying the destination (its queue ran out), so the message expired.
     */
    private static void hint(RecipientStatus.Builder b, String diag) {
        if (diag.toLowerCase(java.util.Locale.ROOT).startsWith("host not reachable")) b.reasonHint(Reason.EXPIRED);
    }
}
