package bouncemx.metrics;

import bouncemx.config.Config;
import bouncemx.event.EventJson;
import bouncemx.pipeline.Pipeline;
import bouncemx.smtp.MessageIds;
import bouncemx.smtp.RecipientSignaturePolicy;
import bouncemx.smtp.SmtpServer;
import bouncemx.smtp.SmtpSettings;
import bouncemx.testing.Engine;
import bouncemx.testing.MemoryJournal;
import bouncemx.testing.Samples;
import bouncemx.testing.SmtpClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SMTP edge's and the pipeline's meters move when their events happen, over a real loopback session. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SmtpMetersTest {
    private final Clock clock = Clock.systemUTC();
    private final MemoryJournal journal = new MemoryJournal();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Pipeline pipeline;
    private SmtpServer server;

    private SmtpServer start(SmtpSettings s) throws IOException {
        pipeline = new Pipeline((raw, env, at, now, id) -> Engine.factory().events(raw, env, at, now, null, id),
                new EventJson(), new JournalMeters(journal, registry), clock, 2, 16, new PipelineMeters(registry));
        server = new SmtpServer(s, new MeteredIntake(pipeline, registry), new MessageIds(clock), clock,
                RecipientSignaturePolicy.NONE, new SmtpMeters(registry));
        server.start();
        return server;
    }

    private static SmtpSettings settings() {
        return SmtpSettings.of(Config.defaults().smtp()).withListen(new InetSocketAddress("127.0.0.1", 0))
                .withDomains(List.of("bounce.example"))
                .withTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop();
        journal.close();
        if (pipeline != null) assertTrue(pipeline.close(Duration.ofSeconds(5)));
    }

    private double count(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aStoredBounceMovesConnectionReplyMessageEventAndJournalMeters() throws Exception {
        start(settings());
        byte[] message = Samples.sample("dsn-userunknown.eml");
        try (var c = new SmtpClient(server.address())) {
            c.begin("", "b+x=example.com@bounce.example");
            c.send("RCPT TO:<someone@elsewhere.example>").expect("550");
            c.send("DATA").expect("354");
            c.sendRaw(SmtpClient.dataOf(message));
            c.expect("250 2.0.0");
            c.send("QUIT").expect("221");
        }
        assertEquals(1, count(MeterNames.SMTP_CONNECTIONS));
        assertEquals(1, count(MeterNames.SMTP_REPLIES, "command", "connect", "class", "2xx"));
        assertEquals(1, count(MeterNames.SMTP_REPLIES, "command", "rcpt", "class", "2xx"));
        assertEquals(1, count(MeterNames.SMTP_REPLIES, "command", "rcpt", "class", "5xx"));
        assertEquals(1, count(MeterNames.SMTP_REPLIES, "command", "data", "class", "3xx"));
        assertEquals(1, count(MeterNames.SMTP_REPLIES, "command", "message", "class", "2xx"));
        assertEquals(1, count(MeterNames.SMTP_REPLIES, "command", "quit", "class", "2xx"));
        assertEquals(1, count(MeterNames.SMTP_RECIPIENTS_REFUSED, "cause", "relay"));
        assertEquals(1, count(MeterNames.SMTP_MESSAGES, "outcome", "accepted"));
        assertEquals(message.length, count(MeterNames.SMTP_RECEIVED_BYTES), 64); // CRLF line ends may add bytes
        assertEquals(1, registry.get(MeterNames.SMTP_MESSAGE_SIZE).summary().count());
        assertEquals(1, registry.get(MeterNames.PIPELINE_DECODE).timer().count());
        assertEquals(1, registry.get(MeterNames.JOURNAL_APPEND).timer().count());
        assertEquals(1, registry.get(MeterNames.PIPELINE_ACK).timer().count());
        assertEquals(1, count(MeterNames.EVENTS, "type", "bounce.hard", "category", "hard", "reason", "userunknown"));
        assertEquals(0, count(MeterNames.EVENTS_UNCLASSIFIED));
    }

    @Test
    void aMessageNothingDecodesCountsAsUnclassified() throws Exception {
        start(settings());
        try (var c = new SmtpClient(server.address())) {
            c.begin("", "b+x=example.com@bounce.example");
            c.send("DATA").expect("354");
            c.sendRaw(SmtpClient.dataOf(Samples.sample("not-a-bounce.eml")));
            c.expect("250 2.0.0");
        }
        assertEquals(1, count(MeterNames.EVENTS_UNCLASSIFIED));
        assertEquals(1, count(MeterNames.EVENTS, "type", "message.unclassified", "category", "unknown", "reason", "undefined"));
    }

    @Test
    void connectionsOverThePerAddressLimitAndRecipientsOverTheirLimitAreCountedByCause() throws Exception {
        start(settings().withLimits(1 << 20, 1, 10, 1, 20));
        // the refusal's WARN is expected here: kept from the test output, and checked
        var limitsLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("bouncemx.smtp.ConnectionLimits");
        var captured = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        captured.start();
        limitsLog.addAppender(captured);
        limitsLog.setAdditive(false);
        try (var first = new SmtpClient(server.address())) {
            first.begin("", "a@bounce.example");
            first.send("RCPT TO:<b@bounce.example>").expect("452");
            try (var second = new SmtpClient(server.address())) {
                second.expect("421");
                assertTrue(second.closedByServer());
            }
        } finally {
            limitsLog.setAdditive(true);
            limitsLog.detachAppender(captured);
        }
        assertEquals(List.of("refusing connections: 1 open, limit 10 in all and 1 per address"),
                captured.list.stream().map(e -> e.getFormattedMessage()).toList());
        assertEquals(1, count(MeterNames.SMTP_CONNECTIONS_REFUSED, "cause", "per_ip"));
        assertEquals(0, count(MeterNames.SMTP_CONNECTIONS_REFUSED, "cause", "limit"));
        assertEquals(1, count(MeterNames.SMTP_REPLIES, "command", "connect", "class", "4xx"));
        assertEquals(1, count(MeterNames.SMTP_RECIPIENTS_REFUSED, "cause", "limit"));
        assertEquals(1, count(MeterNames.SMTP_CONNECTIONS));
    }

    @Test
    void aJournalThatCannotAppendIsCountedAsAJournalErrorByCause() throws Exception {
        start(settings());
        journal.mode(MemoryJournal.Mode.NO_SPACE);
        try (var c = new SmtpClient(server.address())) {
            c.begin("", "a@bounce.example");
            c.send("DATA").expect("354");
            c.sendRaw(SmtpClient.dataOf(Samples.sample("dsn-userunknown.eml")));
            c.expect("452");
        }
        assertEquals(1, count(MeterNames.JOURNAL_ERRORS, "cause", "no_space"));
        assertEquals(1, count(MeterNames.SMTP_MESSAGES, "outcome", "no_space"));
        assertEquals(1, count(MeterNames.SMTP_REPLIES, "command", "message", "class", "4xx"));
        assertEquals(0, count(MeterNames.EVENTS, "type", "bounce.hard", "category", "hard", "reason", "userunknown"));
    }
}
