package bouncemx.parse.dialect;

import bouncemx.parse.Addresses;
import bouncemx.parse.BounceMessage;
import bouncemx.parse.Codes;
import bouncemx.parse.Dialect;
import bouncemx.parse.FixedTexts;
import bouncemx.parse.HeaderBlock;
import bouncemx.parse.InlineText;
import bouncemx.parse.Limits;
import bouncemx.parse.Originals;
import bouncemx.parse.ParseResult;
import bouncemx.parse.RecipientStatus;
import bouncemx.parse.Report;
import bouncemx.parse.Senders;
import bouncemx.parse.SmtpCommands;
import bouncemx.parse.TextScan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The last resort for bounces that no dialect knows and that carry no DSN part: a message from a mail
 * system account (mailer-daemon, postmaster) whose Subject is one of the standard bounce subjects
 * ("Returned mail: ...", "Undeliverable: ...", "Undelivered Mail Returned to Sender", "failure notice",
 * "Message undeliverable: ...", ...; the phrase may follow a prefix), with plain text that names the failed
 * address. Each line of the report text that names an address (other than the bounce's own From and To,
 * and other than header lines of the quoted original) gives a recipient; its diagnostic text is that line
 * and the lines right under it that name no other address, up to a blank line (hMailServer, Kerio and
 * many appliances put "Remote server replied: 550 ..." under the address); an address that nothing beside or
 * under it explains takes the paragraph above its list (notices that say why before they say who). The quoted original (a run of
 * header lines) ends the search. Two signals are needed, so a message that merely mentions an address is
 * never claimed: a bounce Subject with a mail-system sender (by address or display name), a null
 * Return-Path, X-Failed-Recipients or a not-delivered sentence in the text; or a mail-system sender with one
 * of the last two. X-Failed-Recipients, when present, names the recipients. A notice that names no address
 * takes the returned original's recipient: its only one, or the only one whose local part the notice names
 * ("Receiver not found: name"). An SMTP session log in the text
 * ({@link SessionLog}) gives a recipient the reply to its RCPT. Not mine otherwise; Undecodable when no
 * address is named. Stateless, thread-safe.
 */
public final class PlainTextDialect implements Dialect {

    /** Subjects mail systems give bounces (lowercase prefixes). */
    private static final List<String> SUBJECTS = List.of("returned mail", "undeliverable", "undelivered mail",
            "delivery failure", "delivery status notification (failure)", "mail delivery failed", "failure notice",
            "non-delivery", "nondeliverable", "delivery failed", "mail system error", "could not send message",
            // MDaemon's default "permanent (failed) delivery message subject" (its DSN settings); GroupWise's
            // GWIA status message ("Message status - undeliverable")
            "permanent delivery failure", "message status - undeliverable",
            // the same notices of webmail systems and MTAs in the writer's language: Chinese (Coremail/NetEase,
            // Sina, QQ: "系统退信", "退信"; "邮件投递失败"; traditional "無法投遞", "退件"), Russian ("Сообщение не
            // доставлено", "Недоставленное сообщение", "Ошибка доставки"), French ("Non remis", "Échec de la
            // remise", Exchange's "Rapport de non-remise"), German ("Unzustellbar"), Spanish ("No se puede entregar")
            "系统退信", "退信", "邮件投递失败", "邮件退回", "無法投遞", "退件", "сообщение не доставлено",
            "недоставленное сообщение", "ошибка доставки", "не удалось доставить", "письмо не доставлено",
            "non remis", "échec de la remise", "echec de la remise", "rapport de non-remise", "message non délivré",
            "unzustellbar", "nicht zustellbar", "no se puede entregar", "no entregado",
            // smaller MTAs, appliances and hand-written notices ("Message not delivered", "Mail System Error -
            // Returned Mail", "Delivery Notification: Delivery has failed"), and Dutch, Italian, Spanish, German
            "could not be delivered", "not delivered", "returned message", "delivery problem", "unable to deliver",
            "delivery has failed", "onbestelbaar", "non recapitabile", "no se pudo entregar", "nicht zugestellt",
            "não entregue", "não foi possível entregar", "mancato recapito", "impossibile recapitare", "niet bezorgd",
            "niet afgeleverd", "kunde inte levereras", "olevererbart", "niedostarczon", "nie dostarczono",
            "nedoručitelné", "nedoručeno", "teslim edilemedi", "iletilemedi", "반송", "配信エラー", "配送エラー",
            // Danish and Norwegian, Finnish, Hungarian, Romanian and Greek
            "kunne ikke leveres", "ikke leveret", "ikke levert", "ei voitu toimittaa", "toimitus epäonnistui",
            "kézbesítési hiba", "kézbesíthetetlen", "nelivrat", "nu a putut fi livrat", "μη παραδοθέν",
            "αποτυχία παράδοσης",
            // gateways' and older MTAs' own words ("NDN: ...", "Notice: mail delivery status.", "Error sending
            // message", "failed mail", "Mail delivery error"), and the German subject of Exchange and Gmail
            // ("Benachrichtigung zum Übermittlungsstatus (Fehler)")
            "ndn:", "mail delivery status", "error sending message", "failed mail", "mail delivery error",
            "delivery error", "übermittlungsstatus (fehler)", "message rejected",
            // French ISPs' "Message non distribué", Japanese ISPs' "メール送信エラー" ("mail sending error"), Lotus
            // Domino's German "Zustellungsfehler" (its "DELIVERY FAILURE")
            "non distribué", "送信エラー", "zustellungsfehler", "non consegnato", "mancata consegna",
            // gateways' and hosting panels' plain wordings ("Bounced mail: ...", "Failed delivery: ...",
            // "Undelivered: ...")
            "bounced", "failed delivery", "undelivered",
            // MailScanner's reports to the sender of a refused message ("{Bounce} Unsolicited commercial email
            // rejected", reports/en/sender.spam.sa.report.txt)
            "{bounce}");

    /**
     * Subjects that notices of any outcome carry ("Delivery Status Notification" without its "(Failure)", as
     * relays also send it for "(Relay)" and "(Success)"; "Delivery report: ..."): a bounce subject only when
     * the text also says the message was not delivered ({@link #BODY_MARKS}).
     */
    private static final List<String> OUTCOME_SUBJECTS = List.of("delivery status notification", "delivery report");

    /**
     * Sentences of a notice's own text that say a message was not delivered (lowercase), looked for in its
     * first {@link #MARK_SPAN} characters: with a mail-system sender they make a notice whose Subject is not
     * a bounce subject (a postmaster's hand-written "About your mail to ..."), and with a bounce subject they
     * make one whose sender is not a daemon's.
     */
    private static final List<String> BODY_MARKS = List.of("could not be delivered", "was not delivered",
            "were not delivered", "not be delivered", "undeliverable", "permanent fatal error", "delivery has failed",
            "delivery failed", "could not deliver", "unable to deliver",
            "failed permanently", "returned to sender", "non remis", "无法投递", "未能成功投递", "被退回",
            "не доставлено", "не было доставлено", "не может быть доставлено", "nicht zugestellt",
            "konnte nicht zugestellt werden", "no pudo ser entregado", "no se ha podido entregar",
            "non è stato recapitato", "non può essere recapitato", "não foi entregue", "não pôde ser entregue",
            "kon niet worden afgeleverd", "kunde inte levereras", "nie mógł zostać dostarczony",
            "nemohla být doručena", "following address failed", "following addresses failed",
            "following recipients failed", "following recipient failed", "could not be reached",
            "permanently rejected",
            // Barracuda's "has NOT BEEN DELIVERED", French ("n'a pas pu être distribué / remis"), Japanese
            // ("配信できませんでした", "配送できませんでした": could not be delivered)
            "not been delivered", "pas pu être distribué", "pas pu être remis", "配信できませんでした",
            "配送できませんでした", "送信できませんでした", "届けることができませんでした",
            // Korean ("반송되었습니다": was returned; "전송되지 못"), Polish ("nie została dostarczona") and
            // Italian ("non è stato consegnato")
            "반송되었습니다", "전송되지 못", "nie została dostarczona", "non è stato consegnato",
            // Danish and Norwegian ("kunne ikke leveres"), Finnish ("ei voitu toimittaa"), Hungarian ("nem sikerült
            // kézbesíteni"), Romanian ("nu a putut fi livrat") and Greek ("δεν ήταν δυνατό να παραδοθεί")
            "kunne ikke leveres", "ei voitu toimittaa", "nem sikerült kézbesíteni", "nu a putut fi livrat",
            "δεν ήταν δυνατό να παραδοθεί", "δεν παραδόθηκε",
            // gateways' refusals ("... rejected your message to the following", "Your message was refused")
            "rejected your message", "message was refused", "message was bounced", "message has bounced",
            // amavisd-new's templates: its DSN ("The message WAS NOT relayed to:") and its notices to the sender
            // of a virus, banned contents or spam ("Delivery of the email was stopped!")
            "was not relayed", "delivery of the email was stopped",
            // MailScanner's reports to the sender ("This message has been rejected.", sender.spam.sa.report.txt)
            "this message has been rejected",
            // gateways whose DSN part may be missing or unreadable: McAfee's "--- The following addresses had
            // delivery problems ---" over "<addr>   (reason)" lines, SurfControl's "Your message could not be sent."
            // over its transcript (the shared corpus's McAfee and SurfControl notices read the same without their DSN)
            "had delivery problems", "could not be sent",
            // Amazon SES's notice ("An error occurred while trying to deliver the mail to the following recipients:")
            "error occurred while trying to deliver",
            // MTAs' own templates, read under a Subject of their own that no list here holds: sendmail's savemail.c
            // ("Transcript of session follows", "Unsent message follows", also Mercury's), MMDF's "could not be
            // fully delivered", Exchange 5.5's "did not reach the following recipient(s)", CommuniGate's "Failed to
            // deliver to", dma's "There was an error delivering your mail to", Mercury's "problems it encountered
            // while trying to deliver your message", XMail's "The reason of the delivery failure was", a site's
            // "could not receive your message", "was rejected because" and "Not delivered to recipient"
            "transcript of session follows", "unsent message follows", "not be fully delivered",
            "did not reach the following recipient", "failed to deliver", "error delivering",
            "trying to deliver your message", "delivery failure", "could not receive your message",
            "was rejected because", "not delivered to",
            // a postmaster's own words that the address is gone or the message was stopped
            "no longer exists", "no longer valid", "no longer in use", "no longer active",
            "has been blocked", "was blocked", "mailbox has been deleted", "mailbox was deleted",
            "mailbox has been removed", "account has been deleted", "account was deleted", "account has been removed");

