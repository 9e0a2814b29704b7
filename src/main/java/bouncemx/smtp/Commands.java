package bouncemx.smtp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.server.Session;

import javax.net.ssl.SSLSocket;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * bouncemx's SMTP commands. They replace every command SubEthaSMTP 7.2 registers (its command table is
 * public: {@code CommandHandler.addCommand} replaces by verb), because SubEthaSMTP's own versions leave gaps
 * no setting closes:
 * <ul>
 *   <li>EHLO does not advertise PIPELINING or ENHANCEDSTATUSCODES, and SIZE only when a limit is set;</li>
 *   <li>MAIL parses SIZE= as an int (a large value is an error) and, with no limit (0), refuses every SIZE=;
 *       it ignores unknown parameters;</li>
 *   <li>DATA reads the whole message before any size check; BDAT has no size check at all;</li>
 *   <li>many replies ("250 Ok", "452 Error: too many recipients", "503 Error: need RCPT command") have no
 *       enhanced status code, and RCPT's limit reply is not 452 4.5.3.</li>
 * </ul>
 * Each command is stateless; per-transaction state lives in {@link InboundHandler}, per-connection state in
 * {@link Connection}. Thread-safe.
 */
final class Commands {
    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    private Commands() {}

    static List<Command> all(Edge edge) {
        return List.of(new Ehlo(edge), new Helo(edge), new Mail(edge), new Rcpt(), new Data(), new Bdat(),
                new Fixed("RSET", SmtpReply.OK, true), new Fixed("NOOP", SmtpReply.OK, false), new Quit(),
                new StartTls(edge), new Fixed("HELP", SmtpReply.HELP, false),
                new Fixed("VRFY", SmtpReply.CANNOT_VRFY, false), new Fixed("EXPN", SmtpReply.NOT_IMPLEMENTED, false),
                new Fixed("AUTH", SmtpReply.NOT_IMPLEMENTED, false));
    }

    static void reply(Session s, SmtpReply r) throws IOException {
        s.sendResponse(r.toString());
    }

    /** The arguments after a four-letter verb, trimmed. */
    static String args(String line) {
        return line.length() <= 4 ? "" : line.substring(4).strip();
    }

    static InboundHandler transaction(Session s) {
        return (InboundHandler) s.getMessageHandler();
    }

    /** EHLO: greets and lists the extensions (RFC 5321 4.1.1.1; no enhanced codes here, RFC 2034 section 3). */
    static final class Ehlo extends BaseCommand {
        private final Edge edge;

        Ehlo(Edge edge) {
            super("EHLO", "Introduce yourself and list the extensions.", "<hostname>");
            this.edge = edge;
        }

        @Override
        public void execute(String line, Session s) throws IOException {
            String name = args(line);
            if (name.isEmpty()) {
                reply(s, new SmtpReply(501, "5.5.4", "Syntax: EHLO hostname"));
                return;
            }
            s.resetMailTransaction();
            s.setHelo(name.split(" ")[0]);
            StringBuilder r = new StringBuilder();
            r.append("250-").append(edge.settings.hostname()).append("\r\n");
            r.append("250-PIPELINING\r\n");
            r.append("250-SIZE").append(edge.size.limited() ? " " + edge.size.maxBytes() : "").append("\r\n");
            r.append("250-8BITMIME\r\n");
            r.append("250-ENHANCEDSTATUSCODES\r\n");
            r.append("250-SMTPUTF8\r\n");
            if (edge.tls != null && !s.isTLSStarted()) r.append("250-STARTTLS\r\n");
            r.append("250 CHUNKING");
            s.sendResponse(r.toString());
        }
    }

    /** HELO: the old greeting, no extensions. */
    static final class Helo extends BaseCommand {
        private final Edge edge;

        Helo(Edge edge) {
            super("HELO", "Introduce yourself.", "<hostname>");
            this.edge = edge;
        }

        @Override
        public void execute(String line, Session s) throws IOException {
            String name = args(line);
            if (name.isEmpty()) {
                reply(s, new SmtpReply(501, "5.5.4", "Syntax: HELO hostname"));
                return;
            }
            s.resetMailTransaction();
            s.setHelo(name.split(" ")[0]);
            s.sendResponse("250 " + edge.settings.hostname());
        }
    }

    /** MAIL FROM: starts a transaction; null sender and ordinary senders alike. SIZE= checked (RFC 1870). */
    static final class Mail extends BaseCommand {
        private final Edge edge;

        Mail(Edge edge) {
            super("MAIL", "Specifies the sender.", "FROM:<sender> [SIZE=n] [BODY=7BIT|8BITMIME] [SMTPUTF8]");
            this.edge = edge;
        }

