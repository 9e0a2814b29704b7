package bouncemx.journal;

import bouncemx.classify.Classifier;
import bouncemx.config.Config;
import bouncemx.event.EventFactory;
import bouncemx.parse.Decoder;
import bouncemx.parse.Dialects;
import bouncemx.parse.Limits;
import bouncemx.parse.Originals;
import bouncemx.pipeline.Pipeline;
import bouncemx.smtp.MessageIds;
import bouncemx.smtp.SmtpServer;
import bouncemx.smtp.SmtpSettings;
import bouncemx.testing.Samples;
import bouncemx.testing.SmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real chain (SMTP edge, pipeline, file journal) over loopback, with a disk that fills up: the sender
 * gets 452 4.3.1 while the journal cannot write, never 250; once space is back the same message is
 * accepted, and only acknowledged messages are in the journal.
 */
class FullDiskSmtpTest {

    /** One more transaction on an open session; the reply to the final dot, which must start with {@code expected}. */
    private static String transaction(SmtpClient c, byte[] data, String expected) throws java.io.IOException {
        c.send("MAIL FROM:<>");
        c.expect("250");
        c.send("RCPT TO:<b+bob=example.com@bounce.example>");
        c.expect("250");
        c.send("DATA");
        c.expect("354");
        c.sendRaw(data);
        return c.expect(expected);
    }

    @Test
    void aFullDiskAnswers452NeverTwoFiftyAndRecovers(@TempDir Path dir) throws Exception {
        var storage = new TestStorage();
        var clock = Clock.systemUTC();
        var d = Config.defaults();
        var smtpConfig = new Config.Smtp("127.0.0.1:0", "mx.test", java.util.List.of("*"), d.smtp().maxMessageBytes(),
                d.smtp().maxRecipients(), 100, 50, Duration.ofSeconds(30), d.smtp().tls());
        var limits = Limits.DEFAULT;
        var factory = new EventFactory(new Decoder(Dialects.standardOrder(limits), Originals.standard(), limits),
                Classifier.standard(), limits);
        try (var journal = new FileJournal(dir.resolve("journal"), 1 << 20, Duration.ofDays(30), 1024, clock, storage)) {
            var pipeline = Pipeline.standard(factory, journal, clock);
            var smtp = new SmtpServer(SmtpSettings.of(smtpConfig), pipeline, new MessageIds(clock), clock);
            smtp.start();
            try (var c = new SmtpClient(smtp.address())) {
                c.socket().setSoTimeout(20_000);
                byte[] data = SmtpClient.dataOf(Samples.sample("dsn-userunknown.eml"));
                c.begin("", "b+alice=example.com@bounce.example");
                c.send("DATA");
                c.expect("354");
                c.sendRaw(data);
                String first = c.expect("250 2.0.0");

                storage.failure.set("No space left on device");
                storage.usableBytes = 0; // the journal asks the file store, not the error text
                for (int i = 0; i < 3; i++) {
                    assertTrue(transaction(c, data, "452").startsWith("452 4.3.1"), "no space is 452 4.3.1");
                    assertFalse(journal.healthy());
                }

                storage.failure.set(null);
                storage.usableBytes = -1;
                String second = transaction(c, data, "250 2.0.0");
                assertTrue(journal.healthy());
                c.send("QUIT");
                c.expect("221");

                var ids = new java.util.ArrayList<String>();
                try (var r = new JournalReader(dir.resolve("journal"), 1)) {
                    for (var rec = r.next(); rec.isPresent(); rec = r.next()) {
                        ids.add(bouncemx.pipeline.JournalEntry.decode(rec.get().payload()).messageId());
                    }
                }
                assertEquals(java.util.List.of(first.substring(10).trim(), second.substring(10).trim()), ids,
                        "exactly the two acknowledged messages are journaled");
            } finally {
                smtp.stop();
                pipeline.close(Duration.ofSeconds(5));
            }
        }
    }
}