    /** {@link #BODY_MARKS} looked for in one pass (FixedTexts: under C1 a contains per text was a plain loop each). */
    private static final FixedTexts BODY_TEXTS = new FixedTexts(BODY_MARKS);

    private static final int MARK_SPAN = 4000;

    /**
     * Subjects of delay warnings (lowercase): the message is still queued, so every recipient is Action
     * delayed (RFC 3464 2.3.3). Postfix's bounce.cf delay template "Delayed Mail (still being retried)",
     * Sendmail's "Warning: could not send message for past ..." (savemail.c), Exim's "Warning: message ...
     * delayed ..." (its warn_message default), "Delivery Status Notification (Delay)" of Gmail and
     * Exchange, and the plain "delivery delayed" / "message delayed" wording of gateways.
     */
    private static final List<String> DELAY_SUBJECTS = List.of("delayed mail", "warning: could not send message",
            "delivery status notification (delay)", "delivery delayed", "message delayed", "delivery delay",
            "message delivery delayed", "warning: message delivery delayed",
            // Sun/Oracle Messaging Server's "Delivery Notification: Delivery has been delayed"
            "delivery has been delayed",
            // MDaemon's "transient (delayed) delivery message subject", as gateways also word it
            "temporary delivery failure", "warning: temporary delivery failure",
            // masqmail's warnmsg.tpl ("Warning: could not yet send message")
            "warning: could not yet send",
            // the same in German, French, Spanish, Italian and Dutch gateways' words
            "zustellung verzögert", "verzögerte zustellung", "remise différée", "distribution différée",
            "entrega retrasada", "consegna ritardata", "vertraagde bezorging");

    /** Prefixes of a delay warning's Subject before its phrase ("Warning: ...", "Warnung: ...", "Avertissement : ..."). */
    private static final List<String> WARNING_PREFIXES = List.of("warning:", "warnung:", "avertissement :",
            "avertissement:", "aviso:", "avviso:", "waarschuwing:");

    /** Header-like line starts of a quoted original (lowercase); "Sent:" is Outlook's Date under "-----Original Message-----". */
    private static final List<String> HEADER_LINES = List.of("to:", "from:", "cc:", "subject:", "reply-to:", "date:",
            "sent:", "return-path:", "message-id:", "received:", "sender:", "delivered-to:", "x-");

    private static final int MAX_RECIPIENTS = 50;

    /** Lines under an address line that still belong to its entry. */
    private static final int MAX_ENTRY_LINES = 8;

    private final Limits limits;

    public PlainTextDialect(Limits limits) { this.limits = limits; }

    public PlainTextDialect() { this(Limits.DEFAULT); }

    @Override
    public String name() { return "text"; }