        @Override
        public void execute(String line, Session s) throws IOException, DropConnectionException {
            if (edge.draining()) throw SmtpReply.SHUTTING_DOWN.drop();
            if (s.getHelo().isEmpty()) {
                reply(s, SmtpReply.NEED_HELO);
                return;
            }
            if (s.isMailTransactionInProgress()) {
                reply(s, SmtpReply.NESTED_MAIL);
                return;
            }
            PathArgs a = PathArgs.parse(line, "FROM:");
            if (a == null) {
                reply(s, SmtpReply.SYNTAX);
                return;
            }
            if (!a.address().isEmpty() && a.address().indexOf('@') == 0) {
                reply(s, SmtpReply.BAD_SENDER_SYNTAX);
                return;
            }
            long declared = 0;
            for (Map.Entry<String, String> p : a.params().entrySet()) {
                SmtpReply problem = switch (p.getKey()) {
                    case "SIZE" -> edge.size.checkDeclared(p.getValue());
                    case "BODY" -> switch (p.getValue().toUpperCase(Locale.ROOT)) {
                        case "7BIT", "8BITMIME" -> null;
                        default -> SmtpReply.UNKNOWN_PARAMETER;
                    };
                    case "SMTPUTF8" -> p.getValue().isEmpty() ? null : SmtpReply.SYNTAX;
                    default -> SmtpReply.UNKNOWN_PARAMETER;
                };
                if (problem != null) {
                    reply(s, problem);
                    return;
                }
                if (p.getKey().equals("SIZE")) declared = parseOrMax(p.getValue());
            }
            s.startMailTransaction();
            InboundHandler t = transaction(s);
            t.from(a.address());
            t.declaredSize(declared);
            reply(s, SmtpReply.SENDER_OK);
        }

