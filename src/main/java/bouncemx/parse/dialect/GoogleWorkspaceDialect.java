package bouncemx.parse.dialect;

import bouncemx.parse.BounceMessage;
import bouncemx.parse.Dialect;
import bouncemx.parse.Limits;
import bouncemx.parse.MimePart;
import bouncemx.parse.ParseResult;
import bouncemx.parse.ReasonTexts;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;
import bouncemx.parse.rfc3464.DeliveryStatus;
import bouncemx.reason.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static bouncemx.parse.ReasonTexts.row;

/**
 * Google's current notices (Gmail and Google Workspace, 2016 on), a multipart/report whose text starts
 * with a headline between asterisks and quotes the remote server after a fixed line:
 * <pre>
 * ** Message not delivered **          (or "** Address not found **", "** Delivery incomplete **")
 * You're sending this from a different address or alias using the 'Send mail as' feature. ...
 * The response was:                    (or "The response from the remote server was:")
 * Unspecified Error (SENT_SECOND_EHLO): Smtp server does not advertise AUTH capability
 * </pre>
 * Google writes the DSN fields but leaves Diagnostic-Code out (or the whole DSN part empty or absent, the
 * recipient then only in X-Failed-Recipients, else in the returned original's To) when the failure
 * happened before the remote server answered; this
 * dialect claims exactly those reports (a Diagnostic-Code present means the RFC 3464
 * reader already has everything) and takes the diagnostic from the "The response was:" block, else from
 * the paragraph under the headline. Some of Google's own explanations name the cause outright and give
 * a reason hint (see {@link #TEMPLATE_REASONS}). Returns NOT_MINE otherwise. Stateless, thread-safe.
 */
public final class GoogleWorkspaceDialect implements Dialect {
    private static final String[] RESPONSE = {"The response was:", "The response from the remote server was:"};

    /**
     * Google's fixed explanations (lowercase) and the reason they state. The 'Send mail as' text says
     * the sender's relay settings were refused (Sisimai: rejected, googleworkspace-01); "couldn't be
     * found" is Google's address-not-found notice (rhost-gsuite-02).
     */
    private static final ReasonTexts TEMPLATE_REASONS = ReasonTexts.of(
            row(Reason.REJECTED, "using the 'send mail as' feature"),
            row(Reason.USER_UNKNOWN, "because the address couldn't be found"));

    private final Limits limits;

    public GoogleWorkspaceDialect(Limits limits) { this.limits = limits; }

    public GoogleWorkspaceDialect() { this(Limits.DEFAULT); }

    @Override
    public String name() { return "googleworkspace"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        if (!ProviderText.fromGoogle(m)) return ParseResult.NOT_MINE;
        MimePart dsnPart = DeliveryStatus.part(m);
        String text = m.mainText();
        int head = headline(text);
        if (head < 0) return ParseResult.NOT_MINE;
        // no DSN part at all is read as an empty one
        byte[] b = dsnPart == null ? new byte[0] : dsnPart.bytes();
        DeliveryStatus ds = DeliveryStatus.parse(b, 0, b.length, limits);
        boolean missing = ds.recipients().isEmpty(); // an empty DSN part: X-Failed-Recipients names them
        for (RecipientStatus r : ds.recipients()) missing |= r.diagnosticText().isEmpty();
        if (!missing) return ParseResult.NOT_MINE;

        String response = "";
        for (String r : RESPONSE) {
            int at = TextScan.lineStarting(text, r, 0);
            if (at >= 0) {
                response = paragraphAfter(text, at);
                break;
            }
        }
        String explanation = paragraphAfter(text, head);
        String diag = response.isEmpty() ? explanation : response;
        String lowerExpl = explanation.toLowerCase(Locale.ROOT);
        Reason hint = TEMPLATE_REASONS.in(lowerExpl);
        List<RecipientStatus> out = new ArrayList<>();
        for (RecipientStatus r : ds.recipients()) {
            var rb = r.toBuilder();
            if (r.diagnosticText().isEmpty()) rb.diagnosticText(diag);
            rb.reasonHint(hint);
            out.add(rb.build());
        }
        List<String> failed = new ArrayList<>(ProviderText.failedRecipients(m));
        if (failed.isEmpty() && out.isEmpty()) {
            // last resort: the returned original's own To
            String to = bouncemx.parse.Addresses.first(bouncemx.parse.Originals.standard().find(m).to());
            if (!to.isEmpty()) failed.add(to);
        }
        if (out.isEmpty()) {
            for (String a : failed) {
                out.add(RecipientStatus.builder().address(a, "header").action("failed").diagnosticText(diag)
                        .reasonHint(hint).build());
            }
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "no recipient in Google's notice");
        return new ParseResult.Decoded(name(), new Report(Report.Kind.DELIVERY, ds.reportingMta(), ds.arrivalDate(),
                ds.originalEnvelopeId(), out, null));
    }

    /** Index of the "** Headline **" line, or -1. */
    private static int headline(String text) {
        int i = TextScan.lineStarting(text, "** ", 0);
        for (int n = 0; i >= 0 && n < 20; n++) {
            int e = text.indexOf('\n', i);
            String line = text.substring(i, e < 0 ? text.length() : e).trim();
            if (line.endsWith(" **") && line.length() > 6) return i;
            i = TextScan.lineStarting(text, "** ", i + 1);
        }
        return -1;
    }

    /** The first non-blank paragraph after the line at {@code at}, folded. */
    private static String paragraphAfter(String text, int at) {
        int s = text.indexOf('\n', at);
        if (s < 0) return "";
        while (s < text.length() && (text.charAt(s) == '\n' || text.charAt(s) == ' ')) s++;
        int e = text.indexOf("\n\n", s);
        if (e < 0) e = text.length();
        return TextScan.fold(text.substring(s, Math.min(e, s + 2048)));
    }
}