    @Override
    public ParseResult parse(BounceMessage m) {
        boolean delay = delaySubject(m.subjectLower());
        boolean subject = delay || bounceSubject(m.subjectLower())
                || (TextScan.startsWithAny(m.subjectLower().strip(), OUTCOME_SUBJECTS) && bodyMark(m));
        boolean sender = Senders.mailSystem(m);
        // a warning that the system is still trying, under a failure Subject or from a mail system under a
        // Subject of its own
        if ((subject || sender) && !delay) delay = saysItKeepsTrying(m);
        // the cheap test first: most messages stop here; a notice from an address that is no daemon's
        // ("noreply@", "no-reply@") under a Subject of its own still has a null reverse-path (RFC 5321 4.5.5)
        // and says in its text that the message was not delivered, or quotes a refusal with its status code
        boolean nullSender = Senders.nullSender(m) || Senders.unknown(m);
        if (!subject && !sender && !(nullSender && bodyMark(m))) return ParseResult.NOT_MINE;
        boolean markSeen = !subject && !sender;   // passed the test above on its body mark
        List<String> failed = ProviderText.failedRecipients(m);
        // a mail system saying in its own words that it is still trying is a delay warning under any Subject
        // (MMDF's "Waiting mail  (msg.a12345)")
        if (!(subject && (sender || nullSender)) && failed.isEmpty() && !markSeen && !(sender && delay) && !bodyMark(m)) {
            return ParseResult.NOT_MINE;
        }
        // the notice's own addresses and the sender of the original it returns as a part, who reads the notice and
        // did not fail (a notice without a To, or one sent to another address of the sender's, still names it)
        String[] own = {Addresses.first(m.header("from")), Addresses.first(m.header("to")), Originals.returnedFrom(m, limits)};
        List<String> addresses = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        int headerRun = 0;
        int runStart = 0;   // the first line of the current run of header fields
        boolean indentedRun = false;
        int indentedBlock = -1;   // the first indented block of the original's fields skipped below
        int quoted = -1;
        String[] lines = m.mainText().split("\n", 2000);
        String lower = "";   // the line read last
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            // a signature separator ("-- ", RFC 3676 4.3; its blank often lost): what follows signs the notice
            if (t.equals("--")) break;
            String above = lower;
            lower = t.toLowerCase(Locale.ROOT);
            // a client's localised names count at the margin only, where a quoted original's header stands (an indented
            // "An:" / "Betreff:" block is MailScanner's summary of the refused message, which names its recipient)
            boolean field = isHeaderLine(lower) || (!indented(lines[i]) && InlineText.opensWithLocalisedField(lower));
            if (field && !isolatedToLine(lines, i, lower, headerRun)) {
                if (headerRun == 0) {
                    indentedRun = lines[i].startsWith(" ") || lines[i].startsWith("\t");
                    runStart = i;
                }
                // the quoted original begins; but an indented block of the original's fields that the notice
                // quotes before naming anyone ("This report relates to a message you sent with the following
                // header fields:", Sun/Netscape Messaging Server) is skipped, not the end
                if (++headerRun >= 3 && (!addresses.isEmpty() || !indentedRun)) { quoted = runStart; break; }
                if (headerRun == 3 && indentedBlock < 0) indentedBlock = runStart;
                continue;
            }
            // a folded field's continuation inside the run ("Received: from ..." / "          id <...@host>")
            if (headerRun > 0 && !indentedRun && indented(lines[i]) && !t.isEmpty()) continue;
            headerRun = 0;
            String a = Addresses.first(t);
            // "Message from <sender> to <recipient> could not be delivered": the address after the sender's is the one
            String named = a.isEmpty() ? "" : recipientAfterSender(lower);
            if (!named.isEmpty()) a = named;
            // (a name written with an "@" whose domain has no dot is a word of the text, USA.NET's "Net@ddress", not
            // a mailbox on the internet: RFC 5321 2.3.5 wants a fully qualified domain)
            if (a.isEmpty() || isOwn(a, own) || a.indexOf('.', a.indexOf('@')) < 0) continue;
            if ((named.isEmpty() && notARecipientLine(lower)) || namedByTheLineBefore(above, lower)) continue;
            if (i + 1 < lines.length && namedByTheLineAfter(lower, lines[i + 1].strip())) continue;
            // "Original recipient: alias" above "Final recipient: mailbox" (RFC 3464's two fields written as
            // prose): the final recipient is the one that failed
            if (lower.startsWith("original recipient") || lower.startsWith("original-recipient")) {
                if (m.mainTextLower().contains("final recipient") || m.mainTextLower().contains("final-recipient")) continue;
            }
            int known = addresses.indexOf(a);
            if (known >= 0) {
                // a list of bare addresses first, the reasons further down (GroupWise's "undeliverable
                // recipient(s):" list, then its transcript), or a sentence naming the address without the
                // server's words and a later line quoting them ("552 5.2.2 addr: mailbox is full"): a later
                // entry naming the address says why
                String before = entries.get(known);
                // (the address named again alone, as a bilingual notice lists it in each language, adds nothing)
                String again = entry(lines, i, a, own);
                if ((isBare(before, a) && !isBare(again, a)) || (quotesNoServer(before) && !quotesNoServer(lines[i]))) {
                    entries.set(known, before + "\n" + again);
                }
                continue;
            }
            if (addresses.size() >= MAX_RECIPIENTS) continue;
            addresses.add(a);
            String entry = entry(lines, i, a, own);
            // an address alone on its line, the reason in the paragraph under it ("Reason: 550 ..."); or a
            // sentence naming it without the server's words, which the next paragraph quotes ("The response
            // from the remote server was: 550 5.1.1 ...")
            if (isBare(entry, a) || quotesNoServer(entry)) entry = entry + following(lines, i, a, own);
            entries.add(entry);
            at.add(i);
        }
        dropFootAddresses(lines, addresses, entries, at);
        for (int k = 0; k < entries.size(); k++) {
            // the sentence naming the address began on the line above ("... the destination address was\nnot found:
            // a@b"): part of its entry (after the foot's addresses are dropped, which that sentence must not explain)
            int line = at.get(k);
            if (line > 0 && continuesSentence(lines[line - 1], lines[line].strip())) {
                entries.set(k, lines[line - 1].strip() + "\n" + entries.get(k));
            }
        }
        for (int k = 0; k < entries.size(); k++) {
            // an address that no line says anything about: the notice said why before listing who ("The
            // user(s) account is temporarily over quota.", "After 12 days ... could not be fully delivered.
            // It was intended for the following recipients:")
            // (and the statement under it, when the notice says why there instead: "XKGB24A@prodigy.example" / "The
            // membership for this ID is no longer active.")
            if (isBare(entries.get(k), addresses.get(k))) {
                entries.set(k, entries.get(k) + preceding(lines, at.get(k), own) + statementAfter(lines, at.get(k), addresses.get(k), own));
            }
        }
        if (!failed.isEmpty()) {
            // X-Failed-Recipients (Exim, and MTAs that copy it) names the failed recipients: the text's other
            // addresses are contacts or quoted mail; each keeps its entry when the text has one
            List<String> texts = new ArrayList<>();
            for (String a : failed) {
                int k = addresses.indexOf(a);
                String text = k >= 0 ? entries.get(k) : TextScan.paragraphNaming(m.mainText(), a);
                texts.add(text.isEmpty() ? markedParagraph(m.mainText()) : text);
            }
            addresses = new ArrayList<>(failed);
            entries = texts;
        }
        SessionLog log = SessionLog.mayHold(m.mainTextLower()) ? SessionLog.read(lines) : SessionLog.NONE;
        List<RecipientStatus> out = new ArrayList<>();
        List<RecipientStatus> roles = new ArrayList<>();
        for (int k = 0; k < addresses.size(); k++) {
            String a = addresses.get(k);
            String entry = entries.get(k);
            if (quotesNoServer(entry)) entry = entry + subjectReason(m);
            var r = RecipientStatus.builder().address(a, failed.isEmpty() ? "text" : "header").action(delay ? "delayed" : "failed");
            SessionLog.Failure f = log.failureOf(a);
            if (f != null) {
                // the session log's refusal is the server's own words; the notice around it is the writer's
                r.diagnosticText(f.reply()).replyCode(f.code()).command(f.command());
            } else {
                r.diagnosticText(TextScan.fold(entry)).replyCode(replyCode(entry, a)).command(SmtpCommands.find(entry));
                String described = describedStatus(entry, delay);
                if (!described.isEmpty()) r.status(described);
            }
            (isRole(a) ? roles : out).add(r.build());
        }
        if (out.isEmpty()) out = roles; // a role mailbox is the failed recipient only when nothing else is named
        if (out.isEmpty()) {
            // a notice that names no address ("Your message could not be delivered.", CompuServe's "Receiver not
            // found: name", Exchange 2003's "Bob Smith on <date>") returned an original: its one recipient failed,
            // or, among several, the only one whose local part or display name the notice names (source "header",
            // as for X-Failed-Recipients)
            // (with no original returned, the indented block of its fields that the notice quoted: MailScanner's
            // "Our UCE (spam) detectors have been triggered by a message you sent:-" / "  To: ..." / "  Subject:
            // ..." / "  Date: ...", reports/*/sender.spam.sa.report.txt)
            List<Named> candidates = originalRecipients(m, lines, quoted >= 0 ? quoted : indentedBlock);
            candidates.removeIf(c -> isOwn(c.address(), own));
            int end = quoted >= 0 ? quoted : lines.length;
            String to = "";
            int naming = -1;
            for (Named c : candidates) {
                int line = lineNaming(lines, end, c);
                if (candidates.size() == 1 || line >= 0) {
                    if (!to.isEmpty()) { to = ""; break; }   // two named: the notice does not say which
                    to = c.address();
                    naming = line;
                }
            }
            if (!to.isEmpty()) {
                String marked = markedParagraph(m.mainText());
                String why = naming < 0 ? marked : paragraphAt(lines, naming);
                if (naming >= 0 && !marked.isEmpty() && !why.contains(marked.strip())) why = why + "\n" + marked;
                // no sentence of the lists here: the notice's own first paragraph ("The user does not exist.")
                if (why.isBlank()) why = firstParagraph(lines, end);
                out = List.of(fromHeader(to, why, delay));
            }
        }
        if (out.isEmpty()) {
            // nothing in the text or the original: the Subject may name it ("Undeliverable mail to <addr>")
            String a = Addresses.first(m.subjectLower());
            if (!a.isEmpty() && !isOwn(a, own) && !isRole(a)) {
                out = List.of(fromHeader(a, markedParagraph(m.mainText()), delay));
            }
        }
        if (out.isEmpty()) return new ParseResult.Undecodable(name(), "bounce text names no address");
        return new ParseResult.Decoded(name(), Report.delivery(out));
    }

    /**
     * Drops the addresses a notice names at its foot, below the recipients it explains: in a paragraph of their own
     * after the last entry that says why it failed, saying nothing of a failure themselves (a signature, a help desk,
     * a disclaimer's "please notify ...", "sent by ...", an unsubscribe address). A list whose reason comes above
     * or below it explains no entry of its own and loses nothing here.
     */
    private static void dropFootAddresses(String[] lines, List<String> addresses, List<String> entries, List<Integer> at) {
        int lastExplained = -1;
        for (int k = 0; k < entries.size(); k++) {
            if (saysWhy(entries.get(k), addresses.get(k))) lastExplained = Math.max(lastExplained, at.get(k));
        }
        if (lastExplained < 0) return;
        for (int k = entries.size() - 1; k >= 0; k--) {
            int line = at.get(k);
            if (line > lastExplained && blankBetween(lines, lastExplained, line) && !saysWhy(entries.get(k), addresses.get(k))) {
                addresses.remove(k);
                entries.remove(k);
                at.remove(k);
            }
        }
    }

    /** An entry that says why its address failed: a reply code, a status code or a failure word besides the address. */
    private static boolean saysWhy(String entry, String address) {
        String t = entry.toLowerCase(Locale.ROOT).replace(address, " ");
        return TextScan.containsAny(t, FAILURE_CUES) || !Codes.replyCode(t).isEmpty() || !Codes.status(t).isEmpty();
    }

    /** Whether a blank line lies between lines {@code from} and {@code to}. */
    private static boolean blankBetween(String[] lines, int from, int to) {
        for (int i = from + 1; i < to; i++) if (lines[i].isBlank()) return true;
        return false;
    }

    /**
     * The cause Sendmail's Subject gives after "Returned mail: " (savemail.c writes the error there: "Returned
     * mail: User unknown", "... Mailbox full"), as a line to add to an entry that quotes no server; "" for
     * other subjects and for its "see transcript for details".
     */
    private static String subjectReason(BounceMessage m) {
        String s = m.header("subject");
        if (s == null) return "";
        s = BounceMessage.untagged(s).strip();
        if (!s.regionMatches(true, 0, "returned mail:", 0, 14)) return "";
        String cause = s.substring(14).strip();
        return cause.isEmpty() || cause.toLowerCase(Locale.ROOT).startsWith("see transcript") ? "" : "\n" + cause;
    }

    /** A recipient that a header named (the original's To, the Subject), with the notice's words as its diagnostic. */
    private static RecipientStatus fromHeader(String address, String why, boolean delay) {
        return RecipientStatus.builder().address(address, "header").action(delay ? "delayed" : "failed")
                .diagnosticText(TextScan.fold(why)).replyCode(replyCode(why, address)).build();
    }

    /**
     * Lines that name an address that is not a failed recipient (issue 13, list 4): help and contact
     * sentences of the notice's own template ("please contact postmaster@...", "for example jane@...",
     * "our help desk at ..."), and the "for &lt;address&gt;" clause of a Received field of the quoted original
     * whose continuation lines lost their indentation (RFC 5321 section 4.4: "by ... with ... id ... for").
     */
    private static final List<String> NOT_RECIPIENT_PHRASES = List.of("please contact", "contact your", "contact the",
            "contact our", "for example", "e.g.", "such as", "help desk", "helpdesk at", "for assistance", "for help",
            "if you need help", "please send", "write to",
            // help and support lines at a notice's foot ("Need help? support@...", "Technical support: +1 ..., help@...",
            // "Visit our FAQ or email us: help@...", "Replies go to noreply@..., this mailbox is not monitored")
            "need help", "technical support", "customer support", "customer service", "not monitored", "replies go to",
            // "email us" only with what follows it ("Email user unknown: a@b" is a failure)
            "email us:", "email us at", "e-mail us:", "e-mail us at", "mail us:", "mail us at",
            // a disclaimer's "If you received this message in error, please notify ... and delete it"
            "please notify", "notify the sender", "received this message in error", "received this e-mail in error",
            "received this email in error", "received it in error",
            // a postmaster's note naming an address that still takes mail beside the gone ones ("Note that m@x is
            // still valid and would like to continue receiving the digest")
            "is still valid", "is still active", "continue receiving",
            // the site's administrator named as a contact, and an unsubscribe address ("To unsubscribe from these
            // notices, send a blank message to ...")
            "your administrator", "administrator:", "to unsubscribe", "unsubscribe from",
            // the same sentences of notices in other languages: Chinese ("请联系", "请与 ... 联系", "如有疑问"), Japanese
            // ("お問い合わせ", "... へご連絡ください"), Korean ("문의", "연락"), German, French, Spanish, Italian,
            // Dutch, Portuguese and Russian
            "请联系", "請聯繫", "请与", "請與", "如有疑问", "お問い合わせ", "問い合わせ先", "ご連絡", "連絡してください",
            "문의", "연락", "wenden sie sich", "kontaktieren sie",
            "veuillez contacter", "contactez", "póngase en contacto", "contacte con", "contattare", "contatta",
            "neem contact op", "entre em contato", "свяжитесь", "обратитесь",
            // "write to" in Italian, French, German and Spanish (masqmail's failmsg.tpl.it: "In caso ti serva aiuto
            // scrivi a <postmatster@host>", its typo for postmaster)
            "scrivi a", "scrivere a", "écrivez à", "écrire à", "schreiben sie an", "escriba a");

    /** "Contact" right before an address ("Questions? Contact support@...", "contact: help@", "contact us at"). */
    private static final java.util.regex.Pattern CONTACT_BEFORE_ADDRESS =
            java.util.regex.Pattern.compile("\\bcontact(?:\\s+us)?(?:\\s+at)?[\\s:]*<?(?:mailto:)?[^\\s@<>]+@");

    /**
     * An instruction to write to an address ("Questions? Email support@...", "... or mail support@...", "by writing to help@...",
     * "send mail to help@...", "forward this notice to admin@...", "report problems to noc@...") with no word
     * of a failure before it on its line: the address is the notice's help desk ("Unable to send mail to
     * jane@..." stays a failure).
     */
    private static final java.util.regex.Pattern INSTRUCTION_BEFORE_ADDRESS = java.util.regex.Pattern.compile(
            "(?:(?:\\bplease\\s+|\\?\\s*|\\bor\\s+)(?:e-?)?mail(?:\\s+us(?:\\s+at)?)?\\s|\\bwrit(?:e|ing)(?:\\s+us)?\\s+(?:to|at)\\b"
            + "|\\bsend(?:ing)?\\s+(?:mail|an?\\s+e-?mail|e-?mail|a\\s+message|a\\s+note|(?:this|the)\\s+(?:notice|report))\\s+to\\b"
            + "|\\bforward(?:ing)?\\s+(?:this|the|it)(?:\\s+(?:notice|message|report|mail|e-?mail))?\\s+to\\b"
            + "|\\breport(?:ing)?\\s+(?:problems|issues|this|it|abuse|errors)\\s+to\\b|\\breach\\s+us\\s+at\\b)"
            + "[\\s:]*<?(?:mailto:)?[^\\s@<>]+@");

    /**
     * An address at the start of its line that ends an instruction or contact sentence begun on the line before
     * ("... or by writing to" / "help@example.org."), or a Message-ID whose label ends the line before, as a relay's
     * re-wrapping leaves them.
     */
    private static boolean namedByTheLineBefore(String before, String lower) {
        if (before.isEmpty() || lower.isEmpty() || !(lower.charAt(0) == '<' || Character.isLetterOrDigit(lower.charAt(0)))) return false;
        String joined = before + " " + lower;
        int join = before.length() + 1;
        // a Message-ID cut from its label ("*  Message-ID:" / "<id@host>", a transcript re-wrapped)
        if (before.indexOf('@') < 0 && TextScan.namesAMessageIdFirst(joined)) return true;
        java.util.regex.Matcher x = INSTRUCTION_BEFORE_ADDRESS.matcher(joined);
        while (x.find()) {
            if (x.start() < join && x.end() > join && !TextScan.containsAny(joined.substring(0, x.start()), FAILURE_CUES)) return true;
        }
        x = CONTACT_BEFORE_ADDRESS.matcher(joined);
        while (x.find()) {
            if (x.start() < join && x.end() > join) return true;
        }
        return false;
    }

    /**
     * An address that ends its line, with the contact sentence's verb starting the next one: Japanese, Chinese and
     * Korean write the verb after the address ("&lt;help@...&gt;" / "までご連絡ください。"), and a relay's
     * re-wrapping can cut the sentence there.
     */
    private static boolean namedByTheLineAfter(String lower, String after) {
        if (after.isEmpty() || after.charAt(0) < '\u2E80') return false;   // the next line starts in CJK or Hangul
        int end = lower.length();
        while (end > 0 && ">)]}.,;:。、，）」 \t".indexOf(lower.charAt(end - 1)) >= 0) end--;
        int start = end;
        while (start > 0 && !Character.isWhitespace(lower.charAt(start - 1))) start--;
        if (lower.indexOf('@', start) < 0 || lower.indexOf('@', start) >= end) return false;   // no address ends the line
        return TextScan.containsAny(after.length() > AFTER_HEAD ? after.substring(0, AFTER_HEAD) : after, NOT_RECIPIENT_PHRASES);
    }

    /** Characters of the next line's start searched for a contact phrase in {@link #namedByTheLineAfter}. */
    private static final int AFTER_HEAD = 16;

    /**
     * Labels of lines that name the message or its sender, not a recipient: an identifier in address form
     * (XMail's "ID:        &lt;S1A2B3C@host&gt;", "Message ID:", "Queue ID:") and the envelope sender ("Mail
     * From: &lt;a@b&gt;", which XMail prints above "Rcpt To:").
     */
    private static final List<String> NOT_RECIPIENT_LABELS = List.of("id:", "message id:", "msg id:", "msgid:",
            "queue id:", "queue-id:", "message token:", "token:", "mail from:", "envelope from:", "envelope-from:", "support:", "help:", "contact:",
            // "sender" as notices in other languages label it: Chinese, Japanese, Korean, German, French, Spanish,
            // Italian, Dutch, Portuguese, Russian ("发件人：news@...", "差出人: ...", "Absender: ...")
            "发件人", "發件人", "寄件人", "寄件者", "差出人", "送信者", "보낸 사람", "보낸사람", "absender", "expéditeur",
            "expediteur", "remitente", "mittente", "afzender", "remetente", "отправитель");

    /**
     * An address labelled as the sender further into its line: an SMTP transcript's "MAIL From:&lt;a@b&gt;" after a
     * time stamp (MDaemon's "... --&gt; MAIL From:&lt;a@b&gt;"), a summary's "*  From: a@b", a sentence's "A message
     * from &lt;a@b&gt;" or "presumably from you &lt;a@b&gt;" (amavisd-new), "The message was sent by &lt;a@b&gt;", "Original
     * sender: a@b", "Envelope sender: a@b", "The sender was a@b", "Your mail (from a@b) was not accepted", "Your original
     * message was sent from a@b".
     */
    private static final java.util.regex.Pattern FROM_LABEL =
            java.util.regex.Pattern.compile("(?:\\b(?:from:|message from|mail from|from you|sent by|sent from|sender:|sender address:"
                    + "|sender was|sender is|envelope sender:)|\\(from)\\s*<?[^\\s<>@]+@");

    /**
     * A greeting of the notice's reader, the sender ("Dear news@shop.example,", "Hello <news@shop.example>:", "Bonjour
     * ...,"): the salutation, perhaps a name, the address and nothing after it but a comma, colon or "!".
     */
    private static final java.util.regex.Pattern GREETING = java.util.regex.Pattern.compile(
            "^(?:dear|hello|hi|greetings|hallo|liebe|lieber|sehr geehrte|sehr geehrter|bonjour|cher|chère|hola|estimado"
            + "|estimada|gentile|caro|cara|beste|geachte|olá|prezado|prezada)\\b[^@]{0,40}?<?[^\\s<>@]+@[^\\s<>]+?>?\\s*[,:!]?$");

    /** "to" and an address after the sender's ("from a@b to c@d", "from &lt;a@b&gt; to: &lt;c@d&gt;"). */
    private static final java.util.regex.Pattern TO_AFTER_SENDER =
            java.util.regex.Pattern.compile("^[\\s>,]*\\bto:?\\s+<?([^\\s<>@]+@[^\\s<>]+)");

    /**
     * The address a line names after "to" when its first address is labelled as the sender ("Message from a@b to c@d
     * could not be delivered"); "" otherwise.
     */
    private static String recipientAfterSender(String lower) {
        if (!labelsTheSender(lower)) return "";
        int end = lower.indexOf('@') + 1;
        while (end < lower.length() && !Character.isWhitespace(lower.charAt(end)) && lower.charAt(end) != '>') end++;
        java.util.regex.Matcher to = TO_AFTER_SENDER.matcher(lower).region(end, lower.length());
        return to.find() ? Addresses.normalize(to.group(1)) : "";
    }

    /** True when {@code label} matches right before the line's first address, the one the line would name. */
    private static boolean labelsFirstAddress(java.util.regex.Pattern label, String lower) {
        java.util.regex.Matcher m = label.matcher(lower);
        return m.find() && m.end() - 1 == lower.indexOf('@');
    }

    /** The line's first address is labelled as the sender's ("Message from a@b", "sent by a@b", "Sender: a@b"). */
    private static boolean labelsTheSender(String lower) {
        return (lower.contains("from") || lower.contains("sent by") || lower.contains("sender")) && labelsFirstAddress(FROM_LABEL, lower);
    }

    private static boolean notARecipientLine(String lower) {
        if (TextScan.startsWithAny(lower, NOT_RECIPIENT_LABELS)) return true;
        if (lower.indexOf('@') > 0 && GREETING.matcher(lower).matches()) return true;
        if (TextScan.namesAMessageIdFirst(lower)) return true;
        if (labelsTheSender(lower)) return true;
        if (TextScan.containsAny(lower, NOT_RECIPIENT_PHRASES)) return true;
        // the contact's address is the one the line would name (not "The message to a@b (contact c@d) failed")
        if (lower.contains("contact") && labelsFirstAddress(CONTACT_BEFORE_ADDRESS, lower)) return true;
        if (lower.indexOf('@') >= 0) {
            java.util.regex.Matcher x = INSTRUCTION_BEFORE_ADDRESS.matcher(lower);
            if (x.find() && !TextScan.containsAny(lower.substring(0, x.start()), FAILURE_CUES)) return true;
        }
        return (lower.startsWith("by ") || lower.startsWith("for ") || lower.startsWith("id ") || lower.startsWith("with "))
                && lower.contains("for <") && lower.indexOf(';') > lower.indexOf("for <");
    }

    /**
     * Role mailboxes of RFC 2142 (and the mailer daemon, help desks and unattended senders), which notices name as
     * contacts; a failed recipient only when the notice names no other address.
     */
    private static final List<String> ROLES = List.of("postmaster", "mailer-daemon", "abuse", "hostmaster", "webmaster",
            "noc", "security",
            // the help desks and unattended senders notices point to (RFC 2142's "support", and the like)
            "support", "help", "helpdesk", "noreply", "no-reply", "donotreply", "do-not-reply");

    /** Whether {@code a} is one of {@code own} (the notice's From and To, the original's From; "" matches nothing). */
    private static boolean isOwn(String a, String[] own) {
        for (String o : own) if (!o.isEmpty() && o.equals(a)) return true;
        return false;
    }

    private static boolean isRole(String address) {
        int at = address.indexOf('@');
        return at > 0 && ROLES.contains(address.substring(0, at));
    }

    /**
     * The reply code an entry quotes: after a lead-in ("said:", "replied:"...), at the start of a line under
     * the address, after a word label ("Reason: 550 ...", "Server response: 550 ...", "返回信息：550 ..."), or
     * right after the address and a separator ("user@aol.com : 552 ...", "user@host (550 ...)"); "" when none.
     */
    static String replyCode(String entry, String address) {
        String code = quotedReplyCode(entry);
        if (code.isEmpty()) code = replyLineCode(entry);
        if (code.isEmpty()) code = labelledReplyCode(entry);
        if (code.isEmpty()) code = codeAfterAddress(entry, address);
        if (code.isEmpty()) code = pairedReplyCode(entry);
        return code;
    }

    /**
     * A reply code anywhere in the text that its enhanced status code of the same class follows ("(552 5.2.2
     * over quota)"): the pair is unambiguous where a lone number is not (RFC 3463 section 2: the status
     * code's class matches the reply's). "" when there is none.
     */
    static String pairedReplyCode(String entry) {
        for (int i = 0; i + 6 < entry.length(); i++) {
            char c = entry.charAt(i);
            if ((c != '4' && c != '5') || (i > 0 && (Character.isLetterOrDigit(entry.charAt(i - 1)) || entry.charAt(i - 1) == '.'))) continue;
            if (!Character.isDigit(entry.charAt(i + 1)) || !Character.isDigit(entry.charAt(i + 2))) continue;
            // a blank, or a continuation hyphen, then at most one quote before the status (Cisco AsyncOS:
            // "Unknown address error 550-'5.1.1 <...>: ...'")
            int j = i + 3;
            if (entry.charAt(j) != ' ' && entry.charAt(j) != '-') continue;
            j++;
            if (j < entry.length() && (entry.charAt(j) == '\'' || entry.charAt(j) == '"')) j++;
            if (j + 2 < entry.length() && entry.charAt(j) == c && entry.charAt(j + 1) == '.' && Character.isDigit(entry.charAt(j + 2))) {
                return entry.substring(i, i + 3);
            }
        }
        return "";
    }

    /** The reply code after the first word label of one of the entry's lines ("Reason:", "信息："), or "". */
    static String labelledReplyCode(String entry) {
        int start = 0;
        while (start < entry.length()) {
            int nl = entry.indexOf('\n', start);
            int end = nl < 0 ? entry.length() : nl;
            for (int i = start; i < end; i++) {
                char c = entry.charAt(i);
                if (c != ':' && c != '\uFF1A') continue;
                // a label is a word ("Reason:"), not a time ("09:15") or a host ("[host]:")
                if (i > start && Character.isLetter(entry.charAt(i - 1))) {
                    String after = entry.substring(i + 1, Math.min(end, i + 24)).stripLeading();
                    // the reply in quotes after the label, its code joined to the text by "; " as MMDF's SMTP
                    // channel joins a reply's lines (sm_wtmail.c: "reason:  '550; 5.1.1 ...'", rtn_proc.c)
                    if (after.startsWith("'") || after.startsWith("\"")) after = after.substring(1);
                    String code = bouncemx.parse.Codes.leadingReplyCode(after);
                    if (code.isEmpty() && after.length() > 3 && after.charAt(3) == ';') {
                        code = bouncemx.parse.Codes.leadingReplyCode(after.substring(0, 3));
                    }
                    if (code.isEmpty()) code = framedReplyCode(after);
                    if (!code.isEmpty()) return code;
                }
                break;
            }
            start = end + 1;
        }
        return "";
    }

    /** The reply code right after the address and a separator (" : ", " (", " - "), or "". */
    static String codeAfterAddress(String entry, String address) {
        int nl = entry.indexOf('\n');
        String first = (nl < 0 ? entry : entry.substring(0, nl)).toLowerCase(Locale.ROOT);
        int at = first.indexOf(address);
        if (at < 0) return "";
        int i = at + address.length();
        while (i < first.length() && " \t>:(-[".indexOf(first.charAt(i)) >= 0) i++;
        return bouncemx.parse.Codes.leadingReplyCode(first.substring(i, Math.min(first.length(), i + 4)));
    }

    /**
     * Notes beside an address that say where it was routed, not why it failed: MMDF lists a recipient as
     * "addr (host: example.org) (queue: smtp)" (rtn_pnam in lib/mmdf/rtn_proc.c).
     */
    private static final java.util.regex.Pattern ROUTING_NOTE =
            java.util.regex.Pattern.compile("\\((?:host|queue|channel): [^()]*\\)");

    /** True when {@code entry} is the address alone (with brackets or punctuation), saying nothing about it. */
    private static boolean isBare(String entry, String address) {
        int nl = entry.indexOf('\n');
        // a line under the address says something about it, unless it is the rest of the address's routing
        // notes that a re-wrap cut off ("addr (host: example.org)" / "(queue: smtp)")
        while (nl >= 0) {
            int next = entry.indexOf('\n', nl + 1);
            String line = entry.substring(nl + 1, next < 0 ? entry.length() : next).toLowerCase(Locale.ROOT);
            if (!ROUTING_NOTE.matcher(line).replaceAll("").isBlank()) return false;
            nl = next;
        }
        String rest = entry.toLowerCase(Locale.ROOT).replace(address, "");
        if (rest.indexOf('(') >= 0) rest = ROUTING_NOTE.matcher(rest).replaceAll("");
        // "to: address" alone on its line ({@link #isolatedToLine}) is an address without words too, and so is one
        // after its address type ("SMTP <a@b>", as InterMail and Exchange 5.5 list them)
        if (rest.startsWith("to:")) rest = rest.substring(3);
        else if (rest.startsWith("smtp")) rest = rest.substring(4);
        for (int i = 0; i < rest.length(); i++) if (Character.isLetterOrDigit(rest.charAt(i))) return false;
        return true;
    }

    /** The reply code that starts one of the entry's lines under the address ("550 5.1.1 ..."), or "". */
    static String replyLineCode(String entry) {
        int nl = entry.indexOf('\n');
        while (nl >= 0) {
            String code = bouncemx.parse.Codes.leadingReplyCode(entry.substring(nl + 1, Math.min(entry.length(), nl + 6)));
            if (!code.isEmpty()) return code;
            nl = entry.indexOf('\n', nl + 1);
        }
        return "";
    }

    /** Words after which a report quotes the remote server ("Remote server replied: 550 ..."). */
    private static final List<String> QUOTE_MARKERS = List.of("replied:", "said:", "returned:", "reply:", "response:",
            "responded:", "answered:");

    /** The reply code the entry quotes after one of {@link #QUOTE_MARKERS}, or "". */
    static String quotedReplyCode(String entry) {
        String lower = entry.toLowerCase(Locale.ROOT);
        for (String marker : QUOTE_MARKERS) {
            int i = lower.indexOf(marker);
            if (i < 0) continue;
            String after = entry.substring(i + marker.length());
            String code = bouncemx.parse.Codes.leadingReplyCode(after);
            if (code.isEmpty()) code = framedReplyCode(after);
            if (!code.isEmpty()) return code;
        }
        return "";
    }

    /**
     * A reply code written alone in brackets or before a colon right after a lead-in or a label ("said: 550: User
     * unknown", Yahoo's "550: : User unknown"; "Reason: [550] no such user", "(550)"): the lead-in says these are the
     * server's words, so the code needs no blank after it. "" otherwise.
     */
    static String framedReplyCode(String after) {
        int i = 0;
        while (i < after.length() && (after.charAt(i) == ' ' || after.charAt(i) == '\t')) i++;
        char open = i < after.length() ? after.charAt(i) : 0;
        if (open == '[' || open == '(') i++;
        if (i + 3 > after.length()) return "";
        char next = i + 3 < after.length() ? after.charAt(i + 3) : ' ';
        boolean closed = open == '[' ? next == ']' : open == '(' ? next == ')' : next == ':';
        return closed ? bouncemx.parse.Codes.leadingReplyCode(after.substring(i, i + 3)) : "";
    }

    /** The address line and the non-blank lines under it that name no other address. */
    private static String entry(String[] lines, int at, String address, String[] own) {
        StringBuilder b = new StringBuilder(lines[at].strip());
        // an indented "Label: address" line that opens the notice's summary of the message (MailScanner's
        // French "  À: addr" / "  Sujet: ..." / "  Date: ..." / "Celui-ci a été détruit ...",
        // reports/fr/sender.spam.sa.report.txt): the summary's other fields are skipped, not a quoted original
        boolean summary = indented(lines[at]) && LABELLED_ADDRESS.matcher(lines[at].strip()).lookingAt();
        for (int j = at + 1; j < lines.length && j <= at + MAX_ENTRY_LINES; j++) {
            String t = lines[j].strip();
            if (t.isEmpty()) break;
            if (isHeaderLine(t.toLowerCase(Locale.ROOT))) {
                if (summary && indented(lines[j])) continue;
                break;
            }
            // another address begins another entry; the notice's own (the sender's, in a transcript's "hMailServer
            // sent: MAIL FROM:<sender>" above the reply) does not
            String other = Addresses.first(t);
            if (!other.isEmpty() && !other.equals(address) && !isOwn(other, own)) break;
            b.append('\n').append(t);
        }
        return b.toString();
    }

    /**
     * True when {@code line} (stripped) goes on with the sentence of the line above: that line names no address, is
     * no header field and ends in a letter, and this one starts with a lowercase letter.
     */
    private static boolean continuesSentence(String above, String line) {
        String a = above.strip();
        if (a.isEmpty() || line.isEmpty() || a.indexOf('@') >= 0 || !Character.isLetter(a.charAt(a.length() - 1))) return false;
        return Character.isLowerCase(line.charAt(0)) && !isHeaderLine(a.toLowerCase(Locale.ROOT));
    }

    /** A one-word label, its colon and a blank before the address ("À: ", "An: ", "Para: "). */
    private static final java.util.regex.Pattern LABELLED_ADDRESS = java.util.regex.Pattern.compile("[^\\s:@<]{1,12}:\\s+<?[^\\s@<>]+@");

    private static boolean indented(String line) {
        return !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
    }

    /**
     * A "to: address" line alone between lines that are not header fields: the notice naming the recipient in
     * its own sentence ("A message from &lt;sender&gt;\nto: jane@example.org\n\nwas considered unsolicited bulk
     * e-mail", amavisd-new's notice to the sender), not the first field of a quoted original (which has several).
     */
    private static boolean isolatedToLine(String[] lines, int i, String lower, int headerRun) {
        if (headerRun != 0 || !lower.startsWith("to:")) return false;
        if (i + 1 < lines.length && isHeaderLine(lines[i + 1].strip().toLowerCase(Locale.ROOT))) return false;
        return !Addresses.first(lower).isEmpty();
    }

    /**
     * RFC 3463's own descriptions of the address statuses (section 3.2), which some servers write as their reason
     * (hs.mail's local delivery: "The mailbox specified in the address does not exist.", DeliveryAgent): the
     * status they describe, when the entry quotes no status code of its own.
     */
    private static final List<String[]> RFC3463_DESCRIPTIONS = List.of(
            new String[] {"the mailbox specified in the address does not exist", "1.1"},
            new String[] {"the destination system specified in the address does not exist", "1.2"});

    private static String describedStatus(String entry, boolean delay) {
        String lower = entry.toLowerCase(Locale.ROOT);
        if (lower.indexOf("specified in the address") < 0 || !bouncemx.parse.Codes.status(entry).isEmpty()) return "";
        for (String[] d : RFC3463_DESCRIPTIONS) if (lower.contains(d[0])) return (delay ? "4." : "5.") + d[1];
        return "";
    }

    /** A delay warning's subject: one of {@link #DELAY_SUBJECTS} at the start, or after "Warning: " or a short prefix. */
    private static boolean delaySubject(String s) {
        String t = s.strip();
        for (String p : DELAY_SUBJECTS) {
            int i = t.indexOf(p);
            if (i < 0 || i > 12) continue;
            int colon = t.indexOf(':');
            if (colon < 0 || colon > i || TextScan.startsWithAny(t, WARNING_PREFIXES)) return true;
        }
        return false;
    }

    /** A recipient of the returned original: its address and the display name written before it ("" when none). */
    private record Named(String address, String name) {}

    /**
     * The recipients of the returned original's To and Cc (its message/rfc822 or text/rfc822-headers part,
     * else the header lines quoted in the text from line {@code quoted} on), in order; empty when there is none.
     */
    private List<Named> originalRecipients(BounceMessage m, String[] lines, int quoted) {
        HeaderBlock h = Originals.returnedHeaders(m, limits);
        List<Named> out = new ArrayList<>();
        if (h != null) {
            addAll(out, h.get("to"));
            addAll(out, h.get("cc"));
        } else if (quoted >= 0) {
            boolean to = false;
            for (int i = quoted; i < lines.length && i < quoted + 30 && !lines[i].isBlank(); i++) {
                String lower = lines[i].strip().toLowerCase(Locale.ROOT);
                if (lower.startsWith("cc:") || (lower.startsWith("to:") && !to)) {
                    to |= lower.startsWith("to:");
                    addAll(out, lines[i].strip().substring(3));
                }
            }
        }
        return out;
    }

    /** Adds every recipient of a header value ("Bob Smith &lt;b@x&gt;, c@y") to {@code out}, once each. */
    private static void addAll(List<Named> out, String value) {
        if (value == null) return;
        String rest = value;
        for (int n = 0; n < MAX_RECIPIENTS; n++) {
            String a = Addresses.first(rest);
            if (a.isEmpty()) return;
            int at = rest.toLowerCase(Locale.ROOT).indexOf(a);
            if (at < 0) return;
            String name = rest.substring(0, at).replaceAll("[<>\",;]", " ").strip();
            if (name.toLowerCase(Locale.ROOT).endsWith("mailto:")) name = "";
            String address = a;
            if (out.stream().noneMatch(c -> c.address().equals(address))) out.add(new Named(a, name));
            rest = rest.substring(at + a.length());
        }
    }

    /** Shortest local part looked for alone in a notice's text: shorter ones are common words. */
    private static final int MIN_LOCAL_PART = 3;

    /** Shortest display name looked for in a notice's text. */
    private static final int MIN_DISPLAY_NAME = 5;

    /**
     * The first of lines [0, end), other than header-like lines (a notice's own "To: Bob Smith; Carla Diaz"),
     * naming the recipient: its local part as a word of its own (not inside a longer word or an address:
     * "Receiver not found: nils.berg"), or its display name ("Bob Smith on 12/2/2026"); -1 when none does.
     */
    private static int lineNaming(String[] lines, int end, Named recipient) {
        String address = recipient.address();
        int at = address.indexOf('@');
        String local = at >= MIN_LOCAL_PART ? address.substring(0, at) : "";
        String name = recipient.name().length() >= MIN_DISPLAY_NAME ? recipient.name().toLowerCase(Locale.ROOT) : "";
        if (local.isEmpty() && name.isEmpty()) return -1;
        for (int i = 0; i < end && i < lines.length; i++) {
            String lower = lines[i].toLowerCase(Locale.ROOT);
            if (isHeaderLine(lower.strip())) continue;
            if (!name.isEmpty() && lower.contains(name)) return i;
            // a bare local part is a word of the text too ("for more info, contact ..." is no failure of info@):
            // it names the recipient only on a line that speaks of a failure or a recipient
            if (local.isEmpty() || !TextScan.containsAny(lower, FAILURE_CUES)) continue;
            for (int j = lower.indexOf(local); j >= 0; j = lower.indexOf(local, j + 1)) {
                int k = j + local.length();
                boolean before = j == 0 || !isWordChar(lower.charAt(j - 1));
                boolean after = k == lower.length() || (lower.charAt(k) != '@' && !isWordChar(lower.charAt(k))
                        && !(lower.charAt(k) == '.' && k + 1 < lower.length() && Character.isLetterOrDigit(lower.charAt(k + 1))));
                if (before && after) return i;
            }
        }
        return -1;
    }

    /** Words of a line that reports a recipient's failure ("Receiver not found: nils", "unknown user jane"). */
    private static final List<String> FAILURE_CUES = List.of("not found", "unknown", "fail", "receiver", "recipient",
            "user", "mailbox", "address", "undeliver", "not deliver", "reject", "refused", "invalid", "no such",
            "does not exist", "doesn't exist", "unable", "could not", "couldn't", "error", "bounced", "disabled");

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%';
    }

    /** The paragraph (lines between blank lines) holding line {@code at}, at most {@link #MAX_ENTRY_LINES} lines each way. */
    private static String paragraphAt(String[] lines, int at) {
        int from = at;
        while (from > 0 && at - from < MAX_ENTRY_LINES && !lines[from - 1].isBlank()) from--;
        StringBuilder b = new StringBuilder();
        for (int k = from; k < lines.length && k <= at + MAX_ENTRY_LINES && !lines[k].isBlank(); k++) {
            if (b.length() > 0) b.append('\n');
            b.append(lines[k].strip());
        }
        return b.toString();
    }

    /** Words of a paragraph that introduces the cause below it (it ends in a colon). */
    private static final List<String> CAUSE_LEAD_INS = List.of("caused", "cause of", "reason", "the error", "error message",
            "why", "problem was", "the following error", "diagnostic",
            // the server's answer announced ("rejected the message with the following response:", "... because it
            // could not be scanned:")
            "response", "responded", "replied", "because",
            // the same lead-ins in German, French and Italian (masqmail's failmsg.tpl.de/.fr/.it and warnmsg.tpl.*:
            // "Diese Fehlermeldung könnte einen Hinweis über die Ursache geben:", "Ce message d'erreur peut vous
            // aider à déterminer la cause de l'échec:", "... l'origine du délai:", "Il seguente msg d'errore
            // potrebbe aiutarti a capire la causa")
            "ursache", "fehlermeldung", "message d'erreur", "cause de", "l'origine", "msg d'errore",
            "messaggio d'errore", "la causa");

    /** Reason labels that open the paragraph under a bare address ("Reason: 550 ...", "Error: ..."). */
    private static final List<String> REASON_LABELS = List.of("reason", "error", "diagnostic", "remote server",
            "the error", "server response", "response", "details", "原因", "причина", "raison", "motivo", "grund");

    /**
     * The paragraph after the blank line that ends the bare address's paragraph, when it names no address and
     * says why: it opens with a reason label or carries a reply or status code. "" otherwise.
     */
    private static String following(String[] lines, int at, String address, String[] own) {
        int j = at + 1;
        while (j < lines.length && !lines[j].isBlank()) { if (j - at > MAX_ENTRY_LINES) return ""; j++; }
        while (j < lines.length && lines[j].isBlank()) j++;
        String p = paragraphFrom(lines, j, address, own);
        if (p == null) return "";
        String lower = p.strip().toLowerCase(Locale.ROOT);
        // a lead-in to the cause under the list ("This error message may give you a hint about what caused
        // the failure:", masqmail's failmsg.tpl; "The reason of the delivery failure was:"): the paragraph
        // after it is the cause, and may quote the failed address in the server's reply
        if (causeLeadIn(lower)) return causeAfter(lines, j, p);
        // any other paragraph that introduces the one under it, when that one names no address ("The message was
        // refused by the recipient's domain content policy during delivery:" over the server's reply, "The virus
        // scanner found a virus ... and it has been discarded:" over its findings): the two say why
        if (lower.endsWith(":") && paragraphFrom(lines, nextParagraph(lines, j), address, own) != null) return causeAfter(lines, j, p);
        for (String l : REASON_LABELS) if (lower.startsWith(l)) return p;
        // the sentence that named the address goes on under it ("A message from ... to: jane@...", then "was
        // considered unsolicited bulk e-mail (UBE).": amavisd-new): a paragraph opening in lowercase continues it;
        // a label that opens the next block ("weil:", Domino's German "because:") does not
        String first = p.strip();
        if (!first.isEmpty() && Character.isLowerCase(first.charAt(0)) && !first.endsWith(":")
                && first.split("\\s+").length >= 3) return p;
        if (!quotesNoServer(p) || endsInReasonLabel(lower)) return p;
        // the lead-in may come a paragraph or two further down, past the notice's own sentences about retrying
        // (masqmail's warnmsg.tpl: "Delivery will be tried again, until ...", then "This error message may give
        // you a hint about what caused the delay:"); a paragraph naming an address ends the search
        int k = j;
        for (int n = 1; n < MAX_LEAD_PARAGRAPHS; n++) {
            k = nextParagraph(lines, k);
            String q = paragraphFrom(lines, k, address, own);
            if (q == null || q.isEmpty()) return "";
            if (causeLeadIn(q.strip().toLowerCase(Locale.ROOT))) return causeAfter(lines, k, q);
        }
        return "";
    }

    /**
     * The paragraph under the address line at {@code at} when it is a statement of its own (it names no other address
     * and no field, and does not end in a colon, which would introduce something else), with a line break before it;
     * "" otherwise.
     */
    private static String statementAfter(String[] lines, int at, String address, String[] own) {
        String p = paragraphFrom(lines, nextParagraph(lines, at), address, own);
        if (p == null || p.isBlank() || p.strip().endsWith(":")) return "";
        return p;
    }

    /** The first line of the paragraph after the one at line {@code j} (past its lines and the blank ones after them). */
    private static int nextParagraph(String[] lines, int j) {
        int k = j;
        while (k < lines.length && !lines[k].isBlank()) k++;
        while (k < lines.length && lines[k].isBlank()) k++;
        return k;
    }

    /**
     * The paragraph starting at line {@code j} ("\n"-joined, stripped lines) under the entry of {@code address}; null
     * when it names a field or another address, except a server's reply that names the entry's address or one of the
     * notice's {@code own} ("554 5.7.1 &lt;sender&gt;: Sender address rejected").
     */
    private static String paragraphFrom(String[] lines, int j, String address, String[] own) {
        StringBuilder b = new StringBuilder();
        for (int k = j; k < lines.length && k < j + MAX_ENTRY_LINES && !lines[k].isBlank(); k++) {
            String t = lines[k].strip();
            String a = Addresses.first(t);
            boolean ownReply = !bouncemx.parse.Codes.leadingReplyCode(t).isEmpty() && (a.equals(address) || isOwn(a, own));
            if ((!a.isEmpty() && !ownReply) || isHeaderLine(t.toLowerCase(Locale.ROOT))) return null;
            b.append('\n').append(t);
        }
        return b.toString();
    }

    /**
     * A paragraph that introduces the cause below it: it ends in a colon, or in a colon and the closing
     * parenthesis of its translation (masqmail's bilingual templates, failmsg.tpl.de/.fr/.it: "Diese
     * Fehlermeldung könnte einen Hinweis über die Ursache geben:\n(This error message may give you a hint
     * about what caused the\nfailure:)"), with a word of {@link #CAUSE_LEAD_INS}.
     */
    private static boolean causeLeadIn(String lower) {
        return (lower.endsWith(":") || lower.endsWith(":)")) && TextScan.containsAny(lower, CAUSE_LEAD_INS);
    }

    /** The lead-in paragraph at line {@code j} and the cause paragraph under it, or "" when there is none. */
    private static String causeAfter(String[] lines, int j, String leadIn) {
        int k = nextParagraph(lines, j);
        StringBuilder c = new StringBuilder();
        for (int n = k; n < lines.length && n < k + MAX_ENTRY_LINES && !lines[n].isBlank(); n++) {
            String t = lines[n].strip();
            if (isHeaderLine(t.toLowerCase(Locale.ROOT))) break;
            c.append('\n').append(t);
        }
        return c.isEmpty() ? "" : leadIn + c;
    }

    /**
     * True when the text opens with a label whose last word is a reason label, before an ASCII or full-width
     * colon ("Failure reason:", Chinese webmail's "退信原因：", "Fehlergrund:").
     */
    private static boolean endsInReasonLabel(String lower) {
        int colon = -1;
        for (int i = 0; i < Math.min(lower.length(), 24); i++) {
            char c = lower.charAt(i);
            if (c == ':' || c == '\uFF1A') { colon = i; break; }
            if (c == '\n') return false;
        }
        if (colon <= 0) return false;
        String label = lower.substring(0, colon).strip();
        for (String l : REASON_LABELS) if (label.endsWith(l)) return true;
        return false;
    }

    /**
     * The paragraph above the address line at {@code at}, past the blank lines and the other bare address lines
     * of the same list, when it names no other address and no header line is in it: the notice's statement of
     * the cause, for notices that give it before the list of addresses; when that paragraph only introduces the
     * list ("The following recipients did not receive this message:"), the paragraphs above it too, up to
     * {@link #MAX_LEAD_PARAGRAPHS}. "" when there is none. At most {@link #MAX_ENTRY_LINES} lines a paragraph.
     */
    private static String preceding(String[] lines, int at, String[] own) {
        int j = at - 1;
        while (j >= 0 && (lines[j].isBlank() || bareAddressLine(lines[j]))) j--;
        String out = "";
        for (int n = 0; n < MAX_LEAD_PARAGRAPHS && j >= 0; n++) {
            int end = j;
            while (j >= 0 && !lines[j].isBlank()) {
                String t = lines[j].strip();
                // a line naming the notice's own sender or addressee ("in email presumably from you <sender>
                // to the following recipient:", amavisd-new's notice to the sender) is part of the lead-in;
                // any other address is another entry's
                String a = Addresses.first(t);
                String lower = t.toLowerCase(Locale.ROOT);
                boolean other = !a.isEmpty() && !isOwn(a, own) && !notARecipientLine(lower);
                if (end - j >= MAX_ENTRY_LINES || other || isHeaderLine(lower)) return out;
                j--;
            }
            StringBuilder b = new StringBuilder();
            for (int k = j + 1; k <= end; k++) b.append('\n').append(lines[k].strip());
            out = b + out;
            // a statement, not a lead-in (which ends in a colon, or in a colon and its translation's parenthesis)
            String last = lines[end].strip();
            if (!last.endsWith(":") && !last.endsWith(":)")) return out;
            while (j >= 0 && lines[j].isBlank()) j--;
        }
        return out;
    }

    /** Paragraphs above an address list that {@link #preceding} reads at most. */
    private static final int MAX_LEAD_PARAGRAPHS = 4;

    /** True when the entry quotes no reply code and no enhanced status code. */
    private static boolean quotesNoServer(String entry) {
        return bouncemx.parse.Codes.replyCode(entry).isEmpty() && bouncemx.parse.Codes.status(entry).isEmpty();
    }

    /** A line that is one address alone (with brackets or punctuation). */
    private static boolean bareAddressLine(String line) {
        String a = Addresses.first(line);
        return !a.isEmpty() && isBare(line.strip(), a);
    }

    /** The paragraph holding the first of {@link #BODY_MARKS} (at most 1024 characters), or "". */
    /** The first paragraph of lines [0, end), at most 1024 characters; "" when there is none. */
    private static String firstParagraph(String[] lines, int end) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < end && i < lines.length && b.length() < 1024; i++) {
            String t = lines[i].strip();
            if (t.isEmpty()) {
                if (b.length() > 0) break;
                continue;
            }
            if (b.length() > 0) b.append('\n');
            b.append(t);
        }
        return b.length() > 1024 ? b.substring(0, 1024) : b.toString();
    }

    private static String markedParagraph(String text) {
        String lower = text.length() > MARK_SPAN ? text.substring(0, MARK_SPAN).toLowerCase(Locale.ROOT)
                : text.toLowerCase(Locale.ROOT);
        for (String b : BODY_MARKS) {
            int i = lower.indexOf(b);
            if (i < 0) continue;
            int start = lower.lastIndexOf("\n\n", i);
            start = start < 0 ? 0 : start + 2;
            int end = lower.indexOf("\n\n", i);
            if (end < 0) end = lower.length();
            return text.substring(start, Math.min(end, start + 1024));
        }
        return "";
    }

    /**
     * Sentences of a warning whose Subject reads like a failure ("Warning: Undelivered mail"): the system is
     * still trying (RFC 3464 2.3.3, Action delayed) unless the text also calls the failure permanent.
     */
    private static final List<String> STILL_TRYING = List.of("this is a warning only", "warning message only",
            // Messaging Server's "Your message has been delayed and is still awaiting delivery"
            "still awaiting delivery",
            "will keep trying", "will continue trying", "will continue to try", "still trying to deliver",
            "do not need to resend", "you do not need to send", "no need to resend",
            // XMail's temporary-error note ("** This is a temporary error and you do not have to resend the
            // message", SMAILUtils.cpp); masqmail's warnmsg.tpl ("could not yet be delivered", "Delivery will be
            // tried again")
            "do not have to resend", "don't have to resend", "could not yet be delivered", "will be tried again",
            // MMDF's warning (rtn_warn in lib/mmdf/rtn_proc.c: "Attempts to deliver the message will continue for N
            // more days.  No further action is required by you.", "Delivery attempts are still pending for ...")
            "attempts to deliver the message will continue", "delivery attempts are still pending",
            // German, French, Spanish and Italian warnings ("Sie müssen die Nachricht nicht erneut senden")
            "nicht erneut senden", "weiterhin versucht", "pas besoin de renvoyer", "nouvelles tentatives",
            "no es necesario reenviar", "seguirá intentando", "non è necessario inviare", "continuerà a tentare");

    private static final List<String> GAVE_UP = List.of("permanent", "gave up", "giving up", "has been removed",
            "will not be retried", "will not be delivered", "no further attempts");

    /** True when the first part of the text says delivery is still being tried and never that it gave up. */
    private static boolean saysItKeepsTrying(BounceMessage m) {
        String lower = m.mainTextLower();
        if (lower.length() > MARK_SPAN) lower = lower.substring(0, MARK_SPAN);
        return TextScan.containsAny(lower, STILL_TRYING) && !TextScan.containsAny(lower, GAVE_UP);
    }

    /**
     * A sentence of {@link #BODY_MARKS} in the first part of the notice's text, also where the text breaks it over
     * two lines (Postfix's "your message could not\nbe delivered"): looked for again with line breaks as blanks.
     */
    private static boolean bodyMark(BounceMessage m) {
        String lower = m.mainTextLower();
        if (lower.length() > MARK_SPAN) lower = lower.substring(0, MARK_SPAN);
        if (BODY_TEXTS.anyIn(lower)) return true;
        if (lower.indexOf('\n') >= 0 && BODY_TEXTS.anyIn(TextScan.fold(lower))) return true;
        // a remote server's refusal quoted with its enhanced status code ("550 5.1.1 ...", RFC 3463)
        return !pairedReplyCode(lower).isEmpty();
    }

    /**
     * A bounce subject: one of the phrases near the start ("Message undeliverable: ", "Mail System Error -
     * Returned Mail"), not after a colon (a quoted subject: "Re: undeliverable ...").
     */
    private static boolean bounceSubject(String s) {
        String t = s.strip();
        for (String p : SUBJECTS) {
            int i = t.indexOf(p);
            if (i < 0 || i > 40) continue;
            int colon = t.indexOf(':');
            // not inside a quoted subject ("Re: undeliverable ..."); a notice's own prefix ("Warning: ") is fine
            if (colon < 0 || colon > i || (colon < i && isNoticePrefix(t.substring(0, colon)))) return true;
        }
        return false;
    }

    /** Subject prefixes of notices themselves (lowercase), as opposed to a reply's "Re:" or a forward's "Fwd:". */
    private static final List<String> NOTICE_PREFIXES = List.of("warning", "notice", "notification", "error",
            "failure", "delivery failure", "returned mail", "undeliverable", "mail system error", "alert",
            "delivery notification");

    private static boolean isNoticePrefix(String beforeColon) {
        return NOTICE_PREFIXES.contains(beforeColon.strip());
    }

    private static boolean isHeaderLine(String lower) {
        for (String h : HEADER_LINES) if (lower.startsWith(h)) return true;
        return false;
    }
}
