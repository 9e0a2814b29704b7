package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;

import java.util.ArrayList;
import java.util.List;

/**
 * Active!Hunter (Japanese mail filtering gateway): a multipart/report with an "X-AHMAILID" header and
 * "----=_Active!Hunter_..." boundary, whose text imitates sendmail but has no delivery-status part:
 * <pre>
 *   ----- The following addresses had permanent fatal errors -----
 *
 * &gt;&gt;&gt; user@example.ed.jp &lt;user@example.ed.jp&gt;
 *
 *   ----- Transcript of session follows -----
 * 550 &lt;user@example.ed.jp&gt;: Recipient address rejected: User unknown in local recipient table
 * </pre>
 * Each "&gt;&gt;&gt; address" line is a recipient; each transcript line that starts with a reply code is
 * the diagnostic of the recipient it names (else of the only, or last, recipient); without such a line,
 * the first other line after the address list is. Undecodable without a
 * recipient line. Stateless; thread-safe.
 */
public final class ActiveHunterDialect implements Dialect {
    private static final int MAX_LINES = 400;

    @Override
    public String name() { return "activehunter"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!m.headers().has("x-ahmailid") && !GatewayText.headerLower(m, "content-type").contains("active!hunter")) {
            return ParseResult.NOT_MINE;
        }
        String text = m.mainText();
        int list = text.indexOf("----- The following addresses had permanent fatal errors -----");
        if (list < 0) return ParseResult.NOT_MINE;
        int transcript = text.indexOf("----- Transcript of session follows -----", list);
        String head = text.substring(list, transcript < 0 ? text.length() : transcript);
        List<RecipientStatus.Builder> out = new ArrayList<>();
        for (String raw : GatewayText.lines(head, MAX_LINES)) {
            String line = raw.strip();
            if (!line.startsWith(">>>")) continue;
            String a = Addresses.first(line.substring(3));
            if (!a.isEmpty()) out.add(GatewayText.recipient(a, ""));
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no '>>> address' line");
        if (transcript >= 0) {
            for (String raw : GatewayText.lines(text.substring(transcript), MAX_LINES)) {
                String line = raw.strip();
                if (Codes.leadingReplyCode(line).isEmpty()) continue;
                RecipientStatus.Builder target = out.get(out.size() - 1);
                String named = Addresses.first(line);
                for (RecipientStatus.Builder b : out) if (b.address().equals(named)) target = b;
                RecipientStatus.Builder d = GatewayText.recipient(target.address(), line);
                if (target.diagnosticText().isEmpty()) {
                    target.diagnostic(d.diagnosticType(), d.diagnosticText()).status(d.status()).replyCode(d.replyCode());
                }
            }
        }
        // no transcript heading, or no reply code in it: the first other line after the list is the text
        String fallback = null;
        for (String raw : GatewayText.lines(text.substring(list), MAX_LINES)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(">>>") || line.startsWith("-----")) continue;
            fallback = line;
            break;
        }
        for (RecipientStatus.Builder b : out) {
            if (!b.diagnosticText().isEmpty() || fallback == null) continue;
            RecipientStatus.Builder d = GatewayText.recipient(b.address(), fallback);
            b.diagnostic(d.diagnosticType(), d.diagnosticText()).status(d.status()).replyCode(d.replyCode());
        }
        List<RecipientStatus> rs = new ArrayList<>(out.size());
        for (RecipientStatus.Builder b : out) rs.add(b.build());
        return new ParseResult.Decoded(name(), Report.delivery(rs));
    }
}
