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

/**
 * BIGLOBE's bounces (postmaster@biglobe.ne.jp, also the inacatv.ne.jp, tmtv.ne.jp and ttv.ne.jp
 * cable ISPs it hosts; "Returned mail: ..."), English and Japanese
 * (ISO-2022-JP) side by side:
 * <pre>
 *    ----- The following addresses had delivery problems -----
 * user@example.biglobe.ne.jp
 *
 *    ----- Non-delivered information -----
 * The number of messages in recipient's mailbox exceeded the local limit.
 * </pre>
 * Addresses are the lines of the first section, the diagnostic the lines of the second, up to the
 * MIME boundary or a blank line. Returns NOT_MINE unless sent from biglobe.ne.jp with those headings,
 * Undecodable without an address. Stateless, thread-safe.
 */
public final class BiglobeDialect implements Dialect {
    private static final String ADDRESSES = "----- The following addresses had delivery problems -----";
    private static final String INFO = "----- Non-delivered information -----";

    @Override
    public String name() { return "biglobe"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!fromBiglobe(m.fromLower())) return ParseResult.NOT_MINE;
        String text = m.mainText();
        int at = text.indexOf(ADDRESSES);
        if (at < 0) return ParseResult.NOT_MINE;
        int info = text.indexOf(INFO, at);
        String list = text.substring(at + ADDRESSES.length(), info < 0 ? text.length() : info);
        List<String> addresses = new ArrayList<>();
        for (String line : list.split("\n", 500)) {
            if (line.isBlank() || line.trim().startsWith("-----")) continue;
            String a = Addresses.first(line);
            if (!a.isEmpty() && !addresses.contains(a)) addresses.add(a);
        }
        if (addresses.isEmpty()) return new ParseResult.Undecodable(name(), "no address under the delivery problems heading");
        String diag = "";
        if (info >= 0) {
            StringBuilder sb = new StringBuilder();
            boolean started = false;
            for (String line : text.substring(info + INFO.length()).split("\n", 200)) {
                if (line.isBlank()) {
                    if (started) break;
                    continue;
                }
                if (line.startsWith("--")) break;
                started = true;
                sb.append(line).append(' ');
            }
            diag = TextScan.fold(sb.toString());
        }
        List<RecipientStatus> out = new ArrayList<>(addresses.size());
        for (String a : addresses) {
            var b = RecipientStatus.builder().address(a, "text").action("failed").diagnosticText(diag);
            out.add(ProviderText.codes(b, diag).build());
        }
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    /** BIGLOBE and the cable operators whose mail it runs (inacatv, tmtv, ttv), as their postmaster signs. */
    private static final String[] SENDERS = {"@biglobe.ne.jp", "@inacatv.ne.jp", "@tmtv.ne.jp", "@ttv.ne.jp"};

    private static boolean fromBiglobe(String fromLower) {
        for (String s : SENDERS) if (fromLower.contains(s)) return true;
        return fromLower.contains("biglobe.ne.jp");
    }
}
