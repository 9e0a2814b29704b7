package bouncemx.testing;

import bouncemx.parse.ContentType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Meaning-preserving rewrites of a message, for metamorphic tests: the same bounce carried differently
 * (other transfer encoding, header case, folding, boundaries, charset label, forwarded as an attachment,
 * ...) must decode to the same verdict. Each {@link Transform} is a named function with the reason why the
 * meaning is kept; it returns null when it does not apply to a message (nothing to rewrite), so that rates
 * count only messages it changed.
 *
 * <p>A message is read into a small tree of {@link Node}s over its text (bytes as ISO-8859-1, so every
 * byte survives; line breaks are LF: callers pass {@link #lf(byte[])}), and written back exactly as it
 * was unless a transform changed a node ({@link #roundTrip} is the identity, a test pins that). This reader
 * is independent of the decoder's: a shared bug would hide itself.
 */
public final class Transforms {
    private Transforms() {}

    /** A named rewrite; {@code apply} returns null when the message has nothing it rewrites. */
    public record Transform(String name, String why, boolean asserted, UnaryOperator<byte[]> apply) {}

    /** The transforms the invariance test runs, in report order. */
    public static List<Transform> all() {
        return List.of(
                new Transform("qp-text", "quoted-printable is a reversible transfer encoding (RFC 2045 6.7)", true,
                        m -> rewrite(m, n -> reencodeText(n, "quoted-printable"))),
                new Transform("base64-text", "base64 is a reversible transfer encoding (RFC 2045 6.8)", true,
                        m -> rewrite(m, n -> reencodeText(n, "base64"))),
                new Transform("blank-line-first", "an empty line before the header is a writer's stray newline", true,
                        m -> prefix("\n", m)),
                new Transform("space-line-first", "a whitespace-only line before the header carries nothing", true,
                        m -> prefix(" \n", m)),
                new Transform("names-lower", "header field names are case-insensitive (RFC 5322 1.2.2)", true,
                        m -> rewrite(m, n -> renameFields(n, s -> s.toLowerCase(Locale.ROOT)))),
                new Transform("names-upper", "header field names are case-insensitive (RFC 5322 1.2.2)", true,
                        m -> rewrite(m, n -> renameFields(n, s -> s.toUpperCase(Locale.ROOT)))),
                new Transform("refold-30-tab", "folding white space is not part of a field's meaning (RFC 5322 2.2.3)", true,
                        m -> rewrite(m, n -> refoldFields(n, 30))),
                new Transform("dsn-names-upper", "DSN field names are case-insensitive (RFC 3464 2.1, RFC 822 syntax)", true,
                        m -> rewrite(m, n -> dsnFields(n, Transforms::upperName))),
                new Transform("dsn-refold-30-tab", "DSN fields fold like header fields (RFC 3464 2.1)", true,
                        m -> rewrite(m, n -> dsnFields(n, f -> refold(f, 30)))),
                new Transform("header-loose-colon", "RFC 822's obsolete syntax puts blanks before a field's colon (RFC 5322 4.5.3); a first line \"From : ...\" is that, no mbox separator", true,
                        m -> rewrite(m, Transforms::looseHeaderColons)),
                new Transform("dsn-loose-colon", "gateways write DSN fields \"Name : value\" (obsolete RFC 822 syntax, RFC 5322 4.5.3 obs-optional)", true,
                        m -> rewrite(m, n -> dsnFields(n, Transforms::looseColon))),
                new Transform("boundary-rename", "a boundary is an arbitrary token (RFC 2046 5.1.1 bchars)", true,
                        m -> rewrite(m, Transforms::renameBoundaries)),
                new Transform("charset-swap", "an ASCII-only text reads the same in us-ascii, utf-8 or iso-8859-1", true,
                        m -> rewrite(m, Transforms::swapCharset)),
                new Transform("trailing-spaces", "trailing blanks on a text line carry nothing (but in a format=flowed text)", true,
                        m -> rewrite(m, Transforms::trailingSpaces)),
                new Transform("forwarded", "a person forwarding the bounce as an attachment (RFC 2046 5.2.1) changes no fact in it", true,
                        Transforms::forwarded),
                new Transform("original-headers-only", "the returned original's body is not part of the report (RFC 6522 text/rfc822-headers)", true,
                        m -> rewrite(m, n -> reduceOriginal(n, true))),
                new Transform("original-body-cut", "the returned original's body is not part of the report", true,
                        m -> rewrite(m, n -> reduceOriginal(n, false))),
                new Transform("original-bounce-words", "the returned original's text is the sender's, not the report: bounce words, reply codes and addresses in it change no verdict", true,
                        m -> rewrite(m, Transforms::bounceWordsInOriginal)),
                new Transform("original-as-file", "a gateway or client attaching the returned original (or a forwarded report) as a file, application/octet-stream \"original.eml\", changes no fact", true,
                        m -> rewrite(m, Transforms::originalAsFile)),
                new Transform("help-footer", "help lines, a disclaimer and a signature at the foot of the notice's text (\"Need help? team@...\", \"-- \") name no failed recipient", true,
                        m -> rewrite(m, Transforms::helpFooter)),
                new Transform("greeting", "a greeting of the notice's reader, the sender, by address (\"Dear shop-owner@...,\"), and the message named by its Message-ID, name no failed recipient", true,
                        m -> rewrite(m, Transforms::greeting)),
                new Transform("mime-upper", "MIME types, parameter names and transfer encodings are case-insensitive (RFC 2045 5.1, 6.1)", true,
                        m -> rewrite(m, Transforms::mimeUpper)),
                new Transform("params-quoted", "a parameter value is the same as a token or a quoted string (RFC 2045 5.1)", true,
                        m -> rewrite(m, Transforms::quoteParams)),
                new Transform("subject-encoded-word", "an encoded word is the same text (RFC 2047): MUAs and gateways encode Subject and From", true,
                        m -> rewrite(m, Transforms::encodeWords)),
                new Transform("subject-tagged", "a security gateway's tags before the Subject ('[EXTERNAL] ***SPAM*** ') change no fact of the notice", true,
                        m -> rewrite(m, Transforms::tagSubject)),
                new Transform("subject-own", "a site's or gateway's own Subject ('Notification') over a notice: measured only, since some"
                        + " notices name their reason or recipient only in the Subject and a person's forward is known by it", false,
                        m -> rewrite(m, Transforms::ownSubject)),
                new Transform("mime-fields-only", "the header cut to its MIME fields, as an archive's or a test suite's copy may keep a"
                        + " notice (HeaderlessNoticesTest asserts MTAs' templates): measured only, since providers' notices, complaints"
                        + " and auto-replies are known by their From, Subject and Auto-Submitted", false,
                        m -> rewrite(m, Transforms::mimeFieldsOnly)),
                new Transform("gateway-banner", "a security gateway's warning put above the text (and the HTML) of a message from outside", true,
                        m -> rewrite(m, Transforms::gatewayBanner)),
                new Transform("list-footer", "a mailing list's footer added as a part of its own, the message wrapped in multipart/mixed (as Mailman adds it)", true,
                        Transforms::listFooter),
                new Transform("relay-hop", "one more relay on the way in adds a Received field on top (RFC 5321 4.4)", true,
                        m -> rewrite(m, Transforms::relayHop)),
                new Transform("header-order", "the order of the non-trace header fields carries nothing (RFC 5322 3.6)", true,
                        m -> rewrite(m, Transforms::reorderFields)),
                new Transform("dsn-blank-lines", "extra empty lines between and around the DSN field groups (RFC 3464 2.1)", true,
                        m -> rewrite(m, Transforms::dsnBlankLines)),
                new Transform("html-alternative", "the text part joined by an HTML copy in multipart/alternative, text first (RFC 2046 5.1.4)", true,
                        m -> rewrite(m, n -> htmlCopy(n, true))),
                new Transform("charset-to-utf8", "a text converted from its charset to UTF-8 (and so labelled) is the same text", true,
                        m -> rewrite(m, Transforms::toUtf8)),
                new Transform("quoted-inline", "the text quoted with '> ' under an attribution, as a mail client quotes it (InlineText)", true,
                        m -> rewrite(m, Transforms::quoteInline)),
                new Transform("dsn-base64", "the delivery-status part base64-encoded (RFC 3464 keeps it 7bit, some gateways do not)", true,
                        m -> rewrite(m, Transforms::dsnBase64)),
                new Transform("dsn-as-text-plain", "the delivery-status part labelled text/plain, as some gateways label it (DeliveryStatus.readsAsDeliveryStatus)", true,
                        m -> rewrite(m, Transforms::dsnAsTextPlain)),
                new Transform("dsn-as-octet-stream", "the delivery-status part attached as a file, application/octet-stream \"details.txt\"", true,
                        m -> rewrite(m, n -> dsnRelabelled(n, "application/octet-stream; name=\"details.txt\""))),
                new Transform("feedback-report-as-file", "an ARF report's feedback-report part labelled text/plain or attached as a file, as gateways relabel report parts (ArfDialect.feedbackPart)", true,
                        m -> rewrite(m, n -> relabelled(n, "message/feedback-report", "application/octet-stream; name=\"report.txt\""))),
                new Transform("html-only", "the text part replaced by an HTML copy of it (each line ended by <br>)", true,
                        m -> rewrite(m, n -> htmlCopy(n, false))),
                new Transform("format-flowed", "plain text sent format=flowed at 72 columns, soft breaks and stuffing (RFC 3676), as mail clients send it", true,
                        m -> rewrite(m, n -> flowed(n, 72))),
                new Transform("rewrap-72", "plain text re-wrapped at 72 columns, the rest at column 0: cut lines are joined again (WrappedLines)", true,
                        m -> rewrap(m, 72, false)),
                new Transform("rewrap-72-indented", "the same, each continuation indented like its line (measured only)", false,
                        m -> rewrap(m, 72, true)),
                new Transform("rewrap-72-hanging", "the same, each continuation indented 4 more than its line, as Postfix wraps (measured only)", false,
                        m -> rewrite(m, n -> rewrap(n, 72, true, "    "))),
                new Transform("outlook-forward-l10n", "a person's inline forward in a localised Outlook (fr, de, es, it, nl, pt, measured only: as the English control, a forward without report parts is read from its carried text alone, and this one keeps the notice's header and parts that the reading leaves behind): '-----Message d'origine-----', 'De :', 'Envoyé :', 'À :', 'Objet :'; Subject 'TR: ', 'WG: ', 'RV: ', 'I: ', 'ENC: ' (InlineText)", false,
                        m -> rewrite(m, n -> forwardInline(n, Client.OUTLOOK))),
                new Transform("outlook-forward-l10n-rule", "the same under newer Outlook's rule of underscores (InlineText)", false,
                        m -> rewrite(m, n -> forwardInline(n, Client.OUTLOOK_RULE))),
                new Transform("thunderbird-forward-l10n", "a person's inline forward in a localised Thunderbird ('-------- Weitergeleitete Nachricht --------', 'Betreff:', 'Datum:', 'Von:', 'An:')", false,
                        m -> rewrite(m, n -> forwardInline(n, Client.THUNDERBIRD))),
                new Transform("gmail-forward-l10n", "a person's inline forward in a localised Gmail ('---------- Message transféré ---------', 'De :')", false,
                        m -> rewrite(m, n -> forwardInline(n, Client.GMAIL))),
                new Transform("thunderbird-reply-l10n", "the text quoted under a localised Thunderbird attribution ('Am ... um ... schrieb X:')", true,
                        m -> rewrite(m, n -> quotedReply(n, true))),
                new Transform("gmail-reply-l10n", "the text quoted under a localised Gmail attribution ('Le jeu. 1 janv. 2026 à 10:00, X a écrit :')", true,
                        m -> rewrite(m, n -> quotedReply(n, false))),
                new Transform("utf8-labelled-latin1", "a UTF-8 text labelled iso-8859-1: addresses and codes are ASCII", true,
                        m -> rewrite(m, n -> mislabel(n, "utf-8", "iso-8859-1"))),
                new Transform("utf8-labelled-cp1252", "a UTF-8 text labelled windows-1252", true,
                        m -> rewrite(m, n -> mislabel(n, "utf-8", "windows-1252"))),
                new Transform("latin1-labelled-ascii", "a Latin-1 text labelled us-ascii", true,
                        m -> rewrite(m, n -> mislabel(n, "latin1", "us-ascii"))),
                new Transform("latin1-unlabelled", "a Latin-1 text without a charset", true,
                        m -> rewrite(m, n -> mislabel(n, "latin1", null))),
                new Transform("charset-dropped", "every ASCII, UTF-8 or Latin-1 text part without its charset parameter", true,
                        m -> rewrite(m, n -> charsetDropped(n, false))),
                new Transform("charset-dropped-legacy", "a GB2312, KOI8-R, EUC-KR, ... text without its charset (measured only: its bytes are no text without the label)", false,
                        m -> rewrite(m, n -> charsetDropped(n, true))),
                new Transform("charset-unknown-8bit", "every ASCII, UTF-8 or Latin-1 text part labelled unknown-8bit (RFC 1428), as sendmail labels unlabelled 8-bit text", true,
                        m -> rewrite(m, n -> charsetLabel(n, "unknown-8bit", false))),
                new Transform("charset-unknown-8bit-legacy", "a GB2312, KOI8-R, EUC-KR, ... text labelled unknown-8bit (measured only, as charset-dropped-legacy)", false,
                        m -> rewrite(m, n -> charsetLabel(n, "unknown-8bit", true))),
                new Transform("8bit-no-cte", "8-bit text written as raw bytes with no Content-Transfer-Encoding", true,
                        m -> rewrite(m, Transforms::eightBitUnlabelled)),
                new Transform("line-ends-crlf", "every line ending CRLF, as SMTP carries it (RFC 5321 2.3.8)", true,
                        m -> lineEnds(m, "\r\n")),
                new Transform("line-ends-cr", "every line ending CR alone, as classic Mac OS wrote text", true,
                        m -> lineEnds(m, "\r")),
                new Transform("line-ends-mixed", "CRLF and LF alternating in one message, as a store that added lines of its own writes it", true,
                        m -> lineEnds(m, null)),
                new Transform("line-ends-cr-cr-lf", "text lines ending CR CR LF, a CRLF written through a text-mode translation", true,
                        m -> rewrite(m, Transforms::doubledCr)),
                new Transform("resent", "redirected by a person's client, Resent-* fields on top (RFC 5322 3.6.6)", true,
                        m -> rewrite(m, Transforms::resent)),
                new Transform("mbox-stored", "stored in an mbox: a 'From ' line first, body lines 'From ' quoted '>From ' (RFC 4155)", true,
                        Transforms::mboxStored));
    }

    /**
     * For each localised rewrite, the same rewrite in English: a localised client's forward or quote must be read
     * as the English one is (TransportInvarianceTest asserts it where the rewrite itself is measured only).
     */
    public static java.util.Map<String, UnaryOperator<byte[]>> englishControls() {
        return java.util.Map.of(
                "outlook-forward-l10n", m -> rewrite(m, n -> forwardInline(n, Client.OUTLOOK, ENGLISH)),
                "outlook-forward-l10n-rule", m -> rewrite(m, n -> forwardInline(n, Client.OUTLOOK_RULE, ENGLISH)),
                "thunderbird-forward-l10n", m -> rewrite(m, n -> forwardInline(n, Client.THUNDERBIRD, ENGLISH)),
                "gmail-forward-l10n", m -> rewrite(m, n -> forwardInline(n, Client.GMAIL, ENGLISH)));
    }

    // ---------------------------------------------------------------- the tree

    /** One header field, its raw lines joined with "\n" (no final line break). */
    static final class Field {
        String raw;

        Field(String raw) { this.raw = raw; }

        String name() { return raw.substring(0, raw.indexOf(':')).trim(); }

        String lowerName() { return name().toLowerCase(Locale.ROOT); }

        /** Unfolded value (line breaks removed), trimmed. */
        String value() { return raw.substring(raw.indexOf(':') + 1).replace("\n", "").trim(); }
    }

    /** A message or MIME entity: header fields, then a body that is raw text, children, or an embedded message. */
    static final class Node {
        String lead = "";                 // lines before the first field (an mbox "From " line)
        final List<Field> fields = new ArrayList<>();
        String separator = "";            // "\n" when an empty line ends the header
        String body = "";                 // raw body when neither children nor embedded
        // multipart
        String boundary;
        String preamble;                  // text before the first delimiter line (with its line break)
        final List<String> delimiters = new ArrayList<>(); // each delimiter line as written
        final List<Node> children = new ArrayList<>();
        final List<String> childBreaks = new ArrayList<>(); // "\n" that ends each child before the next delimiter
        String close;                     // the close delimiter line as written, or null
        String epilogue = "";             // after the close line
        // message/rfc822
        Node embedded;
        ContentType dflt;

        Field field(String lowerName) {
            for (Field f : fields) if (f.lowerName().equals(lowerName)) return f;
            return null;
        }

        String value(String lowerName) {
            Field f = field(lowerName);
            return f == null ? null : f.value();
        }

        ContentType contentType() { return ContentType.parse(value("content-type"), dflt); }

        String encoding() {
            String v = value("content-transfer-encoding");
            return v == null ? "" : v.toLowerCase(Locale.ROOT);
        }

        boolean identityEncoded() {
            String e = encoding();
            return e.isEmpty() || e.equals("7bit") || e.equals("8bit") || e.equals("binary");
        }

        boolean isLeaf() { return boundary == null && embedded == null; }

        void set(String name, String value) {
            Field f = field(name.toLowerCase(Locale.ROOT));
            if (f == null) fields.add(new Field(name + ": " + value));
            else f.raw = f.raw.substring(0, f.raw.indexOf(':') + 1) + " " + value;
        }

        /** The body with its transfer encoding undone, as bytes in ISO-8859-1 chars. */
        String decodedBody() {
            return switch (encoding()) {
                case "base64" -> {
                    String clean = body.replaceAll("(?s)=.*", "").replaceAll("[^A-Za-z0-9+/]", "");
                    if (clean.length() % 4 == 1) clean = clean.substring(0, clean.length() - 1);
                    yield latin1(Base64.getDecoder().decode(clean + "=".repeat((4 - clean.length() % 4) % 4)));
                }
                case "quoted-printable" -> qpDecode(body);
                default -> body;
            };
        }

        void write(StringBuilder out) {
            out.append(lead);
            for (Field f : fields) out.append(f.raw).append('\n');
            out.append(separator);
            if (boundary != null) {
                out.append(preamble);
                for (int i = 0; i < children.size(); i++) {
                    out.append(delimiters.get(i)).append('\n');
                    children.get(i).write(out);
                    out.append(childBreaks.get(i));
                }
                if (close != null) out.append(close);
                out.append(epilogue);
            } else if (embedded != null) {
                embedded.write(out);
            } else {
                out.append(body);
            }
        }

        /** This node and every node below it, depth first. */
        void walk(java.util.function.Consumer<Node> visit) {
            visit.accept(this);
            for (Node c : children) c.walk(visit);
            if (embedded != null) embedded.walk(visit);
        }
    }

    /** Reads {@code text} (LF line breaks) as a message; {@code dflt} is the type when it names none. */
    static Node read(String text, ContentType dflt) { return read(text, dflt, false); }

    static Node read(String text, ContentType dflt, boolean root) {
        Node n = new Node();
        n.dflt = dflt;
        int pos = 0;
        if (dflt == ContentType.TEXT_PLAIN && root) {
            // blank or whitespace-only lines before the header are a writer's stray newlines, not an empty header
            int p = 0;
            while (p < text.length()) {
                int eol = text.indexOf('\n', p);
                if (eol < 0 || !text.substring(p, eol).isBlank()) break;
                p = eol + 1;
            }
            if (p > 0 && p < text.length()) {
                int eol = text.indexOf('\n', p);
                if (isFieldLine(eol < 0 ? text.substring(p) : text.substring(p, eol))) { n.lead = text.substring(0, p); pos = p; }
            }
        }
        if (pos == 0 && text.startsWith("From ")) {
            int eol = text.indexOf('\n');
            if (eol < 0) { n.body = text; n.lead = ""; return n; }
            n.lead = text.substring(0, eol + 1);
            pos = eol + 1;
        }
        while (pos < text.length()) {
            int eol = text.indexOf('\n', pos);
            int end = eol < 0 ? text.length() : eol;
            String line = text.substring(pos, end);
            if (line.isEmpty()) { n.separator = "\n"; pos = end + 1; break; }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !n.fields.isEmpty()) {
                Field last = n.fields.get(n.fields.size() - 1);
                last.raw = last.raw + "\n" + line;
            } else if (isFieldLine(line)) {
                n.fields.add(new Field(line));
            } else {
                break; // the body starts here, without an empty line
            }
            if (eol < 0) { pos = text.length(); break; }
            pos = eol + 1;
        }
        String body = pos >= text.length() ? "" : text.substring(pos);
        ContentType ct = n.contentType();
        if (ct.isMultipart() && ct.boundary() != null && splitMultipart(n, body, ct)) return n;
        if ((ct.is("message/rfc822") || ct.is("message/global")) && n.identityEncoded() && !body.isEmpty()) {
            n.embedded = read(body, ContentType.TEXT_PLAIN);
            return n;
        }
        n.body = body;
        return n;
    }

    private static final Pattern FIELD = Pattern.compile("[!-9;-~]+[ \t]*:.*");

    static boolean isFieldLine(String line) { return FIELD.matcher(line).matches(); }

    private static boolean splitMultipart(Node n, String body, ContentType ct) {
        String delim = "--" + ct.boundary();
        List<int[]> lines = new ArrayList<>(); // [start, end] of each delimiter line (end = before its '\n')
        int pos = 0;
        boolean closed = false;
        while (pos <= body.length()) {
            int eol = body.indexOf('\n', pos);
            int end = eol < 0 ? body.length() : eol;
            if (body.startsWith(delim, pos)) {
                String rest = body.substring(pos + delim.length(), end);
                if (rest.startsWith("--")) { lines.add(new int[]{pos, end, 1}); closed = true; break; }
                if (rest.isBlank()) lines.add(new int[]{pos, end, 0});
            }
            if (eol < 0) break;
            pos = eol + 1;
        }
        if (lines.isEmpty() || lines.get(0)[2] == 1) return false;
        int[] lastOpen = lines.get(lines.size() - 1)[2] == 1 ? lines.get(lines.size() - 2) : lines.get(lines.size() - 1);
        if (lastOpen[1] >= body.length()) return false; // a delimiter as the very last line: write() would add a break
        n.boundary = ct.boundary();
        n.preamble = body.substring(0, lines.get(0)[0]);
        for (int i = 0; i < lines.size(); i++) {
            int[] l = lines.get(i);
            if (l[2] == 1) {
                n.close = body.substring(l[0], l[1]);
                n.epilogue = body.substring(l[1]);
                break;
            }
            n.delimiters.add(body.substring(l[0], l[1]));
            int start = Math.min(body.length(), l[1] + 1);
            int stop = i + 1 < lines.size() ? lines.get(i + 1)[0] : body.length();
            String part = start <= stop ? body.substring(start, stop) : "";
            String brk = i + 1 < lines.size() && part.endsWith("\n") ? "\n" : "";
            if (!brk.isEmpty()) part = part.substring(0, part.length() - 1);
            ContentType childDefault = ct.is("multipart/digest") ? ContentType.MESSAGE_RFC822 : ContentType.TEXT_PLAIN;
            n.children.add(read(part, childDefault));
            n.childBreaks.add(brk);
        }
        return true;
    }

    /** The message text as a string of ISO-8859-1 chars, every CRLF or CR turned into LF. */
    public static String lf(byte[] raw) {
        String s = latin1(raw);
        return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
    }

    static String latin1(byte[] b) { return new String(b, StandardCharsets.ISO_8859_1); }

    static byte[] bytes(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    /** Reads and writes back unchanged: must give the same text (the reader loses nothing). */
    public static String roundTrip(String text) {
        var out = new StringBuilder(text.length());
        read(text, ContentType.TEXT_PLAIN, true).write(out);
        return out.toString();
    }

    /** Applies {@code change} (true when it changed something) to the tree of {@code raw}; null when nothing changed. */
    static byte[] rewrite(byte[] raw, java.util.function.Predicate<Node> change) {
        Node root = read(lf(raw), ContentType.TEXT_PLAIN, true);
        if (!change.test(root)) return null;
        var out = new StringBuilder(raw.length + raw.length / 3);
        root.write(out);
        return bytes(out.toString());
    }

    private static byte[] prefix(String lead, byte[] raw) {
        String text = lf(raw);
        if (text.startsWith("From ")) return null; // an mbox separator must stay first
        return bytes(lead + text);
    }

    // ---------------------------------------------------------------- the rewrites

    /** Nodes of the report itself: not inside a returned (embedded) message. */
    private static void reportNodes(Node n, java.util.function.Consumer<Node> visit) {
        visit.accept(n);
        for (Node c : n.children) reportNodes(c, visit);
    }

    private static boolean isText(Node n) { return n.isLeaf() && n.contentType().mimeType().startsWith("text/"); }

    /** Every text leaf of the report re-encoded with {@code cte}. */
    static boolean reencodeText(Node root, String cte) {
        boolean[] changed = {false};
        reportNodes(root, n -> {
            if (!isText(n) || n.body.isEmpty() || n.encoding().equals(cte)) return;
            if (!n.identityEncoded() && !n.encoding().equals("base64") && !n.encoding().equals("quoted-printable")) return;
            String decoded = n.decodedBody();
            n.body = cte.equals("base64") ? base64(decoded) : qpEncode(decoded);
            n.set("Content-Transfer-Encoding", cte);
            if (n == root && n.field("mime-version") == null) n.set("MIME-Version", "1.0");
            changed[0] = true;
        });
        return changed[0];
    }

    static String base64(String latin1) {
        String b = Base64.getMimeEncoder(76, new byte[]{'\n'}).encodeToString(bytes(latin1));
        return b.isEmpty() ? b : b + "\n";
    }

    /** Quoted-printable with hard breaks at every LF, soft breaks so that no line passes 76 columns. */
    static String qpEncode(String latin1) {
        var out = new StringBuilder(latin1.length() * 5 / 4);
        String[] lines = latin1.split("\n", -1);
        for (int li = 0; li < lines.length; li++) {
            String line = lines[li];
            int col = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                boolean last = i == line.length() - 1;
                String enc = (c == '=' || c > 126 || (c < 32 && c != '\t') || ((c == ' ' || c == '\t') && last))
                        ? String.format("=%02X", (int) c) : String.valueOf(c);
                if (col + enc.length() > 75) { out.append("=\n"); col = 0; }
                out.append(enc);
                col += enc.length();
            }
            if (li < lines.length - 1) out.append('\n');
        }
        return out.toString();
    }

    static String qpDecode(String s) {
        var out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '=') { out.append(c); continue; }
            if (i + 1 < s.length() && s.charAt(i + 1) == '\n') { i++; continue; }
            int j = i + 1;
            while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) j++;
            if (j < s.length() && s.charAt(j) == '\n' && j > i + 1) { i = j; continue; }
            if (i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.append((char) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2))));
                i += 2;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static int hex(char c) { return Character.digit(c, 16); }

    /** Every field name everywhere (report, parts, returned original) rewritten by {@code f}. */
    static boolean renameFields(Node root, UnaryOperator<String> f) {
        boolean[] changed = {false};
        root.walk(n -> {
            for (Field fl : n.fields) {
                String name = fl.raw.substring(0, fl.raw.indexOf(':'));
                String renamed = f.apply(name);
                if (!renamed.equals(name)) { fl.raw = renamed + fl.raw.substring(name.length()); changed[0] = true; }
            }
        });
        return changed[0];
    }

    /** Every header field longer than {@code width} unfolded and folded again at whitespace, continuations with a tab. */
    static boolean refoldFields(Node root, int width) {
        boolean[] changed = {false};
        root.walk(n -> {
            for (Field f : n.fields) {
                String folded = refold(f.raw, width);
                if (!folded.equals(f.raw)) { f.raw = folded; changed[0] = true; }
            }
        });
        return changed[0];
    }

    /**
     * One field folded at {@code width}: the existing line breaks removed (RFC 5322 unfolding), then a blank
     * outside quoted strings replaced by LF + TAB where a line would pass the width. A blank is kept as a
     * blank for the reader ("a b" becomes "a\n\tb", which unfolds to "a\tb": white space all the same).
     */
    static String refold(String raw, int width) {
        String flat = raw.replace("\n", "");
        if (flat.length() <= width) return raw;
        var out = new StringBuilder(flat.length() + 8);
        int col = 0;
        boolean quoted = false;
        int colon = flat.indexOf(':');
        int lastBlank = -1; // index in out of a foldable blank on the current line
        for (int i = 0; i < flat.length(); i++) {
            char c = flat.charAt(i);
            if (c == '"' && i > colon) quoted = !quoted;
            out.append(c);
            col++;
            if ((c == ' ' || c == '\t') && !quoted && i > colon + 1 && i + 1 < flat.length()
                    && flat.charAt(i - 1) != ' ' && flat.charAt(i - 1) != '\t' && flat.charAt(i + 1) != ' ' && flat.charAt(i + 1) != '\t') {
                lastBlank = out.length() - 1;
            }
            if (col > width && lastBlank >= 0) {
                out.replace(lastBlank, lastBlank + 1, "\n\t");
                col = out.length() - lastBlank - 1;
                lastBlank = -1;
            }
        }
        return out.toString();
    }

    /**
     * The per-message and per-recipient fields of each message/delivery-status part (RFC 3464 2.1: header
     * syntax) with names upper-cased, or folded at {@code width}.
     */
    /** Every field of each identity-encoded delivery-status part rewritten by {@code field} (its lines, folded ones joined by "\n"). */
    static boolean dsnFields(Node root, UnaryOperator<String> field) {
        boolean[] changed = {false};
        reportNodes(root, n -> {
            if (!n.isLeaf() || !n.identityEncoded()) return;
            String t = n.contentType().mimeType();
            if (!t.equals("message/delivery-status") && !t.equals("message/global-delivery-status")) return;
            String[] lines = n.body.split("\n", -1);
            var out = new StringBuilder(n.body.length() + 16);
            var fieldLines = new StringBuilder();
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                boolean cont = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
                if (cont && fieldLines.length() > 0) { fieldLines.append('\n').append(line); continue; }
                flushDsn(fieldLines, out, field);
                if (isFieldLine(line)) fieldLines.append(line);
                else out.append(line).append(i < lines.length - 1 ? "\n" : "");
            }
            flushDsn(fieldLines, out, field);
            String body = out.toString();
            if (body.endsWith("\n") && !n.body.endsWith("\n")) body = body.substring(0, body.length() - 1);
            if (!body.equals(n.body)) { n.body = body; changed[0] = true; }
        });
        return changed[0];
    }

    private static void flushDsn(StringBuilder lines, StringBuilder out, UnaryOperator<String> field) {
        if (lines.length() == 0) return;
        out.append(field.apply(lines.toString())).append('\n');
        lines.setLength(0);
    }

    private static String upperName(String field) {
        int colon = field.indexOf(':');
        return field.substring(0, colon).toUpperCase(Locale.ROOT) + field.substring(colon);
    }

    /** Every field of the message's own header written "Name : value". */
    static boolean looseHeaderColons(Node root) {
        if (root.fields.isEmpty()) return false;
        for (Field f : root.fields) f.raw = looseColon(f.raw);
        return true;
    }

    /** "Name: value" as "Name : value". */
    private static String looseColon(String field) {
        int colon = field.indexOf(':');
        return field.substring(0, colon) + " :" + field.substring(colon + 1);
    }

    /** Every multipart boundary renamed to a longer one with the characters '=', '_' and '.' (quoted). */
    static boolean renameBoundaries(Node root) {
        boolean[] changed = {false};
        int[] k = {0};
        root.walk(n -> {
            if (n.boundary == null) return;
            String nb = "=_Part.Renamed_" + (++k[0]) + "." + "0123456789abcdef".repeat(2) + "==";
            Field f = n.field("content-type");
            String raw = f.raw;
            Matcher m = Pattern.compile("(?i)(boundary\\s*=\\s*)(\"[^\"]*\"|[^;\\s]+)").matcher(raw);
            if (!m.find()) return;
            f.raw = raw.substring(0, m.start(2)) + "\"" + nb + "\"" + raw.substring(m.end(2));
            String old = "--" + n.boundary;
            for (int i = 0; i < n.delimiters.size(); i++) n.delimiters.set(i, "--" + nb + n.delimiters.get(i).substring(old.length()));
            if (n.close != null) n.close = "--" + nb + n.close.substring(old.length());
            n.boundary = nb;
            changed[0] = true;
        });
        return changed[0];
    }

    private static final String[] CHARSETS = {"us-ascii", "utf-8", "iso-8859-1"};

    /** Every ASCII-only text leaf of the report labelled with the next charset of us-ascii, utf-8, iso-8859-1. */
    static boolean swapCharset(Node root) {
        boolean[] changed = {false};
        reportNodes(root, n -> {
            if (!isText(n) || n.body.isEmpty()) return;
            String decoded = n.decodedBody();
            for (int i = 0; i < decoded.length(); i++) if (decoded.charAt(i) > 127) return;
            if (decoded.indexOf(0x1b) >= 0) return; // ISO-2022 escapes: 7-bit, but not ASCII text
            if (decoded.contains("=?")) return; // encoded words in a body are read by some dialects whatever the label
            ContentType ct = n.contentType();
            String cs = ct.charset() == null ? "" : ct.charset().toLowerCase(Locale.ROOT);
            int at = java.util.Arrays.asList(CHARSETS).indexOf(cs);
            String next = CHARSETS[(at + 1) % CHARSETS.length];
            Field f = n.field("content-type");
            if (f == null) {
                n.set("Content-Type", "text/plain; charset=" + next);
                if (n == root && n.field("mime-version") == null) n.set("MIME-Version", "1.0");
            } else {
                Matcher m = Pattern.compile("(?i)(charset\\s*=\\s*)(\"[^\"]*\"|[^;\\s]+)").matcher(f.raw);
                f.raw = m.find() ? f.raw.substring(0, m.start(2)) + next + f.raw.substring(m.end(2))
                        : f.raw + "; charset=" + next;
            }
            changed[0] = true;
        });
        return changed[0];
    }

    /** Two blanks after every line of each identity-encoded text leaf and delivery-status part of the report. */
    static boolean trailingSpaces(Node root) {
        boolean[] changed = {false};
        reportNodes(root, n -> {
            if (!n.isLeaf() || !n.identityEncoded() || n.body.isEmpty()) return;
            String t = n.contentType().mimeType();
            if (!t.startsWith("text/") && !t.equals("message/delivery-status")) return;
            if (n.contentType().flowed()) return;   // there a trailing blank is a soft break (RFC 3676 4.2)
            n.body = n.body.replace("\n", "  \n");
            changed[0] = true;
        });
        return changed[0];
    }

    /**
     * Plain-text leaves of the report (identity-encoded) sent as RFC 3676 format=flowed, as mail clients send a
     * person's text: trailing blanks dropped, lines that start with a blank, '>' or "From " stuffed with one
     * blank, lines over {@code width} cut at blanks with the blank left at the end of each piece (a soft break).
     */
    static boolean flowed(Node root, int width) {
        boolean[] changed = {false};
        reportNodes(root, n -> {
            if (!n.isLeaf() || !n.identityEncoded() || !n.contentType().is("text/plain") || n.body.isBlank()) return;
            var out = new StringBuilder(n.body.length() + 64);
            String[] lines = n.body.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].equals("-- ") ? lines[i] : lines[i].stripTrailing();
                if (line.startsWith(" ") || line.startsWith(">") || line.startsWith("From ")) line = " " + line;
                while (line.length() > width) {
                    int cut = line.lastIndexOf(' ', width - 1);
                    if (cut <= 1) break;
                    out.append(line, 0, cut + 1).append('\n');
                    line = line.substring(cut + 1);
                    if (line.startsWith(" ") || line.startsWith(">") || line.startsWith("From ")) line = " " + line;
                }
                out.append(line);
                if (i < lines.length - 1) out.append('\n');
            }
            n.body = out.toString();
            Field ct = n.field("content-type");
            if (ct == null) n.fields.add(new Field("Content-Type: text/plain; format=flowed"));
            else ct.raw = ct.raw + "; format=flowed";
            changed[0] = true;
        });
        return changed[0];
    }

    /** Plain-text leaves of the report (identity-encoded) with lines longer than {@code width} wrapped at blanks. */
    static byte[] rewrap(byte[] raw, int width, boolean indented) {
        return rewrite(raw, n -> rewrap(n, width, indented));
    }

    static boolean rewrap(Node root, int width, boolean indented) { return rewrap(root, width, indented, ""); }

    static boolean rewrap(Node root, int width, boolean indented, String hang) {
        boolean[] changed = {false};
        reportNodes(root, n -> {
            if (!n.isLeaf() || !n.identityEncoded() || !n.contentType().is("text/plain")) return;
            var out = new StringBuilder(n.body.length() + 16);
            String[] lines = n.body.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                int lead = 0;
                while (lead < line.length() && (line.charAt(lead) == ' ' || line.charAt(lead) == '\t')) lead++;
                String indent = indented ? line.substring(0, lead) + hang : "";
                boolean first = true;
                while (line.length() > width) {
                    int cut = line.lastIndexOf(' ', width);
                    if (cut <= (first ? lead : indent.length())) break;
                    out.append(line, 0, cut).append('\n');
                    line = indent + line.substring(cut + 1);
                    first = false;
                }
                out.append(line);
                if (i < lines.length - 1) out.append('\n');
            }
            if (!out.toString().equals(n.body)) { n.body = out.toString(); changed[0] = true; }
        });
        return changed[0];
    }

    /** Content-Type's type and parameter names, and Content-Transfer-Encoding's value, upper-cased everywhere. */
    static boolean mimeUpper(Node root) {
        boolean[] changed = {false};
        root.walk(n -> {
            Field ct = n.field("content-type");
            if (ct != null) {
                String raw = ct.raw;
                int colon = raw.indexOf(':');
                var out = new StringBuilder(raw.substring(0, colon + 1));
                // upper-case outside quoted strings, but not parameter values
                boolean quoted = false, value = false;
                for (int i = colon + 1; i < raw.length(); i++) {
                    char c = raw.charAt(i);
                    if (c == '"') quoted = !quoted;
                    if (!quoted && c == '=') value = true;
                    if (!quoted && c == ';') value = false;
                    out.append(quoted || value ? c : Character.toUpperCase(c));
                }
                if (!out.toString().equals(raw)) { ct.raw = out.toString(); changed[0] = true; }
            }
            Field cte = n.field("content-transfer-encoding");
            if (cte != null) {
                String up = cte.raw.substring(0, cte.raw.indexOf(':') + 1) + cte.raw.substring(cte.raw.indexOf(':') + 1).toUpperCase(Locale.ROOT);
                if (!up.equals(cte.raw)) { cte.raw = up; changed[0] = true; }
            }
        });
        return changed[0];
    }

    private static final Pattern TOKEN_PARAM = Pattern.compile(";(\\s*)([A-Za-z0-9*-]+)=([^\";\\s]+)");

    /** Every unquoted parameter value of every Content-Type written as a quoted string. */
    static boolean quoteParams(Node root) {
        boolean[] changed = {false};
        root.walk(n -> {
            Field ct = n.field("content-type");
            if (ct == null) return;
            String q = TOKEN_PARAM.matcher(ct.raw).replaceAll(";$1$2=\"$3\"");
            if (!q.equals(ct.raw)) { ct.raw = q; changed[0] = true; }
        });
        return changed[0];
    }

    /** The top-level Subject as UTF-8 base64 encoded words, and From's display name as a Q encoded word. */
    static boolean encodeWords(Node root) {
        boolean changed = false;
        Field subject = root.field("subject");
        if (subject != null && !subject.value().isEmpty() && !subject.value().contains("=?") && ascii(subject.value())) {
            String v = subject.value();
            var words = new StringBuilder();
            for (int i = 0; i < v.length(); i += 30) {
                if (i > 0) words.append("\n ");
                String chunk = v.substring(i, Math.min(v.length(), i + 30));
                words.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(bytes(chunk))).append("?=");
            }
            subject.raw = subject.raw.substring(0, subject.raw.indexOf(':') + 1) + " " + words;
            changed = true;
        }
        Field from = root.field("from");
        if (from != null) {
            String v = from.value();
            Matcher m = Pattern.compile("^\"?([A-Za-z][A-Za-z0-9 .-]*[A-Za-z0-9.])\"?\\s*(<[^>]+>)$").matcher(v);
            if (m.matches()) {
                String q = m.group(1).replace("_", "=5F").replace(' ', '_');
                from.raw = from.raw.substring(0, from.raw.indexOf(':') + 1) + " =?utf-8?Q?" + q + "?= " + m.group(2);
                changed = true;
            }
        }
        return changed;
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) > 126 || s.charAt(i) < 32 && s.charAt(i) != '\t') return false;
        return true;
    }

    /** A Received field of one more relay (naming its own final recipient) on top of the message. */
    /** The top-level Subject with two gateways' tags put before it, as a security gateway marks external or suspected mail. */
    static boolean tagSubject(Node root) {
        Field subject = root.field("subject");
        if (subject == null || subject.value().isBlank()) return false;
        int colon = subject.raw.indexOf(':');
        String after = subject.raw.substring(colon + 1);
        subject.raw = subject.raw.substring(0, colon + 1) + " [EXTERNAL] ***SPAM***" + (after.startsWith(" ") || after.startsWith("\t") ? "" : " ") + after;
        return true;
    }

    /** The Subject replaced by a word that names no failure. */
    static boolean ownSubject(Node root) {
        Field subject = root.field("subject");
        if (subject == null || subject.value().isBlank()) return false;
        subject.raw = subject.raw.substring(0, subject.raw.indexOf(':') + 1) + " Notification";
        return true;
    }

    /** Every header field but MIME-Version, Content-Type and Content-Transfer-Encoding removed. */
    static boolean mimeFieldsOnly(Node root) {
        return root.fields.removeIf(f -> !List.of("mime-version", "content-type", "content-transfer-encoding").contains(f.lowerName()));
    }

    private static final String BANNER = "CAUTION: This email originated from outside of the organization. Do not click links or open\n"
            + "attachments unless you recognize the sender and know the content is safe.\n\n";

    /** The gateway's banner above the first text/plain leaf of the report and above the first text/html one's body. */
    static boolean gatewayBanner(Node root) {
        Node[] plain = {null};
        Node[] html = {null};
        reportNodes(root, n -> {
            if (!n.isLeaf() || !n.identityEncoded()) return;
            if (plain[0] == null && n.contentType().is("text/plain") && !n.body.isBlank()) plain[0] = n;
            if (html[0] == null && n.contentType().is("text/html") && !n.body.isBlank()) html[0] = n;
        });
        if (plain[0] == null && html[0] == null) return false;
        if (plain[0] != null) plain[0].body = BANNER + plain[0].body;
        if (html[0] != null) {
            Matcher body = Pattern.compile("(?i)<body[^>]*>").matcher(html[0].body);
            String p = "<p>" + BANNER.strip().replace("\n", " ") + "</p>\n";
            html[0].body = body.find() ? html[0].body.substring(0, body.end()) + p + html[0].body.substring(body.end()) : p + html[0].body;
        }
        return true;
    }

    /**
     * The message as a mailing list passes it on with a footer: its body becomes the first part of a
     * multipart/mixed (its Content-Type and Content-Transfer-Encoding move there), the footer the second.
     */
    static byte[] listFooter(byte[] raw) {
        String text = lf(raw);
        String lead = "";
        if (text.startsWith("From ")) {
            lead = text.substring(0, text.indexOf('\n') + 1);
            text = text.substring(lead.length());
        }
        // an mbox of several messages is no one message to wrap
        if (!lead.isEmpty() && text.contains("\nFrom ")) return null;
        int end = text.indexOf("\n\n");
        if (end < 0) return null;
        String[] lines = text.substring(0, end + 1).split("\n");
        StringBuilder header = new StringBuilder();
        StringBuilder content = new StringBuilder();
        boolean moving = false;
        for (String line : lines) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                (moving ? content : header).append(line).append('\n');
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            moving = lower.startsWith("content-type:") || lower.startsWith("content-transfer-encoding:");
            (moving ? content : header).append(line).append('\n');
        }
        String b = "===============list-footer-7f3a==";
        String body = text.substring(end + 2);
        return bytes(lead + header + "Content-Type: multipart/mixed; boundary=\"" + b + "\"\n\n"
                + "--" + b + "\n" + content + "\n" + body + (body.endsWith("\n") ? "" : "\n")
                + "--" + b + "\nContent-Type: text/plain; charset=\"us-ascii\"\nContent-Transfer-Encoding: 7bit\n\n"
                + "_______________________________________________\nops mailing list\nops@lists.example.org\n"
                + "https://lists.example.org/mailman/listinfo/ops\n\n--" + b + "--\n");
    }

    static boolean relayHop(Node root) {
        if (root.fields.isEmpty()) return false;
        root.fields.add(0, new Field("Received: from mx.example.net (mx.example.net [198.51.100.25])\n"
                + "\tby inbound.example.org (Postfix) with ESMTPS id 4Zq9Kx1Tmz\n"
                + "\tfor <archive-copy@example.org>; Thu, 01 Jan 2026 10:00:00 +0000 (UTC)"));
        return true;
    }

    private static final java.util.Set<String> TRACE = java.util.Set.of("received", "return-path", "delivered-to", "x-original-to");

    /** The top-level non-trace fields in reverse order after the trace fields (which stay on top, in order). */
    static boolean reorderFields(Node root) {
        List<Field> trace = new ArrayList<>();
        List<Field> rest = new ArrayList<>();
        for (Field f : root.fields) (TRACE.contains(f.lowerName()) && rest.isEmpty() ? trace : rest).add(f);
        if (rest.size() < 2) return false;
        java.util.Collections.reverse(rest);
        root.fields.clear();
        root.fields.addAll(trace);
        root.fields.addAll(rest);
        return true;
    }

    /** Each delivery-status part with an empty line more before, between and after its field groups. */
    static boolean dsnBlankLines(Node root) {
        boolean[] changed = {false};
        reportNodes(root, n -> {
            if (!n.isLeaf() || !n.identityEncoded() || !n.contentType().is("message/delivery-status") || n.body.isBlank()) return;
            n.body = "\n" + n.body.replaceAll("\n\n+", "\n\n\n") + (n.body.endsWith("\n") ? "\n" : "\n\n");
            changed[0] = true;
        });
        return changed[0];
    }

    /** Every text leaf of the report in a charset other than ASCII or UTF-8 converted to UTF-8, base64-encoded. */
    static boolean toUtf8(Node root) {
        boolean[] changed = {false};
        reportNodes(root, n -> {
            if (!isText(n) || n.body.isBlank()) return;
            String cs = n.contentType().charset();
            if (cs == null) return;
            java.nio.charset.Charset from;
            try {
                from = java.nio.charset.Charset.forName(cs.trim());
            } catch (RuntimeException e) {
                return;
            }
            String name = from.name().toLowerCase(Locale.ROOT);
            if (name.equals("utf-8") || name.equals("us-ascii")) return;
            String decoded = n.decodedBody();
            String text = new String(bytes(decoded), from);
            if (text.indexOf('\uFFFD') >= 0) return; // not in the charset it names: the conversion would lose bytes
            n.body = base64(latin1(text.getBytes(StandardCharsets.UTF_8)));
            n.set("Content-Transfer-Encoding", "base64");
            Field f = n.field("content-type");
            Matcher m = Pattern.compile("(?i)(charset\\s*=\\s*)(\"[^\"]*\"|[^;\\s]+)").matcher(f.raw);
            if (!m.find()) return;
            f.raw = f.raw.substring(0, m.start(2)) + "utf-8" + f.raw.substring(m.end(2));
            changed[0] = true;
        });
        return changed[0];
    }

    /** The first text/plain leaf of the report (identity-encoded) with every line quoted "> ", under a forward line. */
    static boolean quoteInline(Node root) {
        Node[] first = {null};
        reportNodes(root, n -> {
            if (first[0] == null && n.isLeaf() && n.identityEncoded() && n.contentType().is("text/plain") && !n.body.isBlank()) first[0] = n;
        });
        if (first[0] == null) return false;
        Node n = first[0];
        String body = n.body.endsWith("\n") ? n.body.substring(0, n.body.length() - 1) : n.body;
        n.body = "Forwarding what came back.\n\nOn Thu, 1 Jan 2026, Mail Delivery System wrote:\n> "
                + body.replace("\n", "\n> ") + (n.body.endsWith("\n") ? "\n" : "");
        return true;
    }

    /** Each delivery-status part of the report base64-encoded. */
    static boolean dsnBase64(Node root) {
        boolean[] changed = {false};
        reportNodes(root, n -> {
            if (!n.isLeaf() || !n.identityEncoded() || !n.contentType().is("message/delivery-status") || n.body.isBlank()) return;
            n.body = base64(n.body);
            n.set("Content-Transfer-Encoding", "base64");
            changed[0] = true;
        });
        return changed[0];
    }

    /** Every delivery-status leaf of the report labelled text/plain (its body unchanged). */
    static boolean dsnAsTextPlain(Node root) {
        return dsnRelabelled(root, "text/plain");
    }

    /** Each delivery-status leaf of the report labelled {@code type} instead. */
    static boolean dsnRelabelled(Node root, String type) {
        return relabelled(root, "message/delivery-status", type);
    }

    /** Each leaf of the report labelled {@code from} labelled {@code type} instead. */
    static boolean relabelled(Node root, String from, String type) {
        boolean[] changed = {false};
        reportNodes(root, n -> {
            if (!n.isLeaf() || !n.contentType().is(from) || n.body.isBlank()) return;
            n.set("Content-Type", type);
            changed[0] = true;
        });
        return changed[0];
    }

    /**
     * The first text/plain leaf of the report (identity-encoded) as multipart/alternative of itself and an
     * HTML copy ({@code keepText}), or replaced by the HTML copy alone.
     */
    static boolean htmlCopy(Node root, boolean keepText) {
        Node[] first = {null};
        reportNodes(root, n -> {
            if (first[0] == null && n.isLeaf() && n.identityEncoded() && n.contentType().is("text/plain") && !n.body.isBlank()) first[0] = n;
        });
        Node n = first[0];
        if (n == null) return false;
        // a message that already carries HTML is not given a second copy: its text part may be the placeholder
        // of that HTML ("this message is in HTML"), and two HTML alternatives are no transport of one message
        boolean[] hasHtml = {false};
        reportNodes(root, x -> { if (x.isLeaf() && x.contentType().is("text/html")) hasHtml[0] = true; });
        if (hasHtml[0]) return false;
        // a stateful 7-bit charset (ISO-2022-JP) writes '<', '>' and '&' as bytes of its two-byte characters: the
        // text cannot be escaped for HTML without decoding it first
        String cs = n.contentType().charset();
        if (cs != null && cs.toLowerCase(Locale.ROOT).startsWith("iso-2022")) return false;
        String html = "<html><body>\n<p>" + n.body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\n", "<br>\n") + "</p>\n</body></html>\n";
        String charset = n.contentType().charset() == null ? "" : "; charset=" + n.contentType().charset();
        Node htmlPart = new Node();
        htmlPart.dflt = ContentType.TEXT_PLAIN;
        htmlPart.fields.add(new Field("Content-Type: text/html" + charset));
        htmlPart.separator = "\n";
        htmlPart.body = html;
        // the node's own fields that say how its body is written move to the new parts; the others (Content-Language,
        // Content-Description) describe the message and stay where the writer put them, as Exchange's header does
        List<Field> content = new ArrayList<>();
        for (Field f : new ArrayList<>(n.fields)) {
            if (f.lowerName().equals("content-type") || f.lowerName().equals("content-transfer-encoding")) { content.add(f); n.fields.remove(f); }
        }
        Field cte = null;
        for (Field f : content) if (f.lowerName().equals("content-transfer-encoding")) cte = f;
        if (cte != null) htmlPart.fields.add(new Field(cte.raw));
        if (!keepText) {
            n.fields.addAll(htmlPart.fields);
            if (n.separator.isEmpty()) n.separator = "\n";
            n.body = html;
            return true;
        }
        Node text = new Node();
        text.dflt = ContentType.TEXT_PLAIN;
        text.fields.addAll(content);
        if (content.isEmpty()) text.fields.add(new Field("Content-Type: text/plain"));
        text.separator = "\n";
        text.body = n.body;
        String b = "=_alt.5e4d3c2b1a";
        n.fields.add(new Field("Content-Type: multipart/alternative; boundary=\"" + b + "\""));
        if (n == root && n.field("mime-version") == null) n.fields.add(new Field("MIME-Version: 1.0"));
        if (n.separator.isEmpty()) n.separator = "\n";
        n.body = "";
        n.boundary = b;
        n.preamble = "";
        n.delimiters.add("--" + b);
        n.delimiters.add("--" + b);
        n.children.add(text);
        n.children.add(htmlPart);
        n.childBreaks.add(text.body.endsWith("\n") ? "" : "\n");
        n.childBreaks.add(html.endsWith("\n") ? "" : "\n");
        n.close = "--" + b + "--";
        n.epilogue = "\n";
        return true;
    }

    /** A newsletter's paragraph that reads like a bounce: what a real returned original may say. */
    static final String ORIGINAL_BOUNCE_WORDS = "Dear customer, if your mailbox is full or the user is unknown, this message may be blocked as spam.\n"
            + "Example: 550 5.1.1 <other.person@example.org>: Recipient address rejected: User unknown in local\n"
            + "recipient table. Delivery to the following recipient failed permanently: someone.else@example.org\n"
            + "Quota exceeded. Message rejected due to content restrictions. Connection timed out. Host not found.\n"
            + "Your account has been suspended. 421 4.7.0 Try again later, too many connections. Relay access denied.\n\n";

    /** {@link #ORIGINAL_BOUNCE_WORDS} put before the first identity-encoded text/plain body of each returned original. */
    static boolean bounceWordsInOriginal(Node root) {
        boolean[] changed = {false};
        reportNodes(root, n -> {
            if (n.embedded == null || n == root || attachesAReport(root, n.embedded)) return;
            Node text = firstPlainLeaf(n.embedded);
            if (text == null || !text.identityEncoded()) return;
            text.body = ORIGINAL_BOUNCE_WORDS + text.body;
            changed[0] = true;
        });
        return changed[0];
    }

    /** The help line {@link #helpFooter} adds, with an address that no fixture names. */
    static final String HELP_FOOTER = "\nNeed help? team@provider-support.example\nTechnical support: +1 555 0100\n"
            + "If you received this message in error, please notify legal.desk@provider-support.example\n\n"
            + "-- \nRuth Lind\nMail operations\nruth.lind@provider-support.example\n";

    /**
     * {@link #HELP_FOOTER} at the end of the report's first identity-encoded, non-blank text/plain leaf; not where that
     * leaf is the plain alternative of an HTML part (a placeholder "This message is in HTML format" given an address
     * would become the text read, see the closing note of 2026-12-03 18:07).
     */
    static boolean helpFooter(Node root) {
        Node n = firstPlainText(root);
        if (n == null) return false;
        String body = n.body.endsWith("\n") ? n.body : n.body + "\n";
        n.body = body + HELP_FOOTER + "\n";
        return true;
    }

    /** The greeting line {@link #greeting} puts first, with an address that no fixture names. */
    static final String GREETING = "Dear shop-owner@sender-company.example,\n\n"
            + "Your message <20261203101500.4711.abc@mail.sender-company.example> is returned below.\n\n";

    /** {@link #GREETING} at the start of the report's first identity-encoded, non-blank text/plain leaf (not an HTML alternative's, as {@link #helpFooter}). */
    static boolean greeting(Node root) {
        Node n = firstPlainText(root);
        if (n == null) return false;
        n.body = GREETING + n.body;
        return true;
    }

    /** The report's first text/plain leaf when it is identity-encoded, not blank, not flowed and has no HTML alternative; else null. */
    private static Node firstPlainText(Node root) {
        Node[] first = {null};
        boolean[] alternative = {false};
        reportNodes(root, n -> {
            if (n.contentType().is("multipart/alternative")) alternative[0] = true;
            if (first[0] == null && n.isLeaf() && n.contentType().is("text/plain")) first[0] = n;
        });
        Node n = first[0];
        if (alternative[0] || n == null || !n.identityEncoded() || n.body.isBlank() || n.contentType().flowed()) return null;
        return n;
    }

    /** Each message/rfc822 part of the report relabelled application/octet-stream, name "original.eml", its bytes kept. */
    static boolean originalAsFile(Node root) {
        boolean[] changed = {false};
        reportNodes(root, n -> {
            if (n.embedded == null || n == root || !n.identityEncoded()) return;
            var out = new StringBuilder();
            n.embedded.write(out);
            n.embedded = null;
            n.body = out.toString();
            n.set("Content-Type", "application/octet-stream; name=\"original.eml\"");
            changed[0] = true;
        });
        return changed[0];
    }

    /** A person's forward of a report, or a report attached as a message: its text is the report, not an original. */
    private static boolean attachesAReport(Node root, Node embedded) {
        String subject = root.value("subject") == null ? "" : root.value("subject").toLowerCase(Locale.ROOT);
        String from = embedded.value("from") == null ? "" : embedded.value("from").toLowerCase(Locale.ROOT);
        return subject.startsWith("fwd:") || subject.startsWith("fw:") || embedded.contentType().is("multipart/report")
                || from.contains("mailer-daemon") || from.contains("postmaster");
    }

    private static Node firstPlainLeaf(Node n) {
        if (n.isLeaf()) return n.contentType().is("text/plain") && !n.fields.isEmpty() ? n : null;
        for (Node c : n.children) {
            Node t = firstPlainLeaf(c);
            if (t != null) return t;
        }
        return null;
    }

    /**
     * The returned original (a message/rfc822 part of the report, identity-encoded) replaced by a
     * text/rfc822-headers part with its header only ({@code headersOnly}), or kept with an empty body.
     */
    static boolean reduceOriginal(Node root, boolean headersOnly) {
        boolean[] changed = {false};
        reportNodes(root, n -> {
            if (n.embedded == null || n == root) return;
            // a person's forward attaches the report itself, not the report's returned original
            String subject = root.value("subject") == null ? "" : root.value("subject").toLowerCase(Locale.ROOT);
            if (subject.startsWith("fwd:") || subject.startsWith("fw:")) return;
            Node e = n.embedded;
            if (e.fields.isEmpty()) return;
            // an attached report is a forwarded bounce, not a returned original: its body is the report
            if (e.contentType().is("multipart/report")) return;
            // so is an attached notice of a mail system (Mailman's "Uncaught bounce notification" wraps one)
            String from = e.value("from") == null ? "" : e.value("from").toLowerCase(Locale.ROOT);
            String returnPath = e.value("return-path") == null ? "" : e.value("return-path").strip();
            if (returnPath.equals("<>") || from.contains("mailer-daemon@") || from.contains("postmaster@")) return;
            boolean hasBody = e.boundary != null || e.embedded != null || !e.body.isBlank();
            if (headersOnly) {
                n.set("Content-Type", "text/rfc822-headers");
                var h = new StringBuilder();
                h.append(e.lead);
                for (Field f : e.fields) h.append(f.raw).append('\n');
                n.embedded = null;
                n.body = h.toString();
                changed[0] = true;
            } else if (hasBody) {
                Node cut = new Node();
                cut.dflt = ContentType.TEXT_PLAIN;
                cut.lead = e.lead;
                cut.fields.addAll(e.fields);
                cut.separator = "\n";
                cut.body = "";
                // a multipart original without its parts is not a multipart any more
                Field ct = cut.field("content-type");
                if (ct != null && ContentType.parse(ct.value(), ContentType.TEXT_PLAIN).isMultipart()) cut.fields.remove(ct);
                n.embedded = cut;
                changed[0] = true;
            }
        });
        return changed[0];
    }

    /**
     * The bounce as a person forwards it: a new multipart/mixed message from a human with a short note and
     * the bounce as a message/rfc822 attachment. Its own mbox "From " line and leading blank lines are left
     * out of the attachment (they are not part of the message).
     */
    static byte[] forwarded(byte[] raw) {
        String text = lf(raw);
        if (text.startsWith("From ")) text = text.substring(text.indexOf('\n') + 1);
        while (text.startsWith("\n")) text = text.substring(1);
        Node inner = read(text, ContentType.TEXT_PLAIN);
        String subject = inner.value("subject");
        String b = "=_fwd.0f1e2d3c4b5a";
        String outer = "From: Pat Example <pat@example.net>\n"
                + "To: helpdesk@example.org\n"
                + "Subject: Fwd: " + (subject == null ? "" : subject) + "\n"
                + "Date: Thu, 1 Jan 2026 10:00:00 +0000\n"
                + "Message-ID: <fwd-1@example.net>\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"" + b + "\"\n"
                + "\n"
                + "--" + b + "\n"
                + "Content-Type: text/plain; charset=utf-8\n"
                + "\n"
                + "Hi, this came back when I wrote to a customer. Can you look?\n"
                + "Pat\n"
                + "\n"
                + "--" + b + "\n"
                + "Content-Type: message/rfc822\n"
                + "Content-Disposition: attachment; filename=\"bounce.eml\"\n"
                + "\n"
                + (text.endsWith("\n") ? text : text + "\n")
                + "\n--" + b + "--\n";
        return bytes(outer);
    }
    // ---------------------------------------------------------------- issue 13, H13: localised clients, charsets, line ends

    /**
     * A mail client's strings in one language: Outlook's (classic banner, the forward block's names From, Sent,
     * To, Subject, its forward Subject prefix, a date as it writes it), Thunderbird's (forward banner
     * mailnews.forward_header_originalmessage in composeMsgs.properties; the block's names Subject, Date, From,
     * To: keys 1000, 1007, 1009, 1012 of mime.properties; the reply attribution mailnews.reply_header_ondateauthorwrote
     * with #1 the author, #2 the date, #3 the time), Gmail's (its forward banner and its localised "From:" line;
     * Gmail writes Date, Subject and To in English) and Gmail's reply attribution.
     */
    record ClientLang(String code, String outlookBanner, String[] outlookNames, String outlookPrefix, String outlookDate,
                      String tbBanner, String[] tbNames, String tbAttribution, String gmailBanner, String gmailFrom,
                      String gmailAttribution) {}

    /**
     * Thunderbird's strings are copied from its language packs (Debian thunderbird-l10n-{fr,de,es-es,it,nl,pt-br}
     * 1:153.8.0esr, the xpi's chrome/LANG/locale/LANG/messenger/mime.properties and messengercompose/composeMsgs.properties);
     * Outlook's and Gmail's are as those clients write them (no published source; the forms seen in forwarded mail).
     */
    static final List<ClientLang> CLIENT_LANGS = List.of(
            new ClientLang("fr", "-----Message d'origine-----", new String[] {"De :", "Envoyé :", "À :", "Objet :"}, "TR: ",
                    "jeudi 1 janvier 2026 10:00",
                    "-------- Message transféré --------", new String[] {"Sujet :", "Date :", "De :", "Pour :"},
                    "Le #2 à #3, #1 a écrit :", "---------- Message transféré ---------", "De :",
                    "Le jeu. 1 janv. 2026 à 10:00, #1 a écrit :"),
            new ClientLang("de", "-----Ursprüngliche Nachricht-----", new String[] {"Von:", "Gesendet:", "An:", "Betreff:"}, "WG: ",
                    "Donnerstag, 1. Januar 2026 10:00",
                    "-------- Weitergeleitete Nachricht --------", new String[] {"Betreff:", "Datum:", "Von:", "An:"},
                    "Am #2 um #3 schrieb #1:", "---------- Weitergeleitete Nachricht ---------", "Von:",
                    "Am Do., 1. Jan. 2026 um 10:00 Uhr schrieb #1:"),
            new ClientLang("es", "-----Mensaje original-----", new String[] {"De:", "Enviado el:", "Para:", "Asunto:"}, "RV: ",
                    "jueves, 1 de enero de 2026 10:00",
                    "-------- Mensaje reenviado --------", new String[] {"Asunto:", "Fecha:", "De:", "Para:"},
                    "El #2 a las #3, #1 escribió:", "---------- Mensaje reenviado ---------", "De:",
                    "El jue, 1 ene 2026 a las 10:00, #1 escribió:"),
            new ClientLang("it", "-----Messaggio originale-----", new String[] {"Da:", "Inviato:", "A:", "Oggetto:"}, "I: ",
                    "giovedì 1 gennaio 2026 10:00",
                    "-------- Messaggio Inoltrato --------", new String[] {"Oggetto:", "Data:", "Mittente:", "A:"},
                    "Il #2 #3, #1 ha scritto:", "---------- Messaggio inoltrato ---------", "Da:",
                    "Il giorno gio 1 gen 2026 alle ore 10:00 #1 ha scritto:"),
            new ClientLang("nl", "-----Oorspronkelijk bericht-----", new String[] {"Van:", "Verzonden:", "Aan:", "Onderwerp:"}, "FW: ",
                    "donderdag 1 januari 2026 10:00",
                    "-------- Doorgestuurd bericht --------", new String[] {"Onderwerp:", "Datum:", "Van:", "Aan:"},
                    "Op #2 om #3 schreef #1:", "---------- Doorgestuurd bericht ---------", "Van:",
                    "Op do 1 jan 2026 om 10:00 schreef #1:"),
            new ClientLang("pt", "-----Mensagem original-----", new String[] {"De:", "Enviado:", "Para:", "Assunto:"}, "ENC: ",
                    "quinta-feira, 1 de janeiro de 2026 10:00",
                    "-------- Mensagem encaminhada --------", new String[] {"Assunto:", "Data:", "De:", "Para:"},
                    "Em #2 #3, #1 escreveu:", "---------- Mensagem encaminhada ---------", "De:",
                    "Em qui., 1 de jan. de 2026 às 10:00, #1 escreveu:"),
            new ClientLang("pt-PT", "-----Mensagem original-----", new String[] {"De:", "Enviada:", "Para:", "Assunto:"}, "ENC: ",
                    "quinta-feira, 1 de janeiro de 2026 10:00",
                    "-------- Mensagem reencaminhada --------", new String[] {"Assunto:", "Data:", "De:", "Para:"},
                    "Às #3 de #2, #1 escreveu:", "---------- Mensagem encaminhada ---------", "De:",
                    "Em qui., 1 de jan. de 2026 às 10:00, #1 escreveu:"));

    /** English, the control: what the localised clients' rewrites are compared with. */
    static final ClientLang ENGLISH = new ClientLang("en", "-----Original Message-----", new String[] {"From:", "Sent:", "To:", "Subject:"}, "FW: ",
            "Thursday, January 1, 2026 10:00 AM",
            "-------- Forwarded Message --------", new String[] {"Subject:", "Date:", "From:", "To:"},
            "On #2 #3, #1 wrote:", "---------- Forwarded message ---------", "From:",
            "On Thu, Jan 1, 2026 at 10:00 AM #1 wrote:");

    /** The language a message is rewritten in: each language gets about a seventh of the messages. */
    static ClientLang langOf(Node root) {
        String id = root.value("message-id");
        String key = (id == null ? "" : id) + "|" + root.value("subject") + "|" + root.value("date");
        return CLIENT_LANGS.get(Math.floorMod(key.hashCode(), CLIENT_LANGS.size()));
    }

    /** The first identity-encoded, non-blank text/plain leaf of the report, or null. */
    private static Node firstPlain(Node root) {
        Node[] first = {null};
        reportNodes(root, n -> {
            if (first[0] == null && n.isLeaf() && n.identityEncoded() && n.contentType().is("text/plain") && !n.body.isBlank()) first[0] = n;
        });
        return first[0];
    }

    enum Client { OUTLOOK, OUTLOOK_RULE, THUNDERBIRD, GMAIL }

    /**
     * A person's inline forward in a localised client: the Subject with the client's forward prefix, above the
     * first text/plain leaf the person's note, the client's banner and its block naming the notice's From, Date,
     * To and Subject, then the notice's text unquoted (as Outlook, Thunderbird and Gmail forward inline). The
     * other fields and parts stay (the clients forward attachments with the text).
     */
    static boolean forwardInline(Node root, Client client) { return forwardInline(root, client, null); }

    static boolean forwardInline(Node root, Client client, ClientLang lang) {
        Node n = firstPlain(root);
        Field subject = root.field("subject");
        if (n == null || subject == null || isPlaceholder(root, n)) return false;
        ClientLang l = lang != null ? lang : langOf(root);
        String from = orEmpty(root.value("from")), to = orEmpty(root.value("to")), subj = subject.value(), date = orEmpty(root.value("date"));
        String block = switch (client) {
            case OUTLOOK, OUTLOOK_RULE -> (client == Client.OUTLOOK ? l.outlookBanner() : "________________________________") + "\n"
                    + l.outlookNames()[0] + " " + from + "\n" + l.outlookNames()[1] + " " + l.outlookDate() + "\n"
                    + l.outlookNames()[2] + " " + to + "\n" + l.outlookNames()[3] + " " + subj + "\n";
            case THUNDERBIRD -> l.tbBanner() + "\n" + l.tbNames()[0] + " \t" + subj + "\n" + l.tbNames()[1] + " \t" + date + "\n"
                    + l.tbNames()[2] + " \t" + from + "\n" + l.tbNames()[3] + " \t" + to + "\n";
            case GMAIL -> l.gmailBanner() + "\n" + l.gmailFrom() + " " + from + "\nDate: " + l.outlookDate() + "\nSubject: " + subj
                    + "\nTo: " + to + "\n";
        };
        String note = "Pour info / FYI.\n\n" + block + "\n";
        inClientCharset(n, text -> note + text);
        String prefix = client == Client.OUTLOOK || client == Client.OUTLOOK_RULE ? l.outlookPrefix() : "Fwd: ";
        int colon = subject.raw.indexOf(':');
        subject.raw = subject.raw.substring(0, colon + 1) + " " + prefix + subject.raw.substring(colon + 1).stripLeading();
        return true;
    }

    /** A person's reply quoting the notice under a localised attribution (Thunderbird's, or Gmail's). */
    static boolean quotedReply(Node root, boolean thunderbird) {
        Node n = firstPlain(root);
        if (n == null || isPlaceholder(root, n)) return false;
        ClientLang l = langOf(root);
        String from = orEmpty(root.value("from"));
        String attribution = thunderbird ? l.tbAttribution().replace("#2", "01/01/2026").replace("#3", "10:00").replace("#1", from)
                : l.gmailAttribution().replace("#1", from);
        inClientCharset(n, text -> {
            String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            return "Voir ci-dessous / see below.\n\n" + attribution + "\n> " + body.replace("\n", "\n> ") + (text.endsWith("\n") ? "\n" : "");
        });
        return true;
    }

    /**
     * The text of leaf {@code n} changed by {@code edit} as a client writes it back: read in its charset (unlabelled
     * or us-ascii: UTF-8 when valid, else ISO-8859-1), written as UTF-8 (8bit, labelled utf-8) when the result is
     * not ASCII, as Thunderbird, Outlook and Gmail write a text they composed; as it was when it stays ASCII.
     */
    static void inClientCharset(Node n, UnaryOperator<String> edit) {
        String raw = n.body;
        String cs = n.contentType().charset();
        java.nio.charset.Charset from;
        try {
            from = cs == null || cs.isBlank() || cs.equalsIgnoreCase("us-ascii") ? null : java.nio.charset.Charset.forName(cs.trim().replace("\"", ""));
        } catch (RuntimeException e) {
            from = null;
        }
        if (from == null) from = validUtf8(raw) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        String text = new String(bytes(raw), from);
        String edited = edit.apply(text);
        if (ascii(edited.replace("\n", ""))) { n.body = edited; return; }
        n.body = latin1(edited.getBytes(StandardCharsets.UTF_8));
        setCharset(n, "utf-8");
        if (n.field("content-transfer-encoding") != null || !eightBit(raw)) n.set("Content-Transfer-Encoding", "8bit");
    }

    /**
     * True when text leaf {@code n} only stands in for the report's HTML ("This message is in HTML format"; it
     * names no address where an HTML leaf does): a client quotes or forwards the HTML, not that text.
     */
    private static boolean isPlaceholder(Node root, Node n) {
        if (n.decodedBody().indexOf('@') >= 0) return false;
        boolean[] html = {false};
        reportNodes(root, x -> { if (x.isLeaf() && x.contentType().is("text/html") && x.decodedBody().indexOf('@') >= 0) html[0] = true; });
        return html[0];
    }

    private static String orEmpty(String s) { return s == null ? "" : s; }

    private static final Pattern CHARSET_PARAM = Pattern.compile("(?i);\\s*charset\\s*=\\s*(\"[^\"]*\"|[^;\\s]+)");

    /** Sets (or, when {@code charset} is null, removes) the charset parameter of a leaf's Content-Type. */
    private static void setCharset(Node n, String charset) {
        Field f = n.field("content-type");
        if (f == null) {
            if (charset != null) n.set("Content-Type", "text/plain; charset=" + charset);
            return;
        }
        Matcher m = CHARSET_PARAM.matcher(f.raw);
        if (m.find()) f.raw = f.raw.substring(0, m.start()) + (charset == null ? "" : "; charset=" + charset) + f.raw.substring(m.end());
        else if (charset != null) f.raw = f.raw + "; charset=" + charset;
    }

    private static boolean eightBit(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) > 127) return true;
        return false;
    }

    private static boolean validUtf8(String latin1) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes(latin1)));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Each text leaf of the report whose decoded bytes are not ASCII and read as {@code from} ("utf-8": valid
     * UTF-8; "latin1": labelled with a single-byte charset or not valid UTF-8) relabelled {@code to} (null: the
     * charset parameter removed), as relays and gateways label them wrongly.
     */
    static boolean mislabel(Node root, String from, String to) {
        boolean[] changed = {false};
        reportNodes(root, n -> {
            if (!isText(n) || n.body.isBlank()) return;
            if (!n.identityEncoded() && !n.encoding().equals("base64") && !n.encoding().equals("quoted-printable")) return;
            String decoded = n.decodedBody();
            if (!eightBit(decoded) || decoded.indexOf(0x1b) >= 0) return;
            String cs = n.contentType().charset() == null ? "" : n.contentType().charset().toLowerCase(Locale.ROOT);
            boolean utf8 = validUtf8(decoded);
            if (from.equals("utf-8") && !(utf8 && (cs.equals("utf-8") || cs.equals("utf8")))) return;
            if (from.equals("latin1") && !(cs.startsWith("iso-8859") || cs.startsWith("windows-125") || !utf8 && cs.isEmpty())) return;
            setCharset(n, to);
            changed[0] = true;
        });
        return changed[0];
    }

    /** The charsets whose text reads the same unlabelled: ASCII, UTF-8 (valid) and Latin-1 (the unlabelled fallback). */
    private static final java.util.Set<String> SELF_EVIDENT = java.util.Set.of("us-ascii", "ascii", "utf-8", "utf8", "iso-8859-1",
            "latin1", "windows-1252");

    /**
     * True when leaf {@code n}'s text reads the same without its label ({@code legacy} false: ASCII, UTF-8 or
     * Latin-1 text) or is in another charset ({@code legacy} true: GB2312, KOI8-R, EUC-KR, ...: without the label
     * its bytes are not those characters to any reader).
     */
    private static boolean labelKind(Node n, boolean legacy) {
        String cs = n.contentType().charset().trim().replace("\"", "").toLowerCase(Locale.ROOT);
        String decoded = n.decodedBody();
        if (decoded.indexOf(0x1b) >= 0) return legacy; // ISO-2022 names its charset by escapes, but not to every reader
        boolean evident = !eightBit(decoded) || SELF_EVIDENT.contains(cs);
        return legacy != evident;
    }

    /** Each text leaf of the report without its charset parameter, its text ASCII, UTF-8 or Latin-1 (or the others, {@code legacy}). */
    static boolean charsetDropped(Node root, boolean legacy) {
        boolean[] changed = {false};
        reportNodes(root, n -> {
            if (!isText(n) || n.body.isBlank() || n.contentType().charset() == null || !labelKind(n, legacy)) return;
            setCharset(n, null);
            changed[0] = true;
        });
        return changed[0];
    }

    /** Each text leaf of the report labelled {@code charset}, its text ASCII, UTF-8 or Latin-1 (or the others, {@code legacy}). */
    static boolean charsetLabel(Node root, String charset, boolean legacy) {
        boolean[] changed = {false};
        reportNodes(root, n -> {
            if (!isText(n) || n.body.isBlank()) return;
            if (n.contentType().charset() == null ? legacy : !labelKind(n, legacy)) return;
            setCharset(n, charset);
            changed[0] = true;
        });
        return changed[0];
    }

    /**
     * Each text leaf of the report with 8-bit text written as raw 8-bit bytes, its Content-Transfer-Encoding
     * field removed (a relay that converted to 8bit for 8BITMIME and forgot to say so).
     */
    static boolean eightBitUnlabelled(Node root) {
        boolean[] changed = {false};
        reportNodes(root, n -> {
            if (!isText(n) || n.body.isBlank()) return;
            if (!n.identityEncoded() && !n.encoding().equals("base64") && !n.encoding().equals("quoted-printable")) return;
            String decoded = n.decodedBody();
            if (!eightBit(decoded)) return;
            Field cte = n.field("content-transfer-encoding");
            if (cte == null && decoded.equals(n.body)) return;
            n.body = decoded;
            if (cte != null) n.fields.remove(cte);
            changed[0] = true;
        });
        return changed[0];
    }

    /** The whole message with every line break written {@code brk}, or alternating CRLF and LF ({@code brk} null). */
    static byte[] lineEnds(byte[] raw, String brk) {
        String text = lf(raw);
        if (brk != null) return bytes(text.replace("\n", brk));
        var out = new StringBuilder(text.length() + text.length() / 40);
        boolean crlf = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') { out.append(crlf ? "\r\n" : "\n"); crlf = !crlf; } else out.append(c);
        }
        return bytes(out.toString());
    }

    /** Each text leaf of the report (identity-encoded) with its lines ending CR CR LF, a text-mode writer's CRLF. */
    static boolean doubledCr(Node root) {
        boolean[] changed = {false};
        reportNodes(root, n -> {
            if (!isText(n) || !n.identityEncoded() || n.body.isBlank()) return;
            n.body = n.body.replace("\n", "\r\n");
            changed[0] = true;
        });
        return changed[0];
    }

    /**
     * The message redirected by a person's client (mutt's bounce, Thunderbird's redirect): Resent-From, Resent-To,
     * Resent-Date and Resent-Message-ID put on top, the rest as it was (RFC 5322 3.6.6).
     */
    static boolean resent(Node root) {
        if (root.fields.isEmpty()) return false;
        root.fields.add(0, new Field("Resent-Message-ID: <resent-1@example.net>"));
        root.fields.add(0, new Field("Resent-To: helpdesk@example.org"));
        root.fields.add(0, new Field("Resent-Date: Thu, 1 Jan 2026 10:05:00 +0000"));
        root.fields.add(0, new Field("Resent-From: Pat Example <pat@example.net>"));
        return true;
    }

    /**
     * The message as an mbox stores it (RFC 4155): a "From " separator line first, every body line that starts
     * with "From " written "&gt;From " (mboxrd quotes "&gt;From " too). Not for a message that already has one.
     */
    static byte[] mboxStored(byte[] raw) {
        String text = lf(raw);
        if (text.startsWith("From ")) return null;
        var out = new StringBuilder(text.length() + 64).append("From MAILER-DAEMON Thu Jan  1 10:00:00 2026\n");
        int pos = 0;
        while (pos < text.length()) {
            int eol = text.indexOf('\n', pos);
            int end = eol < 0 ? text.length() : eol + 1;
            String line = text.substring(pos, end);
            int k = 0;
            while (k < line.length() && line.charAt(k) == '>') k++;
            if (line.startsWith("From ", k)) out.append('>');
            out.append(line);
            pos = end;
        }
        return bytes(out.toString());
    }
}
