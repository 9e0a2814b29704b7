package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;

import java.util.ArrayList;
import java.util.List;

/**
 * Trend Micro InterScan Messaging Security Suite (IMSS / InterScan MSS for NT): From "InterScan MSS"
 * or a multipart/mixed with the "------------InterScan_NT_MIME_Boundary" boundary, text part:
 * <pre>
 * Sent &lt;&lt;&lt; RCPT TO:&lt;user@example.co.jp&gt;
 * Received &gt;&gt;&gt; 550 5.1.1 &lt;user@example.co.jp&gt;... user unknown
 * </pre>
 * or, for a whole domain, "Reason:  Unable to deliver message to &lt;rcpt@example.jp&gt; (and other
 * recipients in the same domain)." The "Sent &lt;&lt;&lt;" line gives the recipient and the command, the
 * "Received &gt;&gt;&gt;" line the server's reply (the diagnostic); the "Unable to deliver" line is its
 * own diagnostic. Undecodable without a recipient. Stateless; thread-safe.
 */
public final class TrendMicroDialect implements Dialect {
    private static final int MAX_LINES = 400;
    private static final String UNABLE = "Unable to deliver message to";

    @Override
    public String name() { return "trendmicro"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        boolean mine = m.fromLower().contains("\"interscan") || m.fromLower().startsWith("interscan")
                || GatewayText.headerLower(m, "content-type").contains("interscan");
        if (!mine) return ParseResult.NOT_MINE;
        List<RecipientStatus.Builder> out = new ArrayList<>();
        RecipientStatus.Builder cur = null;
        for (String raw : GatewayText.lines(m.mainText(), MAX_LINES)) {
            String line = raw.strip();
            int u = line.indexOf(UNABLE);
            if (line.startsWith("Sent <<<")) {
                String a = Addresses.first(line.substring(line.lastIndexOf('<')));
                if (a.isEmpty()) continue;
                cur = same(out, a);
                if (cur == null) {
                    cur = GatewayText.recipient(a, "");
                    out.add(cur);
                }
                cur.command(GatewayText.command(line.substring(8)));
            } else if (line.startsWith("Received >>>") && cur != null) {
                RecipientStatus.Builder d = GatewayText.recipient(cur.address(), line.substring(12).strip());
                cur.diagnostic(d.diagnosticType(), d.diagnosticText()).status(d.status()).replyCode(d.replyCode());
            } else if (u >= 0) {
                String a = Addresses.first(line.substring(u));
                if (a.isEmpty()) continue;
                cur = same(out, a);
                if (cur == null) {
                    out.add(cur = GatewayText.recipient(a, line.substring(u)));
                    cur.diagnosticType("");
                }
            }
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no recipient line");
        List<RecipientStatus> rs = new ArrayList<>(out.size());
        for (RecipientStatus.Builder b : out) rs.add(b.build());
        return new ParseResult.Decoded(name(), Report.delivery(rs));
    }

    private static RecipientStatus.Builder same(List<RecipientStatus.Builder> out, String address) {
        for (RecipientStatus.Builder b : out) if (b.address().equals(address)) return b;
        return null;
    }
}
