package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.Limits;
import bouncemx.parse.MimePart;
import bouncemx.parse.ParseResult;
import bouncemx.parse.ReasonTexts;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.rfc3464.DeliveryStatus;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static bouncemx.parse.ReasonTexts.row;

/**
 * au by KDDI's EZweb mobile mail (ezweb.ne.jp, later au.com): "Mail System Error - Returned Mail" from
 * Postmaster@ezweb.ne.jp, relayed by "(EZweb Mail)" hosts. The text part (ISO-2022-JP; Japanese lines
 * first, then English) has one of these shapes:
 * <pre>
 * The user(s) account is disabled.                 (template line stating the reason)
 * &lt;rcpt@ezweb.ne.jp&gt;: 550 user unknown (in reply to RCPT TO command)
 *
 * Each of the following recipients was rejected by a remote mail server.
 *     Recipient: &lt;rcpt@example.org&gt;
 *     &gt;&gt;&gt; RCPT TO:&lt;rcpt@example.org&gt;
 *     &lt;&lt;&lt; 550 &lt;rcpt@example.org&gt;: User unknown
 * </pre>
 * The fixed English template lines that state a reason are read as {@code reasonHint} (table below, the
 * texts of the EZweb gateway); a message with "X-SPASIGN: NG" was refused by the recipient's spam
 * setting ({@code filtered}). The server's reply after "&lt;&lt;&lt;" (or after "&lt;addr&gt;:") is the
 * diagnostic; when there is none the template line is. A Status from a delivery-status part is kept.
 * Needs two EZweb signals among From, Subject, Received and Message-Id before it looks at the body;
 * Undecodable when the body names no recipient. Stateless; thread-safe.
 */
public final class EzwebDialect implements Dialect {
    private static final int MAX_LINES = 400;
    private static final List<String> STARTS = List.of("The user(s) ", "Your message ", "Each of the following", "<");

    /** Template lines of the EZweb gateway and the reason they state. */
    private static final ReasonTexts TEMPLATE = ReasonTexts.of(
            row(Reason.SUSPEND, "The user(s) account is disabled."),
            row(Reason.SUSPEND, "The user(s) account is temporarily limited."),
            row(Reason.MAILBOX_FULL, "The user(s) account is temporarily over quota"),
            row(Reason.EXPIRED, "Your message was not delivered within "));

    private final Limits limits;

    public EzwebDialect(Limits limits) { this.limits = limits; }

    public EzwebDialect() { this(Limits.DEFAULT); }

    @Override
    public String name() { return "ezweb"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (signals(m) < 2) return ParseResult.NOT_MINE;
        String[] lines = GatewayText.lines(m.mainText(), MAX_LINES);
        List<RecipientStatus.Builder> out = new ArrayList<>();
        StringBuilder template = new StringBuilder();
        boolean reading = false;
        RecipientStatus.Builder cur = null;
        java.util.Map<RecipientStatus.Builder, StringBuilder> replies = new java.util.IdentityHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            // the returned original follows a line of dashes or its own part header
            if (line.startsWith("Content-Type: message/rfc822") || (line.length() >= 50 && line.chars().allMatch(c -> c == '-'))) break;
            if (!reading) {
                for (String s : STARTS) if (line.startsWith(s)) reading = true;
                if (!reading) continue;
            }
            if (line.isEmpty() || !isAscii(line)) continue;
            int lt = line.indexOf('<');
            if (line.startsWith("<<<")) {
                if (cur == null) continue;
                // a multi-line reply ("<<< 550-...", "<<< 550 ...") is one text (RFC 5321 4.2.1)
                replies.computeIfAbsent(cur, k -> new StringBuilder()).append(line.substring(3).strip()).append('\n');
                RecipientStatus.Builder fresh = GatewayText.recipient(cur.address(), ReplyText.join(replies.get(cur).toString()));
                cur.diagnostic(fresh.diagnosticType(), fresh.diagnosticText()).status(fresh.status()).replyCode(fresh.replyCode());
            } else if (((line.startsWith("<") && !Character.isWhitespace(raw.charAt(0))) || line.startsWith("Recipient: <"))
                    && line.indexOf('@', lt) > lt && line.indexOf('>', lt) > lt) {
                // an indented "<addr>: ..." is a wrapped reply line, not another recipient
                String addr = Addresses.normalize(line.substring(lt, line.indexOf('>', lt) + 1));
                if (addr.isEmpty()) continue;
                boolean seen = false;
                for (RecipientStatus.Builder b : out) seen |= b.address().equals(addr);
                if (seen) continue;
                String rest = line.substring(line.indexOf('>', lt) + 1).strip();
                if (rest.startsWith(":")) rest = rest.substring(1).strip();
                int boiler = rest.indexOf(" (in reply to ");  // the relay's own words, as Postfix writes them
                cur = GatewayText.recipient(addr, boiler < 0 ? rest : rest.substring(0, boiler));
                cur.command(GatewayText.command(between(rest, "in reply to ", " command")));
                out.add(cur);
            } else if (line.startsWith(">>>") && cur != null) {
                cur.command(GatewayText.command(line.substring(3)));
            } else if (cur == null) {
                if (template.length() > 0) template.append(' ');
                template.append(line);
            }
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no recipient line");
        Reason hint = GatewayText.headerLower(m, "x-spasign").strip().equals("ng") ? Reason.FILTERED
                : TEMPLATE.in(template.toString());
        DeliveryStatus ds = deliveryStatus(m);
        List<RecipientStatus> rs = new ArrayList<>(out.size());
        for (RecipientStatus.Builder b : out) {
            if (b.diagnosticText().isEmpty() && hint != null) b.diagnosticText(template.toString());
            if (b.status().isEmpty() && ds != null) {
                for (RecipientStatus d : ds.recipients()) if (d.address().equals(b.address())) b.status(d.status());
            }
            rs.add(b.reasonHint(hint).build());
        }
        return new ParseResult.Decoded(name(), Report.delivery(rs));
    }

    private static int signals(BounceMessage m) {
        int n = 0;
        String from = m.fromLower();
        if (from.contains("postmaster@ezweb.ne.jp") || from.contains("postmaster@au.com")) n++;
        if (m.subjectLower().equals("mail system error - returned mail")) n++;
        if (GatewayText.receivedContains(m, "(ezweb mail) with") || GatewayText.receivedContains(m, ".au.com (")) n++;
        String mid = GatewayText.headerLower(m, "message-id");
        if (mid.contains(".ezweb.ne.jp>") || mid.contains(".au.com>")) n++;
        return n;
    }

    private DeliveryStatus deliveryStatus(BounceMessage m) {
        MimePart p = DeliveryStatus.part(m);
        if (p == null) return null;
        byte[] b = p.bytes();
        return DeliveryStatus.parse(b, 0, b.length, limits);
    }

    private static String between(String s, String open, String close) {
        String lower = s.toLowerCase(Locale.ROOT);
        int a = lower.indexOf(open);
        if (a < 0) return "";
        int z = lower.indexOf(close, a + open.length());
        return z < 0 ? "" : s.substring(a + open.length(), z);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) > 127) return false;
        return true;
    }
}
