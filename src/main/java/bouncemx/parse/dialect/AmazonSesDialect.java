package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.Dialect;
import bouncemx.parse.Limits;
import bouncemx.parse.MimePart;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.TextScan;
import bouncemx.parse.rfc3464.DeliveryStatus;
import bouncemx.reason.Reason;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon SES, in its two shapes:
 * <ul>
 *   <li>SES notifications delivered by Amazon SNS as email ("AWS Notification Message" from
 *   no-reply@sns.amazonaws.com): a JSON body {"notificationType":"Bounce"|"Complaint"|"Delivery", ...}
 *   (or "eventType" for SES event publishing; also the SNS envelope {"Type":"Notification","Message":
 *   "..."}). SNS folds long lines as "!" + line break + blank (blanks a relay adds after the "!" too);
 *   the fold is undone before the JSON is read. Bounce: bounce.bouncedRecipients[] (emailAddress,
 *   action, status, diagnosticCode). Complaint:
 *   complaint.complainedRecipients[] with complaintFeedbackType, returned as a COMPLAINT report.
 *   Delivery: delivery.recipients[] with smtpResponse ("250 2.6.0 Message received"), Action delivered.</li>
 *   <li>SES's own delivery status notifications (MAILER-DAEMON@...amazonses.com, multipart/report). The
 *   DSN fields are read as RFC 3464 (from the delivery-status part, else pasted in the text as WorkMail
 *   does); SES wraps the remote reply in its own words, and the remote words
 *   are taken out: "5.1.0 - Unknown address error 550-'5.7.1 &lt;...&gt;... Access denied' (delivery
 *   attempts: 0)" (2011) and "554 4.4.7 Message expired: unable to deliver in 840 minutes.&lt;421 4.4.2
 *   Connection timed out&gt;" (2017: the expiry is SES's, so the reason hint is expired).</li>
 * </ul>
 * Amazon WorkMail's reports (X-Mailer: Amazon WorkMail) are left to {@link AmazonWorkMailDialect}.
 * Returns NOT_MINE for other messages, Undecodable for a notification without recipients. Stateless,
 * thread-safe.
 */
public final class AmazonSesDialect implements Dialect {
    /** SNS's line fold inside the JSON text. */
    private static final Pattern SNS_FOLD = Pattern.compile("![ \\t]*\\r?\\n ");
    /** 2011 SES: "5.1.0 - Unknown address error 550-'5.7.1 ... Access denied' (delivery attempts: 0)". */
    private static final Pattern QUOTED_REPLY = Pattern.compile("^([245]\\.\\d{1,3}\\.\\d{1,3}) - .*?([245]\\d\\d)[- ]'(.*)'");
    /** 2017 SES: "... Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>". */
    private static final Pattern ANGLED_REPLY = Pattern.compile("<([245]\\d\\d[ -][245]\\.\\d{1,3}\\.\\d{1,3}[^<>]*)>\\s*$");
    private static final String EXPIRED = "message expired";

    private final Limits limits;

    public AmazonSesDialect(Limits limits) { this.limits = limits; }

    public AmazonSesDialect() { this(Limits.DEFAULT); }

    @Override
    public String name() { return "amazonses"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        String from = m.fromLower();
        if (from.contains("sns.amazonaws.com") || m.headers().has("x-amz-sns-message-type")) {
            String text = m.mainText();
            if (text.contains("\"notificationType\"") || text.contains("\"eventType\"")) return json(text);
            return ParseResult.NOT_MINE;
        }
        if (!from.contains("amazonses.com")) return ParseResult.NOT_MINE;
        String mailer = m.headers().get("x-mailer");
        if (mailer != null && mailer.toLowerCase(Locale.ROOT).contains("workmail")) return ParseResult.NOT_MINE;
        return dsn(m, name(), limits);
    }

    /** The DSN path shared with WorkMail: RFC 3464 fields, then the remote reply out of SES's wrapping. */
    static ParseResult dsn(BounceMessage m, String dialect, Limits limits) {
        MimePart part = DeliveryStatus.part(m);
        byte[] b;
        if (part != null) {
            b = part.bytes();
        } else { // WorkMail 2016 pastes the fields into its text after "Technical report:"
            String text = m.mainText();
            int at = TextScan.fieldLine(text, "reporting-mta", 0);
            if (at < 0) at = TextScan.fieldLine(text, "final-recipient", 0);
            if (at < 0) return ParseResult.NOT_MINE;
            b = text.substring(at).getBytes(StandardCharsets.UTF_8);
        }
        DeliveryStatus ds = DeliveryStatus.parse(b, 0, b.length, limits);
        if (ds.recipients().isEmpty()) return new ParseResult.Undecodable(dialect, "delivery-status part without recipients");
        List<RecipientStatus> out = new ArrayList<>(ds.recipients().size());
        for (RecipientStatus r : ds.recipients()) out.add(unwrap(r));
        return new ParseResult.Decoded(dialect, new Report(Report.Kind.DELIVERY, ds.reportingMta(), ds.arrivalDate(),
                ds.originalEnvelopeId(), out, null));
    }

