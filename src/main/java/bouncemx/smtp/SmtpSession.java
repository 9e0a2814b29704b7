package bouncemx.smtp;

import bouncemx.event.Envelope;
import bouncemx.pipeline.RawMessage;
import bouncemx.pipeline.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import javax.net.ssl.SSLSocket;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One SMTP connection, from the greeting to the close: the whole server side of RFC 5321 with PIPELINING
 * (RFC 2920), SIZE (1870), 8BITMIME, ENHANCEDSTATUSCODES (2034/3463), SMTPUTF8 (6531), CHUNKING (3030) and
 * STARTTLS (3207), as one state machine run on the session's own virtual thread.
 *
 * <pre>
 * state      command            reply                          next state
 * ---------  -----------------  -----------------------------  -----------------------------------
 * (admit)    not ready          421 4.3.2, close               -
 *            over a limit       421 4.7.0, close               -
 *            else               220 greeting                   CONNECTED
 * any        EHLO/HELO name     250 (EHLO: the extensions)     GREETED (transaction reset)
 * CONNECTED  MAIL               503 5.5.1                      CONNECTED
 * GREETED    MAIL FROM:<path>   250 2.1.0 | 5xx | 452 4.3.1    MAIL | GREETED | GREETED (disk under the reserve)
 *                               | 421 4.3.2                    | closed (stopping)
 * MAIL/RCPT  RCPT TO:<path>     250 2.1.5 | 452/501/550/555    RCPT | unchanged
 * RCPT       DATA               354, content, 250 id | 4xx/5xx GREETED
 * RCPT/BDAT  BDAT n [LAST]      250 | 552 | (LAST) 250 id ...   BDAT | GREETED after LAST
 * any        RSET               250 2.0.0                      GREETED (CONNECTED before a greeting)
 * any        STARTTLS           220, handshake                 CONNECTED over TLS (RFC 3207 4.2)
 * any        NOOP HELP VRFY     250 214 252                    unchanged
 * any        EXPN AUTH          502 5.5.1                      unchanged
 * any        QUIT               221 2.0.0, close               -
 * any        anything else      500 5.5.2                      unchanged
 * </pre>
 *
 * Limits, each with its reply: a command line over 998 octets or with a bare CR/LF: 501 5.5.2 and close;
 * more than {@code maxBadCommands} replies of 500, 501, 503, 504 or 555: 421 4.7.0 and close; a command line
 * that has not arrived within the command timeout, content slower than the minimum data rate, or a session
 * past its deadline: 421 4.4.2 and close ({@link SmtpInput}); a reply the client has not read within the
 * command timeout: close ({@link ReplyWriter}); a message over {@code max_message_bytes}: 552 5.3.4 (a BDAT
 * chunk that alone exceeds it: 552 5.3.4 and close, without reading it); the server's buffer budget spent:
 * 452 4.3.1 ({@link MessageBuffer}).
 * <p>
 * A finished message goes to the {@link bouncemx.pipeline.Intake}; the reply follows the {@link Receipt}: "250
 * 2.0.0 &lt;id&gt;" only once the message and its events are durable, 451 4.3.2 busy, 452 4.3.1 no space, 451
 * 4.3.0 failed or not confirmed within the journal deadline. One INFO line per message, with its id in the MDC
 * as "msg". Replies are held while more pipelined commands are already buffered and written together.
 * Every reply (with the {@link SmtpCommand} it answers), every admission or refusal of the connection and every
 * refused recipient is reported to the edge's {@link SmtpObserver} (metrics).
 * <p>
 * Confined to its thread, except {@link #closeWith}, which a graceful stop calls from another thread.
 */
final class SmtpSession implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SmtpSession.class);

    /** RFC 5321 4.5.3.1.4-5: a command line or a text line of at most 1000 octets with CRLF. */
    static final int MAX_LINE_BYTES = 998;
    /** A write on the way out of a stopping server waits at most this long for the client. */
    static final long STOP_WRITE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private enum State { CONNECTED, GREETED, MAIL, RCPT, BDAT }

    /** What the loop does after a command. */
    private enum Next { GO_ON, CLOSE }

    private final Edge edge;
    private final ConnectionLimits limits;
    private final Socket raw;
    private final DeadlineSweeper.Watch watch;
    private final SmtpInput input;
    private final ReplyWriter replies;
    private final String clientIp;
    private Edge.Rules rules; // the server's rules, read again before each command (a reload applies from the next one)
    private long commandTimeoutNanos;
    private volatile boolean stopping;
    private boolean tlsStarted;
    private int badCommands;
    private SmtpCommand command = SmtpCommand.CONNECT; // what the next reply answers (a metric label)

    private volatile State state = State.CONNECTED; // volatile: idle() reads it from a stopping thread
    private String helo = "";
    // the mail transaction (MAIL to the end of DATA or BDAT LAST, or RSET)
    private String from = "";
    private final List<String> recipients = new ArrayList<>();
    private MessageBuffer chunks; // BDAT: the chunks so far
    private boolean chunksRefused;

    SmtpSession(Edge edge, ConnectionLimits limits, Socket raw) throws IOException {
        this.edge = edge;
        this.limits = limits;
        this.raw = raw;
        long now = System.nanoTime();
        this.rules = edge.rules();
        this.commandTimeoutNanos = rules.settings().commandTimeout().toNanos();
        this.watch = edge.deadlines.watch(raw);
        this.input = new SmtpInput(watch, raw.getInputStream(), now + rules.settings().sessionDeadline().toNanos());
        this.replies = new ReplyWriter(raw, raw.getOutputStream(), watch);
        this.clientIp = raw.getInetAddress() == null ? "" : raw.getInetAddress().getHostAddress().toLowerCase(Locale.ROOT);
    }

    @Override
    public void run() {
        boolean admitted = false;
        try {
            if (!edge.availability.ready()) { // a volatile read, refreshed elsewhere (Availability)
                edge.observer.connectionRefused(SmtpObserver.ConnectionRefusal.NOT_READY);
                log.debug("refused the connection from {}: not ready", clientIp);
                send(rules.notReady());
                replies.flush(STOP_WRITE_NANOS);
                return;
            }
            SmtpReply refusal = limits.admit(this, raw.getInetAddress());
            if (refusal != null) {
                edge.observer.connectionRefused(refusal == SmtpReply.TOO_MANY_CONNECTIONS
                        ? SmtpObserver.ConnectionRefusal.LIMIT : SmtpObserver.ConnectionRefusal.PER_IP);
                send(refusal);
                replies.flush(STOP_WRITE_NANOS);
                return;
            }
            admitted = true;
            edge.observer.connectionAccepted();
            send("220 " + rules.settings().hostname() + " ESMTP bouncemx");
            replies.flush(commandTimeoutNanos);
            loop();
        } catch (ReplyWriter.WriteTimeout e) {
            log.info("closed the connection from {}: it did not read its replies within {}", clientIp,
                    rules.settings().commandTimeout());
        } catch (IOException e) {
            if (!stopping) log.debug("connection from {} ended: {}", clientIp, e.toString());
        } catch (RuntimeException | Error e) { // a bug: this session ends, the server goes on
            log.error("SMTP session with {} failed", clientIp, e);
        } finally {
            endTransaction();
            replies.close();
            watch.close();
            if (admitted) limits.release(this, raw.getInetAddress());
        }
    }

    private void loop() throws IOException {
        while (!stopping) {
            command = SmtpCommand.NONE;
            input.deadline(System.nanoTime() + commandTimeoutNanos);
            String line;
            try {
                line = input.readLine(MAX_LINE_BYTES);
            } catch (SocketTimeoutException e) {
                if (stopping) return;
                endWith(SmtpReply.TIMEOUT);
                return;
            } catch (SmtpInput.BadLine e) {
                endWith(new SmtpReply(501, "5.5.2", e.getMessage()));
                return;
            } catch (CharacterCodingException e) {
                if (reply(new SmtpReply(501, "5.5.2", "Syntax error: invalid UTF-8")) == Next.CLOSE) return;
                flushIfIdle();
                continue;
            }
            if (line == null) return; // the client closed the connection
            rules = edge.rules(); // once per command: a reload applies from the next command on
            commandTimeoutNanos = rules.settings().commandTimeout().toNanos();
            if (command(line) == Next.CLOSE) {
                replies.flush(commandTimeoutNanos);
                return;
            }
            flushIfIdle();
        }
    }

    /** RFC 2920 3.2: replies wait while more pipelined commands are buffered, up to a few KiB. */
    private void flushIfIdle() throws IOException {
        if (input.buffered() == 0 || replies.pendingBytes() >= ReplyWriter.FLUSH_AT) replies.flush(commandTimeoutNanos);
    }

    private void endWith(SmtpReply r) throws IOException {
        send(r);
        replies.flush(commandTimeoutNanos);
    }

    /**
     * Queues {@code r}; a reply that marks a bad command (500, 501, 503, 504, 555) past the limit becomes
     * 421 4.7.0 and ends the session (Postfix's smtpd_hard_error_limit).
     */
    private Next reply(SmtpReply r) {
        int c = r.code();
        if (c == 500 || c == 501 || c == 503 || c == 504 || c == 555) {
            if (++badCommands > rules.settings().maxBadCommands()) {
                send(SmtpReply.TOO_MANY_ERRORS);
                return Next.CLOSE;
            }
        }
        send(r);
        return Next.GO_ON;
    }

    /** Queues one reply and reports it (command and code) to the observer. */
    private void send(SmtpReply r) {
        edge.observer.reply(command, r.code());
        replies.add(r);
    }

    /** Queues one reply given as text (starting with its three-digit code) and reports it. */
    private void send(String text) {
        int code = text.length() >= 3 ? (text.charAt(0) - '0') * 100 + (text.charAt(1) - '0') * 10 + (text.charAt(2) - '0') : 0;
        edge.observer.reply(command, code);
        replies.add(text);
    }

    private Next command(String line) throws IOException {
        command = SmtpCommand.UNKNOWN;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
                return reply(new SmtpReply(501, "5.5.2", "Syntax error: control characters in the command"));
            }
        }
        int sp = line.indexOf(' ');
        String verb = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
        String args = sp < 0 ? "" : line.substring(sp + 1).strip();
        command = SmtpCommand.of(verb);
        return switch (verb) {
            case "EHLO" -> ehlo(args);
            case "HELO" -> helo(args);
            case "MAIL" -> mail(line);
            case "RCPT" -> rcpt(line);
            case "DATA" -> data(args);
            case "BDAT" -> bdat(args);
            case "RSET" -> {
                endTransaction();
                if (state != State.CONNECTED) state = State.GREETED;
                yield reply(SmtpReply.OK);
            }
            case "NOOP" -> reply(SmtpReply.OK);
            case "QUIT" -> {
                send(SmtpReply.BYE);
                yield Next.CLOSE;
            }
            case "STARTTLS" -> startTls(args);
            case "HELP" -> reply(SmtpReply.HELP);
            case "VRFY" -> reply(SmtpReply.CANNOT_VRFY);
            case "EXPN", "AUTH" -> reply(SmtpReply.NOT_IMPLEMENTED);
            default -> reply(SmtpReply.UNRECOGNIZED);
        };
    }

    /** EHLO: greets and lists the extensions (RFC 5321 4.1.1.1; no enhanced codes here, RFC 2034 section 3). */
    private Next ehlo(String args) {
        if (args.isEmpty()) return reply(new SmtpReply(501, "5.5.4", "Syntax: EHLO hostname"));
        greet(args);
        StringBuilder r = new StringBuilder(160);
        r.append("250-").append(rules.settings().hostname()).append("\r\n");
        r.append("250-PIPELINING\r\n");
        r.append("250-SIZE").append(rules.size().limited() ? " " + rules.size().maxBytes() : "").append("\r\n");
        r.append("250-8BITMIME\r\n");
        r.append("250-ENHANCEDSTATUSCODES\r\n");
        r.append("250-SMTPUTF8\r\n");
        if (rules.tls() != null && !tlsStarted) r.append("250-STARTTLS\r\n");
        r.append("250 CHUNKING");
        send(r.toString());
        return Next.GO_ON;
    }

    /** HELO: the old greeting, no extensions. */
    private Next helo(String args) {
        if (args.isEmpty()) return reply(new SmtpReply(501, "5.5.4", "Syntax: HELO hostname"));
        greet(args);
        send("250 " + rules.settings().hostname());
        return Next.GO_ON;
    }

    private void greet(String args) {
        endTransaction();
        int sp = args.indexOf(' ');
        helo = sp < 0 ? args : args.substring(0, sp);
        if (helo.length() > 255) helo = helo.substring(0, 255);
        state = State.GREETED;
    }

    /** MAIL FROM: starts a transaction; null sender and ordinary senders alike. SIZE= checked (RFC 1870). */
    private Next mail(String line) {
        if (edge.draining()) {
            send(SmtpReply.SHUTTING_DOWN);
            return Next.CLOSE;
        }
        if (state == State.CONNECTED) return reply(SmtpReply.NEED_HELO);
        if (state != State.GREETED) return reply(SmtpReply.NESTED_MAIL);
        PathArgs a = PathArgs.parse(line, "FROM:");
        if (a == null) return reply(SmtpReply.SYNTAX);
        if (!a.address().isEmpty() && a.address().indexOf('@') == 0) return reply(SmtpReply.BAD_SENDER_SYNTAX);
        for (Map.Entry<String, String> p : a.params().entrySet()) {
            SmtpReply problem = switch (p.getKey()) {
                case "SIZE" -> rules.size().checkDeclared(p.getValue());
                case "BODY" -> switch (p.getValue().toUpperCase(Locale.ROOT)) {
                    case "7BIT", "8BITMIME" -> null;
                    default -> SmtpReply.UNKNOWN_PARAMETER;
                };
                case "SMTPUTF8" -> p.getValue().isEmpty() ? null : SmtpReply.SYNTAX;
                default -> SmtpReply.UNKNOWN_PARAMETER;
            };
            if (problem != null) return reply(problem);
        }
        if (edge.availability.storageLow()) return reply(SmtpReply.NO_SPACE); // Postfix: 452 4.3.1 to MAIL (queue_minfree)
        edge.transactions.enter();
        from = a.address();
        state = State.MAIL;
        return reply(SmtpReply.SENDER_OK);
    }

    /**
     * RCPT TO: the early checks, in order: recipient count (452 4.5.3), syntax (501 5.1.3), domain policy
     * (550 5.7.1), signed VERP when required (550 5.7.1, {@link RecipientSignaturePolicy}). {@code <postmaster>}
     * is always accepted (RFC 5321 4.5.1).
     */
    private Next rcpt(String line) {
        if (state != State.MAIL && state != State.RCPT) return reply(SmtpReply.NEED_MAIL);
        PathArgs a = PathArgs.parse(line, "TO:");
        if (a == null) return refuseRecipient(SmtpObserver.RecipientRefusal.SYNTAX, SmtpReply.SYNTAX);
        if (a.address().isEmpty()) return refuseRecipient(SmtpObserver.RecipientRefusal.SYNTAX, SmtpReply.BAD_RECIPIENT_SYNTAX);
        if (!a.params().isEmpty()) return reply(SmtpReply.UNKNOWN_PARAMETER); // NOTIFY/ORCPT: DSN is not offered
        String address = a.address();
        if (recipients.size() >= rules.settings().maxRecipients()) {
            return refuseRecipient(SmtpObserver.RecipientRefusal.LIMIT, SmtpReply.TOO_MANY_RECIPIENTS);
        }
        int at = address.lastIndexOf('@');
        if (at < 0) {
            if (!address.equalsIgnoreCase("postmaster")) {
                return refuseRecipient(SmtpObserver.RecipientRefusal.SYNTAX, SmtpReply.BAD_RECIPIENT_SYNTAX);
            }
        } else {
            if (at == 0 || at == address.length() - 1) {
                return refuseRecipient(SmtpObserver.RecipientRefusal.SYNTAX, SmtpReply.BAD_RECIPIENT_SYNTAX);
            }
            if (!rules.domains().accepts(address.substring(at + 1))) {
                log.debug("refused recipient {}", address);
                return refuseRecipient(SmtpObserver.RecipientRefusal.RELAY, SmtpReply.RELAY_DENIED);
            }
            SmtpReply unsigned = rules.signatures().check(address);
            if (unsigned != null) return refuseRecipient(SmtpObserver.RecipientRefusal.SIGNATURE, unsigned);
        }
        recipients.add(address);
        state = State.RCPT;
        return reply(SmtpReply.RECIPIENT_OK);
    }

    private Next refuseRecipient(SmtpObserver.RecipientRefusal cause, SmtpReply r) {
        edge.observer.recipientRefused(cause);
        return reply(r);
    }

    /** DATA: reads the message once into a budgeted buffer; over the cap: 552 5.3.4 and nothing journaled. */
    private Next data(String args) throws IOException {
        if (!args.isEmpty()) return reply(SmtpReply.NO_PARAMETERS);
        switch (state) {
            case CONNECTED, GREETED -> {
                return reply(SmtpReply.NEED_MAIL);
            }
            case MAIL -> {
                return reply(SmtpReply.NEED_RCPT);
            }
            case BDAT -> {
                return reply(SmtpReply.MIXED_DATA);
            }
            case RCPT -> { /* go on */ }
        }
        if (edge.budget.available() < MessageBuffer.MIN_FREE_BYTES) {
            log.warn("refusing DATA from {}: the buffer budget of {} bytes is spent", clientIp, edge.budget.maxBytes());
            return reply(SmtpReply.NO_SPACE);
        }
        send(SmtpReply.START_DATA);
        replies.flush(commandTimeoutNanos);
        var buf = new MessageBuffer(rules.size().maxBytes(), edge.budget);
        input.deadline(System.nanoTime() + commandTimeoutNanos);
        try {
            input.readData(buf, rules.settings().minDataRate(), commandTimeoutNanos);
        } catch (EOFException e) {
            buf.release();
            log.info("connection from {} closed during DATA after {} bytes; nothing journaled", clientIp, buf.total());
            return Next.CLOSE;
        } catch (SocketTimeoutException e) {
            buf.release();
            if (stopping) return Next.CLOSE;
            log.info("DATA from {} too slow ({} bytes; minimum {} bytes/s); nothing journaled", clientIp, buf.total(),
                    rules.settings().minDataRate());
            send(SmtpReply.TIMEOUT);
            return Next.CLOSE;
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e;
        }
        return finish(buf);
    }

    /** BDAT n [LAST] (RFC 3030): exactly n octets follow; chunks accumulate in one budgeted buffer. */
    private Next bdat(String args) throws IOException {
        String[] a = args.split(" +");
        boolean last = a.length == 2 && a[1].equalsIgnoreCase("LAST");
        if (args.isEmpty() || a.length > 2 || (a.length == 2 && !last) || !a[0].matches("[0-9]{1,18}")) {
            return reply(new SmtpReply(501, "5.5.4", "Syntax: BDAT size [LAST]"));
        }
        long size = Long.parseLong(a[0]);
        long cap = rules.size().limited() ? rules.size().maxBytes() : edge.budget.maxBytes();
        if (size > cap) { // cannot fit whatever came before: not worth reading (RFC 3030 allows closing)
            log.info("BDAT chunk of {} bytes from {} over the limit of {}; closing", size, clientIp, cap);
            send(rules.size().limited() ? SmtpReply.TOO_BIG : SmtpReply.NO_SPACE);
            return Next.CLOSE;
        }
        SmtpReply refusal = switch (state) {
            case CONNECTED, GREETED -> SmtpReply.NEED_MAIL;
            case MAIL -> SmtpReply.NEED_RCPT;
            case RCPT, BDAT -> null;
        };
        if (refusal == null && chunksRefused) refusal = SmtpReply.TOO_BIG_AGAIN;
        if (refusal == null && chunks == null) chunks = new MessageBuffer(rules.size().maxBytes(), edge.budget);
        input.deadline(System.nanoTime() + commandTimeoutNanos);
        try {
            input.readChunk(size, refusal == null ? chunks : null, rules.settings().minDataRate(), commandTimeoutNanos);
        } catch (EOFException e) {
            log.info("connection from {} closed during BDAT; nothing journaled", clientIp);
            return Next.CLOSE;
        } catch (SocketTimeoutException e) {
            if (stopping) return Next.CLOSE;
            log.info("BDAT from {} too slow (minimum {} bytes/s); nothing journaled", clientIp, rules.settings().minDataRate());
            send(SmtpReply.TIMEOUT);
            return Next.CLOSE;
        }
        if (refusal != null) {
            if (last && state == State.BDAT) endTransaction();
            return reply(refusal);
        }
        state = State.BDAT;
        if (last) {
            MessageBuffer buf = chunks;
            chunks = null;
            return finish(buf);
        }
        if (chunks.tooBig() || chunks.overBudget()) { // later chunks until LAST are read and dropped
            chunksRefused = true;
            return reply(chunks.tooBig() ? SmtpReply.TOO_BIG : SmtpReply.NO_SPACE);
        }
        return reply(new SmtpReply(250, "2.0.0", size + " octets received"));
    }

    /**
     * The end of DATA or BDAT LAST: refuse, or hand over and wait for the receipt; the reply goes out, then
     * the transaction ends (in that order, so a graceful stop that waits for open transactions never closes
     * the connection before the sender has its answer).
     */
    private Next finish(MessageBuffer buf) throws IOException {
        command = SmtpCommand.MESSAGE;
        SmtpReply r;
        if (buf.tooBig()) {
            r = SmtpReply.TOO_BIG;
            log.info("refused {} bytes from {} over the limit: {}", buf.total(), clientIp, r);
        } else if (buf.overBudget()) {
            r = SmtpReply.NO_SPACE;
            log.warn("refused {} bytes from {}: the buffer budget of {} bytes is spent", buf.total(), clientIp,
                    edge.budget.maxBytes());
        } else {
            r = deliver(buf); // its reservation is returned when the pipeline is done with the message
        }
        Next next = reply(r);
        replies.flush(commandTimeoutNanos);
        endTransaction();
        state = State.GREETED;
        return next;
    }

    /** Hands the message to the intake and waits, up to the journal deadline, for its receipt. */
    private SmtpReply deliver(MessageBuffer buf) {
        String id = edge.ids.next();
        Instant receivedAt = edge.clock.instant();
        long size = buf.total();
        var envelope = new Envelope(from, recipients, clientIp, helo);
        MDC.put("msg", id);
        try {
            long deadline = System.nanoTime() + rules.settings().journalDeadline().toNanos();
            // the bytes are not kept in a local: while this thread waits (and, once the receipt is in, until a
            // carrier runs it again) the pipeline must hold the only reference, or the budget released at the
            // receipt would let in more than it counts (30 sessions x 9 MB at -Xmx256m ran out of memory)
            CompletableFuture<Receipt> done = edge.intake.submit(new RawMessage(id, envelope, buf.bytes(), receivedAt), deadline);
            done.whenComplete((receipt, error) -> buf.release());
            SmtpReply reply;
            List<String> types = List.of();
            try {
                Receipt receipt = watch.await(done, deadline); // null: the deadline passed first
                if (receipt == null) {
                    reply = SmtpReply.JOURNAL_FAILED;
                    log.warn("journal did not confirm within {}; answered 451", rules.settings().journalDeadline());
                } else {
                    reply = switch (receipt) {
                        case Receipt.Stored s -> {
                            types = s.eventTypes();
                            yield SmtpReply.queued(id);
                        }
                        case Receipt.Busy b -> SmtpReply.BUSY;
                        case Receipt.NoSpace n -> SmtpReply.NO_SPACE;
                        case Receipt.Failed f -> SmtpReply.JOURNAL_FAILED;
                    };
                }
            } catch (ExecutionException e) { // the Intake contract says never
                reply = SmtpReply.JOURNAL_FAILED;
                log.error("intake failed unexpectedly", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply = SmtpReply.JOURNAL_FAILED;
            }
            // the one INFO line per message (its id is in the MDC): no addresses (they are at DEBUG), no body
            if (reply.code() == 250) {
                log.info("accepted {} bytes from {} for {} recipient(s): {} event(s) {}: {}", size, clientIp,
                        recipients.size(), types.size(), types, reply);
            } else {
                log.info("refused {} bytes from {} for {} recipient(s): {}", size, clientIp, recipients.size(), reply);
            }
            log.debug("message from <{}> to {}", from, recipients);
            return reply;
        } finally {
            MDC.remove("msg");
        }
    }

    /**
     * STARTTLS (RFC 3207): TLS 1.2 and 1.3 only, with the suites {@link TlsContext} allows. The TLS socket is
     * layered on the accepted one, whose input the {@link DeadlineSweeper} shuts at a read's deadline, as before
     * the handshake (which has the command timeout as a whole); plaintext pipelined after
     * STARTTLS is dropped (the CVE-2011-0411 class of injection) and the session starts over (4.2).
     */
    private Next startTls(String args) throws IOException {
        if (!args.isEmpty()) return reply(SmtpReply.NO_PARAMETERS);
        if (rules.tls() == null) return reply(SmtpReply.TLS_UNAVAILABLE);
        if (tlsStarted) return reply(SmtpReply.TLS_ACTIVE);
        send(SmtpReply.READY_FOR_TLS);
        replies.flush(commandTimeoutNanos);
        SSLSocket tls = (SSLSocket) rules.tls().getSocketFactory()
                .createSocket(raw, raw.getInetAddress().getHostAddress(), raw.getPort(), true);
        TlsContext.configureServer(tls);
        raw.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, commandTimeoutNanos / 1_000_000)));
        // the handshake as a whole has one command timeout: the sweeper closes the socket past it
        if (!watch.beginWrite(System.nanoTime() + commandTimeoutNanos)) return Next.CLOSE; // the server has stopped
        try {
            tls.startHandshake();
        } catch (IOException e) {
            log.info("TLS handshake with {} failed: {}", clientIp, e.getMessage());
            return Next.CLOSE;
        } finally {
            watch.endWrite();
        }
        raw.setSoTimeout(0); // from here on the sweeper keeps the deadlines, as before STARTTLS
        input.switchTo(tls.getInputStream());
        replies.switchTo(tls.getOutputStream());
        tlsStarted = true;
        endTransaction();
        state = State.CONNECTED;
        helo = "";
        log.debug("TLS {} {} with {}", tls.getSession().getProtocol(), tls.getSession().getCipherSuite(), clientIp);
        return Next.GO_ON;
    }

    /** Ends the mail transaction, if one is open: forgets the envelope and the chunks, counts it closed. */
    private void endTransaction() {
        if (state == State.MAIL || state == State.RCPT || state == State.BDAT) {
            edge.transactions.exit();
            state = State.GREETED;
        }
        from = "";
        recipients.clear();
        if (chunks != null) {
            chunks.release();
            chunks = null;
        }
        chunksRefused = false;
    }

    /** True when no mail transaction is open (a graceful stop may close the session at once). */
    boolean idle() {
        State s = state; // read from another thread: a stale answer only delays or hastens one close
        return s == State.CONNECTED || s == State.GREETED;
    }

    /** Graceful stop, from another thread: {@code reply} if the session is not writing, then close. Never waits. */
    void closeWith(SmtpReply reply) {
        stopping = true;
        replies.closeWith(reply, STOP_WRITE_NANOS);
    }
}
