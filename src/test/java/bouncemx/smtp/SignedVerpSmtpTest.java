package bouncemx.smtp;

import bouncemx.classify.Classifier;
import bouncemx.event.EventFactory;
import bouncemx.event.EventJson;
import bouncemx.parse.Decoder;
import bouncemx.parse.Dialects;
import bouncemx.parse.Limits;
import bouncemx.parse.Originals;
import bouncemx.pipeline.Pipeline;
import bouncemx.testing.MemoryJournal;
import bouncemx.testing.Samples;
import bouncemx.testing.SmtpClient;
import bouncemx.config.Config;
import bouncemx.verp.VerpVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** verp.require_signature over loopback: a forged bounce is refused at RCPT, a signed one is journaled as valid. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SignedVerpSmtpTest {
    private static final Config.VerpKey KEY = new Config.VerpKey("k1",
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC);
    private final VerpVerifier verifier = new VerpVerifier(List.of(KEY), Duration.ofDays(60), clock);
    private final MemoryJournal journal = new MemoryJournal();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private Pipeline pipeline;
    private SmtpServer server;

    private SmtpServer start(RecipientSignaturePolicy policy) throws Exception {
        var limits = Limits.DEFAULT;
        var factory = new EventFactory(new Decoder(Dialects.standardOrder(limits), Originals.standard(), limits),
                Classifier.standard(), limits, verifier);
        pipeline = new Pipeline((raw, env, at, now, id) -> factory.events(raw, env, at, now, null, id), new EventJson(),
                journal, Clock.systemUTC(), 2, 16);
        server = new SmtpServer(SmtpLoopbackTest.settings().withDomains(List.of("bounce.example.com")), pipeline,
                new MessageIds(Clock.systemUTC()), Clock.systemUTC(), policy);
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop();
        journal.close();
        if (pipeline != null) assertTrue(pipeline.close(Duration.ofSeconds(5)));
    }

    @Test
    void aForgedBounceIsRefusedAtRcptAndASignedOneIsAccepted() throws Exception {
        start(new RecipientSignaturePolicy(verifier, refused::add));
        String signed = verifier.encode("alice@customer-test.example", "c7", "bounce.example.com");
        String tampered = signed.replace("-alice=", "-alicf=");
        String expired = SignedVerpSmtpTestKeys.expired(verifier, KEY);
        try (SmtpClient c = new SmtpClient(server.address())) {
            c.begin("");
            c.send("RCPT TO:<bounces+alice=customer-test.example@bounce.example.com>").expect("550 5.7.1");
            c.send("RCPT TO:<" + tampered + ">").expect("550 5.7.1");
            c.send("RCPT TO:<" + expired + ">").expect("550 5.7.1");
            c.send("RCPT TO:<postmaster@bounce.example.com>").expect("250 2.1.5");
            c.send("RCPT TO:<Postmaster>").expect("250 2.1.5");
            c.send("RCPT TO:<" + signed.toUpperCase() + ">").expect("250 2.1.5");
        }
        assertEquals(List.of("not_signed", "bad_signature", "expired"), refused);
        assertTrue(journal.entries().isEmpty());
    }

    @Test
    void aSignedBounceCarriesTheVerifiedRecipientAndValidTrue() throws Exception {
        start(new RecipientSignaturePolicy(verifier, refused::add));
        String signed = verifier.encode("alice@customer-test.example", "c7", "bounce.example.com");
        try (SmtpClient c = new SmtpClient(server.address())) {
            c.begin("", signed);
            c.send("DATA").expect("354");
            c.sendRaw(SmtpClient.dataOf(Samples.sample("dsn-userunknown.eml")));
            c.expect("250 2.0.0 ");
        }
        JsonNode data = new ObjectMapper().readTree(journal.entries().get(0).eventJson(0)).get("data");
        assertEquals("alice@customer-test.example", data.at("/recipient/address").asText());
        assertEquals("verp", data.at("/recipient/source").asText());
        assertTrue(data.at("/verp/valid").asBoolean());
        assertEquals("valid", data.at("/verp/signature").asText());
        assertEquals("k1", data.at("/verp/key_id").asText());
        assertEquals("c7", data.at("/verp/ref").asText());
        assertEquals("2026-12-02", data.at("/verp/issued").asText());
    }

    @Test
    void withoutRequireSignatureAnUnsignedBounceIsJournaledWithValidFalse() throws Exception {
        start(RecipientSignaturePolicy.NONE);
        try (SmtpClient c = new SmtpClient(server.address())) {
            c.begin("", "bounces+alice=customer-test.example@bounce.example.com");
            c.send("DATA").expect("354");
            c.sendRaw(SmtpClient.dataOf(Samples.sample("dsn-userunknown.eml")));
            c.expect("250 2.0.0 ");
        }
        JsonNode verp = new ObjectMapper().readTree(journal.entries().get(0).eventJson(0)).at("/data/verp");
        assertFalse(verp.get("valid").asBoolean());
        assertEquals("none", verp.get("signature").asText());
        assertEquals("not_signed", verp.get("problem").asText());
    }
}

/** An address signed 61 days before the test's clock. */
final class SignedVerpSmtpTestKeys {
    private SignedVerpSmtpTestKeys() {}

    static String expired(VerpVerifier now, Config.VerpKey key) {
        var then = new VerpVerifier(List.of(key), Duration.ofDays(60),
                Clock.fixed(Instant.parse("2026-10-01T09:00:00Z"), ZoneOffset.UTC));
        return then.encode("alice@customer-test.example", "", "bounce.example.com");
    }
}
