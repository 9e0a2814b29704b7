package bouncemx.metrics;

import bouncemx.smtp.SmtpCommand;
import bouncemx.smtp.SmtpObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The SMTP edge's counters ({@link SmtpObserver}): connections admitted and refused by cause, replies by command
 * and class, recipients refused by cause. Every counter is resolved once: the fixed ones at construction, the
 * reply counters on first use of a (command, class) pair and then kept in an array, so a reply costs one
 * array read and one increment, no registry lookup. Labels come only from fixed enums. Thread-safe.
 */
public final class SmtpMeters implements SmtpObserver {
    private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Map<ConnectionRefusal, Counter> refused = new EnumMap<>(ConnectionRefusal.class);
    private final Map<RecipientRefusal, Counter> recipients = new EnumMap<>(RecipientRefusal.class);
    private final AtomicReferenceArray<Counter> replies =
            new AtomicReferenceArray<>(SmtpCommand.values().length * CLASSES.length);

    public SmtpMeters(MeterRegistry registry) {
        this.registry = registry;
        accepted = Counter.builder(MeterNames.SMTP_CONNECTIONS).description("SMTP connections admitted")
                .register(registry);
        for (ConnectionRefusal c : ConnectionRefusal.values()) {
            refused.put(c, Counter.builder(MeterNames.SMTP_CONNECTIONS_REFUSED)
                    .description("SMTP connections refused before the greeting, by cause")
                    .tag(MeterNames.TAG_CAUSE, c.label()).register(registry));
        }
        for (RecipientRefusal c : RecipientRefusal.values()) {
            recipients.put(c, Counter.builder(MeterNames.SMTP_RECIPIENTS_REFUSED)
                    .description("RCPT commands refused, by cause").tag(MeterNames.TAG_CAUSE, c.label()).register(registry));
        }
    }

    @Override
    public void connectionAccepted() {
        accepted.increment();
    }

    @Override
    public void connectionRefused(ConnectionRefusal cause) {
        refused.get(cause).increment();
    }

    @Override
    public void reply(SmtpCommand command, int code) {
        int cls = code / 100;
        if (cls < 1 || cls > 5) return; // not a reply code: nothing to count (the session never writes one)
        int i = command.ordinal() * CLASSES.length + cls - 1;
        Counter c = replies.get(i);
        if (c == null) {
            c = Counter.builder(MeterNames.SMTP_REPLIES).description("SMTP replies, by the command they answer and class")
                    .tag(MeterNames.TAG_COMMAND, command.label()).tag(MeterNames.TAG_CLASS, CLASSES[cls - 1])
                    .register(registry); // the registry returns the same counter to racing threads
            replies.set(i, c);
        }
        c.increment();
    }

    @Override
    public void recipientRefused(RecipientRefusal cause) {
        recipients.get(cause).increment();
    }
}
