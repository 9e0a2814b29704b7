package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.ParseResult;
import bouncemx.parse.ReasonTexts;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static bouncemx.parse.ReasonTexts.row;

/**
 * Error notices of the fml mailing list manager (fml 4.x, www.fml.org): sent from the list's
 * "-admin@" address with an X-MLServer: fml header and a "...FML..." Message-ID, a one-line verdict such as
 * "Duplicated Message-ID in &lt;list@example.org&gt;." or "You are not a member of this mailing list
 * &lt;list@example.org&gt;.", then "Original mail as follows:". Each line naming an address in angle
 * brackets is one result (the address fml names), with the lines right under it (up to a blank line); the
 * verdict is fml's own template, so it is passed on
 * as the reason it names (table below, then the Subject: "Loop Alert:", "Security Alert"...). Returns
 * NOT_MINE for other messages, Undecodable when no address is named. Stateless, thread-safe.
 */
public final class FmlDialect implements Dialect {

    private static final String ORIGINAL = "original mail as follows:";

    /*
     * Where the texts of these two tables stand in fml's own source (fmlorg/fml4, kern/fml.pl), checked on
     * 2026-12-03 after a helper noticed that another bounce parser lists the same texts: the Subjects "You ADDR are
     * not member ML" (RejectHandler's reply to a non-member, whose body is the site's own deny file), "NOT MEMBER
     * article from ADDR ML" (RejectHandler), "Spam mail from a spammer is rejected ML" with "Reject Spammers:" in its
     * body (CheckCurrentProc), "Fml System Error Message ML" (Notify), "WARNING: UNIX FROM Loop" (CheckCurrentProc),
     * "Security Alert ML" with "Security alert:" in its body (SecureP), "Loop Back Warning: [...] ML" (LoopBackWarn),
     * "Loop Alert: Duplicated Message-ID ML" with "Duplicated Message-ID in <ML>." (DupMessageIdP), "Loop Alert: dup
     * X-ML-Info: ML" with "fml <ML> has detected a loop condition so that" (CheckCurrentProc), "reject mail FIELD:<ADDR>"
     * with "rejected since 'FIELD' header / may cause mail loop." (its check of the reply-to fields), "reject mail from
     * ADDR" in Subject and body (its $REJECT_ADDR check), and "Original Mail as follows:" (WholeMail). The body line
     * "You are not a member of this mailing list" could not be traced to fml and is no longer read: fml's non-member
     * reply is known by its Subject.
     */

    /** fml's verdict lines (body) and the reason each names; lowercase, first match wins. */
    private static final ReasonTexts VERDICTS = ReasonTexts.of(
            row(Reason.REJECTED, " header may cause mail loop"),
            row(Reason.REJECTED, "not member article from "),
            row(Reason.REJECTED, "reject mail from "),
            row(Reason.REJECTED, "reject spammers:"),
            row(Reason.SYSTEM_ERROR, " has detected a loop condition so that"),
            row(Reason.SYSTEM_ERROR, "duplicated message-id"),
            row(Reason.SYSTEM_ERROR, "loop back warning:"),
            row(Reason.SECURITY_ERROR, "security alert:"));

    /** fml's notice Subjects and the reason each names when the body said nothing known; lowercase. */
    private static final ReasonTexts SUBJECTS = ReasonTexts.of(
            row(Reason.REJECTED, " are not member"),
            row(Reason.REJECTED, "not member article from "),
            row(Reason.REJECTED, "reject mail "),
            row(Reason.REJECTED, "spam mail from a spammer is rejected"),
            row(Reason.SYSTEM_ERROR, "fml system error message"),
            row(Reason.SYSTEM_ERROR, "loop alert: "),
            row(Reason.SYSTEM_ERROR, "loop back warning: "),
            row(Reason.SYSTEM_ERROR, "warning: unix from loop"),
            row(Reason.SECURITY_ERROR, "security alert"));

    @Override
    public String name() { return "fml"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String server = m.headers().get("x-mlserver");
        if (server == null || !server.toLowerCase(Locale.ROOT).contains("fml")) return ParseResult.NOT_MINE;
        String mid = m.headers().get("message-id");
        if (!m.fromLower().contains("-admin@") && (mid == null || !mid.contains(".FML"))) return ParseResult.NOT_MINE;
        String text = m.mainText();
        int end = text.toLowerCase(Locale.ROOT).indexOf(ORIGINAL);
        if (end < 0) end = text.length();
        List<RecipientStatus> out = new ArrayList<>();
        Reason subjectReason = SUBJECTS.in(m.subjectLower());
        String address = null;
        StringBuilder lines = new StringBuilder();
        boolean more = false;
        for (String line : text.substring(0, end).split("\n")) {
            int lt = line.indexOf('<');
            int gt = line.lastIndexOf('>');
            String a = lt < 0 || gt < lt || TextScan.namesAMessageIdFirst(line.toLowerCase(Locale.ROOT)) ? ""
                    : Addresses.normalize(line.substring(lt + 1, gt));
            if (a.isEmpty()) {
                // the lines right under an address line (up to a blank line) belong to its verdict
                if (line.isBlank()) more = false;
                else if (address != null && more) lines.append(' ').append(line.strip());
                continue;
            }
            more = true;
            if (address != null) out.add(result(address, lines, subjectReason));
            address = a;
            lines.setLength(0);
            lines.append(line);
        }
        if (address != null) out.add(result(address, lines, subjectReason));
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "fml notice naming no address");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    private static RecipientStatus result(String address, CharSequence lines, Reason subjectReason) {
        String diag = TextScan.fold(lines.toString());
        Reason reason = VERDICTS.in(diag.toLowerCase(Locale.ROOT));
        return RecipientStatus.builder().address(address, "text").action("failed").diagnosticText(diag)
                .reasonHint(reason == null ? subjectReason : reason).build();
    }
}
