package bouncemx.smtp;

import bouncemx.event.EventJson;
import bouncemx.pipeline.JournalEntry;
import bouncemx.pipeline.Pipeline;
import bouncemx.testing.Engine;
import bouncemx.testing.MemoryJournal;
import bouncemx.testing.Samples;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real SMTP client (Eclipse Angus Mail's SMTP transport) sends corpus-style bounces, with DATA and with BDAT. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JakartaMailClientTest {
    private final MemoryJournal journal = new MemoryJournal();
    private Pipeline pipeline;
    private SmtpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.stop();
        journal.close();
        if (pipeline != null) pipeline.close(Duration.ofSeconds(5));
    }

    @Test
    void angusMailDeliversBouncesWithDataAndWithChunking() throws Exception {
        Clock clock = Clock.systemUTC();
        pipeline = new Pipeline((raw, env, at, now, id) -> Engine.factory().events(raw, env, at, now, null, id),
                new EventJson(), journal, clock, 2, 8);
        server = new SmtpServer(SmtpLoopbackTest.settings(), pipeline, new MessageIds(clock), clock);
        server.start();

        String first = send("dsn-userunknown.eml", null);
        String second = send("dsn-two-recipients-delayed.eml", "1024"); // BDAT in 1 KiB chunks

        List<JournalEntry> entries = journal.entries();
        assertEquals(2, entries.size());
        assertEquals(first, "250 2.0.0 " + entries.get(0).messageId());
        assertEquals(second, "250 2.0.0 " + entries.get(1).messageId());
        assertEquals("mailer-daemon@remote.example", entries.get(0).envelope().mailFrom());
        assertEquals(List.of("bounces+list=example.org@bounce.example.com"), entries.get(0).envelope().rcptTo());
        assertTrue(entries.get(0).eventJson(0).contains("\"type\":\"bounce.hard\""), entries.get(0).eventJson(0));
        assertEquals(2, entries.get(1).events().size());
    }

    /** Sends one sample; returns the server's last reply (to the end of the message). */
    private String send(String sample, String chunkSize) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(server.address().getPort()));
        p.put("mail.smtp.from", "mailer-daemon@remote.example");
        p.put("mail.smtp.localhost", "remote.example");
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "10000");
        if (chunkSize != null) p.put("mail.smtp.chunksize", chunkSize);
        Session session = Session.getInstance(p);
        var message = new MimeMessage(session, new ByteArrayInputStream(Samples.sample(sample)));
        try (SMTPTransport t = (SMTPTransport) session.getTransport("smtp")) {
            t.connect();
            assertTrue(t.supportsExtension("PIPELINING") && t.supportsExtension("ENHANCEDSTATUSCODES"));
            t.sendMessage(message, new Address[]{new InternetAddress("bounces+list=example.org@bounce.example.com")});
            return t.getLastServerResponse().strip();
        }
    }
}