    /** Replaces SES's wrapping of the remote reply by the remote reply itself. */
    static RecipientStatus unwrap(RecipientStatus r) {
        String d = r.diagnosticText();
        Matcher q = QUOTED_REPLY.matcher(d);
        if (q.find()) {
            String inner = q.group(3).trim();
            String status = Codes.status(inner);
            return r.toBuilder().diagnosticText(inner).replyCode(q.group(2))
                    .status(status.isEmpty() ? q.group(1) : status).build();
        }
        Matcher a = ANGLED_REPLY.matcher(d);
        if (a.find()) {
            String inner = a.group(1).trim();
            var rb = r.toBuilder().diagnosticText(inner);
            ProviderText.codes(rb, inner);
            if (d.toLowerCase(Locale.ROOT).contains(EXPIRED)) rb.reasonHint(Reason.EXPIRED);
            return rb.build();
        }
        return r;
    }

    private ParseResult json(String text) {
        JsonTree root = read(text);
        if (root == null) return new ParseResult.Undecodable(name(), "SES notification JSON does not parse");
        if (root.path("Message").isText()) { // the SNS envelope around the SES notification
            JsonTree inner = read(root.path("Message").text(""));
            if (inner != null) root = inner;
        }
        String type = root.path("notificationType").text(root.path("eventType").text(""));
        List<RecipientStatus> out = new ArrayList<>();
        Report.Kind kind = Report.Kind.DELIVERY;
        String reportingMta = "";
        switch (type) {
            case "Bounce" -> {
                JsonTree bounce = root.path("bounce");
                reportingMta = mta(bounce.path("reportingMTA").text(""));
                String remote = bounce.path("remoteMtaIp").text("");
                boolean transient_ = bounce.path("bounceType").text("").equals("Transient");
                for (JsonTree n : bounce.path("bouncedRecipients").items()) {
                    String diag = n.path("diagnosticCode").text("");
                    String dtype = "";
                    int semi = diag.indexOf(';');
                    if (semi > 0 && semi < 12 && diag.substring(0, semi).indexOf(' ') < 0) {
                        dtype = diag.substring(0, semi).trim().toLowerCase(Locale.ROOT);
                        diag = diag.substring(semi + 1).trim();
                    }
                    String action = n.path("action").text("");
                    if (action.isEmpty()) action = transient_ ? "delayed" : "failed";
                    var b = RecipientStatus.builder().address(Addresses.normalize(n.path("emailAddress").text("")), "dsn")
                            .action(action.toLowerCase(Locale.ROOT)).diagnostic(dtype, diag).remoteMta(remote)
                            .reportingMta(reportingMta);
                    ProviderText.codes(b, diag);
                    String status = Codes.status(n.path("status").text(""));
                    if (!status.isEmpty()) b.status(status);
                    out.add(b.build());
                }
            }
            case "Complaint" -> {
                kind = Report.Kind.COMPLAINT;
                JsonTree c = root.path("complaint");
                String fb = c.path("complaintFeedbackType").text("");
                for (JsonTree n : c.path("complainedRecipients").items()) {
                    out.add(RecipientStatus.builder().address(Addresses.normalize(n.path("emailAddress").text("")), "dsn")
                            .feedbackType(fb.isEmpty() ? "other" : fb.toLowerCase(Locale.ROOT))
                            .sourceIp(root.path("mail").path("sourceIp").text("")).build());
                }
            }
            case "Delivery" -> {
                JsonTree d = root.path("delivery");
                reportingMta = mta(d.path("reportingMTA").text(""));
                String response = d.path("smtpResponse").text("");
                for (JsonTree n : d.path("recipients").items()) {
                    var b = RecipientStatus.builder().address(Addresses.normalize(n.text("")), "dsn").action("delivered")
                            .diagnostic(response.isEmpty() ? "" : "smtp", response)
                            .remoteMta(d.path("remoteMtaIp").text("")).reportingMta(reportingMta);
                    out.add(ProviderText.codes(b, response).build());
                }
            }
            default -> {
                return ParseResult.NOT_MINE;
            }
        }
        out.removeIf(r -> r.address().isEmpty());
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "SES " + type + " notification without recipients");
        return new ParseResult.Decoded(name(), new Report(kind, reportingMta, "", "", out, null));
    }

    /** The JSON object in the text (SNS folds undone), or null. */
    private static JsonTree read(String text) {
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0 || end <= start) return null;
        String body = SNS_FOLD.matcher(text.substring(start, end + 1)).replaceAll("");
        return JsonTree.parseObject(body); // null when not JSON after all: the caller reports Undecodable
    }

    private static String mta(String v) { return bouncemx.parse.MtaName.of(v); }
}
