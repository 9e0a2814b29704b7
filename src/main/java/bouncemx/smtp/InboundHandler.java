package bouncemx.smtp;

import bouncemx.event.Envelope;
import bouncemx.journal.JournalException;
import bouncemx.pipeline.Intake;
import bouncemx.pipeline.RawMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One mail transaction (MAIL to the end of DATA or BDAT LAST, or RSET): the sender, the recipients that passed
 * the early checks, the BDAT chunks so far, and the hand-off of the finished message to the {@link Intake}.
 * {@link #deliver} answers "250 2.0.0 &lt;id&gt;" only once the intake's future has completed, i.e. the message
 * and its events are durable; a full queue answers 451 4.3.2, a journal failure 451 4.3.0 (no space: 452
 * 4.3.1), a journal that has not answered by {@code journalDeadline} 451 4.3.0. One INFO line per outcome,
 * with the message id in the MDC as "msg". Confined to its session's thread.
 */
final class InboundHandler implements MessageHandler {
    private static final Logger log = LoggerFactory.getLogger(InboundHandler.class);

    private final Edge edge;
    private final MessageContext context;
    private String from = "";
    private final List<String> recipients = new ArrayList<>();
    private long declaredSize;
    private CappedBuffer chunks; // BDAT: the chunks so far
    private boolean chunkRefused;
    private boolean ended;

    InboundHandler(Edge edge, MessageContext context) {
        this.edge = edge;
        this.context = context;
        edge.transactions.enter();
    }

    @Override
    public void from(String address) {
        this.from = address;
    }

    void declaredSize(long bytes) {
        this.declaredSize = bytes;
    }

    /** Early checks, in order: recipient count (452 4.5.3), syntax (501 5.1.3), domain policy (550 5.7.1). */
    @Override
    public void recipient(String address) throws RejectException {
        if (recipients.size() >= edge.settings.maxRecipients()) throw SmtpReply.TOO_MANY_RECIPIENTS.reject();
        int at = address.lastIndexOf('@');
        if (at < 0) {
            if (address.equalsIgnoreCase("postmaster")) { // RFC 5321 4.5.1: always accepted
                recipients.add(address);
                return;
            }
            throw SmtpReply.BAD_RECIPIENT_SYNTAX.reject();
        }
        if (at == 0 || at == address.length() - 1) throw SmtpReply.BAD_RECIPIENT_SYNTAX.reject();
        if (!edge.domains.accepts(address.substring(at + 1))) {
            log.debug("refused recipient {}", address);
            throw SmtpReply.RELAY_DENIED.reject();
        }
        recipients.add(address);
    }

    int recipientCount() {
        return recipients.size();
    }

    /** A buffer for DATA, sized by SIZE= when the sender declared one. */
    CappedBuffer newBuffer() {
        return new CappedBuffer(edge.size.maxBytes(), declaredSize);
    }

    /** The buffer BDAT chunks accumulate in (created by the first chunk). */
    CappedBuffer chunks() {
        if (chunks == null) chunks = newBuffer();
        return chunks;
    }

    boolean chunking() { return chunks != null; }

    boolean chunkRefused() { return chunkRefused; }

    void refuseChunks() { chunkRefused = true; }

    /** SubEthaSMTP's DATA path; bouncemx's own commands call {@link #deliver} instead, but this works too. */
    @Override
    public String data(InputStream data) throws RejectException, IOException {
        CappedBuffer buf = newBuffer();
        byte[] chunk = new byte[8192];
        for (int n; (n = data.read(chunk)) > 0; ) buf.append(chunk, 0, n);
        if (buf.overflowed()) throw SmtpReply.TOO_BIG.reject();
        SmtpReply r = deliver(buf.bytes());
        if (r.code() != 250) throw r.reject();
        return r.status() + " " + r.text();
    }

    /** Hands the message to the intake and waits for it to be durable; the reply to send. */
    SmtpReply deliver(byte[] raw) {
        String id = edge.ids.next();
        Instant receivedAt = edge.clock.instant();
        var envelope = new Envelope(from, recipients, clientIp(), context.getHelo().orElse(""));
        MDC.put("msg", id);
        try {
            CompletableFuture<String> done = edge.intake.submit(new RawMessage(id, envelope, raw, receivedAt));
            SmtpReply reply;
            try {
                done.get(edge.settings.journalDeadline().toNanos(), TimeUnit.NANOSECONDS);
                reply = SmtpReply.queued(id);
            } catch (ExecutionException e) {
                reply = refusal(e.getCause());
            } catch (TimeoutException e) {
                reply = SmtpReply.JOURNAL_FAILED;
                log.warn("journal did not confirm within {}; answered 451", edge.settings.journalDeadline());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply = SmtpReply.JOURNAL_FAILED;
            }
            log.info("{} {} bytes from {} for {} recipient(s): {}", reply.code() == 250 ? "accepted" : "refused",
                    raw.length, clientIp(), recipients.size(), reply);
            return reply;
        } finally {
            MDC.remove("msg");
        }
    }

    private static SmtpReply refusal(Throwable cause) {
        if (cause instanceof Intake.Busy) return SmtpReply.BUSY;
        if (cause instanceof JournalException j) return j.noSpace() ? SmtpReply.NO_SPACE : SmtpReply.JOURNAL_FAILED;
        log.error("intake failed unexpectedly", cause);
        return SmtpReply.JOURNAL_FAILED;
    }

    private String clientIp() {
        if (context.getRemoteAddress() instanceof java.net.InetSocketAddress a && a.getAddress() != null) {
            return a.getAddress().getHostAddress().toLowerCase(Locale.ROOT);
        }
        return "";
    }

    /** The transaction ended (delivered, reset, or the session closed). */
    @Override
    public void done() {
        if (ended) return;
        ended = true;
        edge.transactions.exit();
    }
}