        private static long parseOrMax(String digits) {
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                return Long.MAX_VALUE;
            }
        }
    }

    /** RCPT TO: one recipient, through the early checks of {@link InboundHandler#recipient}. */
    static final class Rcpt extends BaseCommand {
        Rcpt() {
            super("RCPT", "Specifies a recipient.", "TO:<recipient>");
        }

        @Override
        public void execute(String line, Session s) throws IOException {
            if (!s.isMailTransactionInProgress()) {
                reply(s, SmtpReply.NEED_MAIL);
                return;
            }
            PathArgs a = PathArgs.parse(line, "TO:");
            if (a == null || a.address().isEmpty()) {
                reply(s, a == null ? SmtpReply.SYNTAX : SmtpReply.BAD_RECIPIENT_SYNTAX);
                return;
            }
            if (!a.params().isEmpty()) { // NOTIFY/ORCPT belong to DSN, which is not offered
                reply(s, SmtpReply.UNKNOWN_PARAMETER);
                return;
            }
            try {
                transaction(s).recipient(a.address());
            } catch (RejectException e) {
                s.sendResponse(e.getErrorResponse());
                return;
            }
            s.addRecipient(a.address());
            reply(s, SmtpReply.RECIPIENT_OK);
        }
    }

    /** DATA: reads the message once into one capped buffer; over the cap: 552 5.3.4 and nothing journaled. */
    static final class Data extends BaseCommand {
        Data() {
            super("DATA", "Following text is the message, ended by <CR><LF>.<CR><LF>");
        }

        @Override
        public void execute(String line, Session s) throws IOException {
            if (!args(line).isEmpty()) {
                reply(s, SmtpReply.NO_PARAMETERS);
                return;
            }
            if (!s.isMailTransactionInProgress()) {
                reply(s, SmtpReply.NEED_MAIL);
                return;
            }
            InboundHandler t = transaction(s);
            if (t.chunking()) {
                reply(s, SmtpReply.MIXED_DATA);
                return;
            }
            if (t.recipientCount() == 0) {
                reply(s, SmtpReply.NEED_RCPT);
                return;
            }
            reply(s, SmtpReply.START_DATA);
            CappedBuffer buf = t.newBuffer();
            try {
                DataReader.read(s.getRawInput(), buf);
            } catch (EOFException e) {
                log.info("connection closed during DATA after {} bytes; nothing journaled", buf.total());
                s.quit();
                return;
            }
            finish(s, t, buf);
        }
    }

    static void finish(Session s, InboundHandler t, CappedBuffer buf) throws IOException {
        SmtpReply r;
        if (buf.overflowed()) {
            r = SmtpReply.TOO_BIG;
            log.info("refused {} bytes over the limit: {}", buf.total(), r);
        } else {
            r = t.deliver(buf.bytes());
        }
        reply(s, r);
        s.resetMailTransaction();
    }

    /** BDAT n [LAST] (RFC 3030): exactly n octets follow; chunks accumulate in one capped buffer. */
    static final class Bdat extends BaseCommand {
        Bdat() {
            super("BDAT", "A chunk of the message: BDAT size [LAST], then exactly size octets.");
        }

        @Override
        public void execute(String line, Session s) throws IOException {
            String[] a = args(line).split(" +");
            long size;
            boolean last = a.length == 2 && a[1].equalsIgnoreCase("LAST");
            if (a.length < 1 || a.length > 2 || (a.length == 2 && !last) || !a[0].matches("[0-9]{1,18}")) {
                reply(s, new SmtpReply(501, "5.5.4", "Syntax: BDAT size [LAST]"));
                return;
            }
            size = Long.parseLong(a[0]);
            SmtpReply refusal = null;
            InboundHandler t = null;
            if (!s.isMailTransactionInProgress()) refusal = SmtpReply.NEED_MAIL;
            else if ((t = transaction(s)).recipientCount() == 0) refusal = SmtpReply.NEED_RCPT;
            else if (t.chunkRefused()) refusal = SmtpReply.CHUNK_REFUSED;
            CappedBuffer buf = refusal == null ? t.chunks() : null;
            try {
                readChunk(s.getRawInput(), size, buf);
            } catch (EOFException e) {
                log.info("connection closed during BDAT; nothing journaled");
                s.quit();
                return;
            }
            if (refusal != null) {
                reply(s, refusal);
                if (last && t != null) s.resetMailTransaction();
                return;
            }
            if (!last) {
                if (buf.overflowed()) {
                    t.refuseChunks();
                    reply(s, SmtpReply.TOO_BIG);
                } else {
                    reply(s, new SmtpReply(250, "2.0.0", size + " octets received"));
                }
                return;
            }
            finish(s, t, buf);
        }

        /** Reads exactly {@code size} octets into {@code buf} (null: discards them). */
        private static void readChunk(InputStream in, long size, CappedBuffer buf) throws IOException {
            byte[] chunk = new byte[(int) Math.min(size, 8192)];
            long left = size;
            while (left > 0) {
                int n = in.read(chunk, 0, (int) Math.min(left, chunk.length));
                if (n < 0) throw new EOFException("connection closed during BDAT");
                if (buf != null) buf.append(chunk, 0, n);
                left -= n;
            }
        }
    }

    /** QUIT: 221 and close. */
    static final class Quit extends BaseCommand {
        Quit() {
            super("QUIT", "Ends the session.");
        }

        @Override
        public void execute(String line, Session s) throws IOException {
            reply(s, SmtpReply.BYE);
            s.quit();
        }
    }

    /** A command with one fixed reply (RSET also ends the transaction). */
    static final class Fixed extends BaseCommand {
        private final SmtpReply reply;
        private final boolean reset;

        Fixed(String verb, SmtpReply reply, boolean reset) {
            super(verb, verb);
            this.reply = reply;
            this.reset = reset;
        }

        @Override
        public void execute(String line, Session s) throws IOException {
            if (reset) s.resetMailTransaction();
            reply(s, reply);
        }
    }

    /**
     * STARTTLS (RFC 3207). Replaces SubEthaSMTP's, which enables every protocol and cipher suite the JVM
     * supports: here TLS 1.2 and 1.3 only, with the suites {@link TlsContext} allows. The TLS socket is
     * layered on a transport that keeps the session deadline but not the reply rewriting; the session then
     * reads and writes through a new {@link ConnectionSocket} over TLS. Plaintext that was pipelined after
     * STARTTLS is dropped with the old input buffer (the CVE-2011-0411 class of injection).
     */
    static final class StartTls extends BaseCommand {
        private final Edge edge;

        StartTls(Edge edge) {
            super("STARTTLS", "Starts TLS.");
            this.edge = edge;
        }

        @Override
        public void execute(String line, Session s) throws IOException {
            if (!line.strip().equalsIgnoreCase("STARTTLS")) {
                reply(s, SmtpReply.NO_PARAMETERS);
                return;
            }
            if (edge.tls == null) {
                reply(s, SmtpReply.TLS_UNAVAILABLE);
                return;
            }
            if (s.isTLSStarted()) {
                reply(s, SmtpReply.TLS_ACTIVE);
                return;
            }
            ConnectionSocket plain = (ConnectionSocket) s.getSocket();
            Connection c = plain.connection();
            reply(s, SmtpReply.READY_FOR_TLS);
            c.replies().flushNow();
            var transport = new ConnectionSocket(c.raw(), new DeadlineInputStream(c.raw().getInputStream(), c),
                    c.raw().getOutputStream(), c);
            var remote = (InetSocketAddress) c.raw().getRemoteSocketAddress();
            SSLSocket tls = (SSLSocket) edge.tls.getSocketFactory()
                    .createSocket(transport, remote.getHostString(), remote.getPort(), true);
            TlsContext.configureServer(tls);
            try {
                tls.startHandshake();
            } catch (IOException e) {
                log.info("TLS handshake with {} failed: {}", c.clientIp(), e.getMessage());
                s.quit();
                return;
            }
            var replies = new ReplyStream(tls.getOutputStream(), c, edge.settings.maxBadCommands());
            c.replies(replies);
            s.setSocket(new ConnectionSocket(tls, tls.getInputStream(), replies, c));
            s.resetSmtpProtocol();
            s.setTlsStarted(true);
            log.debug("TLS {} {} with {}", tls.getSession().getProtocol(), tls.getSession().getCipherSuite(), c.clientIp());
        }
    }
}
