package bouncemx.smtp;

import bouncemx.config.Config;
import bouncemx.event.EventJson;
import bouncemx.pipeline.Pipeline;
import bouncemx.testing.Engine;
import bouncemx.testing.MemoryJournal;
import bouncemx.testing.Samples;
import bouncemx.testing.SmtpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STARTTLS with a certificate made by the JDK's keytool for this test. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StartTlsTest {
    private final MemoryJournal journal = new MemoryJournal();
    private Pipeline pipeline;
    private SmtpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.stop();
        journal.close();
        if (pipeline != null) pipeline.close(Duration.ofSeconds(5));
    }

    /** A self-signed EC certificate for "localhost" as PEM files: cert.pem and key.pem (PKCS#8). */
    static Config.Tls makeCertificate(Path dir) throws Exception {
        Path p12 = dir.resolve("tls.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertTrue(keytool.waitFor(30, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool failed");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(p12.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        var enc = Base64.getMimeEncoder(64, "\n".getBytes());
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n"
                + enc.encodeToString(ks.getCertificate("smtp").getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + enc.encodeToString(ks.getKey("smtp", "changeit".toCharArray()).getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        return new Config.Tls(cert.toString(), key.toString());
    }

    /** Trusts any certificate: this test checks the server's TLS setup, not certificate validation. */
    static SSLContext trustingClient(String protocol) throws Exception {
        SSLContext ctx = SSLContext.getInstance(protocol);
        ctx.init(null, new TrustManager[]{new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        return ctx;
    }

    @Test
    void aClientSilentOverTlsIsCutOffAtTheCommandTimeoutWith421(@TempDir Path dir) throws Exception {
        Clock clock = Clock.systemUTC();
        pipeline = new Pipeline((raw, env, at, now, id) -> Engine.factory().events(raw, env, at, now, null, id),
                new EventJson(), journal, clock, 1, 8);
        // 2 s: the handshake as a whole has the command timeout too, and a loaded machine can take a second for it
        server = new SmtpServer(SmtpLoopbackTest.settings().withTls(makeCertificate(dir)).withTimeouts(Duration.ofSeconds(2),
                Duration.ofMinutes(30), Duration.ofSeconds(10), Duration.ofSeconds(1)), pipeline, new MessageIds(clock), clock);
        server.start();
        try (SmtpClient plain = new SmtpClient(server.address())) {
            plain.expectPlain("220");
            plain.send("EHLO c.example");
            plain.expectPlain("250 ");
            plain.send("STARTTLS").expect("220 2.0.0");
            SmtpClient tls = plain.upgrade(trustingClient("TLS").getSocketFactory());
            tls.send("EHLO c.example");
            tls.expectPlain("250 ");
            long t0 = System.nanoTime();
            tls.expect("421 4.4.2"); // the read under TLS ends at its deadline, and the reply still goes out over TLS
            assertTrue(tls.closedByServer());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms >= 1500 && ms < 6000, "cut at the deadline, not before nor much later: " + ms + " ms");
        }
    }

    @Test
    void offersStartTlsWithModernProtocolsAndCarriesOnOverTls(@TempDir Path dir) throws Exception {
        Clock clock = Clock.systemUTC();
        pipeline = new Pipeline((raw, env, at, now, id) -> Engine.factory().events(raw, env, at, now, null, id),
                new EventJson(), journal, clock, 1, 8);
        server = new SmtpServer(SmtpLoopbackTest.settings().withTls(makeCertificate(dir)), pipeline, new MessageIds(clock), clock);
        server.start();

        try (SmtpClient plain = new SmtpClient(server.address())) {
            plain.expectPlain("220");
            plain.send("EHLO c.example");
            assertTrue(plain.expectPlain("250 ").contains("250-STARTTLS"));
            plain.send("MAIL FROM:<>").expect("250");
            plain.send("STARTTLS").expect("220 2.0.0");
            SmtpClient tls = plain.upgrade(trustingClient("TLS").getSocketFactory());
            var session = ((SSLSocket) tls.socket()).getSession();
            assertTrue(List.of("TLSv1.3", "TLSv1.2").contains(session.getProtocol()), session.getProtocol());
            assertTrue(TlsContext.CIPHER_SUITES.contains(session.getCipherSuite()), session.getCipherSuite());

            tls.send("RCPT TO:<a@x.example>").expect("503 5.5.1"); // STARTTLS reset the state (RFC 3207 4.2)
            tls.send("EHLO c.example");
            assertFalse(tls.expectPlain("250 ").contains("250-STARTTLS"));
            tls.send("STARTTLS").expect("503 5.5.1");
            tls.send("MAIL FROM:<>").expect("250");
            tls.send("RCPT TO:<a@x.example>").expect("250");
            tls.send("DATA").expect("354");
            tls.sendRaw(SmtpClient.dataOf(Samples.sample("dsn-userunknown.eml")));
            tls.expect("250 2.0.0");
            tls.send("JUNK").expect("500 5.5.2"); // the reply rewriting works inside TLS too
            tls.send("QUIT").expect("221");
        }
        assertEquals(1, journal.records().size());

        // TLS 1.1 and older are not accepted
        try (SmtpClient old = new SmtpClient(server.address())) {
            old.expectPlain("220");
            old.send("EHLO c.example");
            old.expectPlain("250 ");
            old.send("STARTTLS").expect("220");
            SSLContext legacy = trustingClient("TLSv1.1");
            var factory = new javax.net.ssl.SSLSocketFactory() {
                final javax.net.ssl.SSLSocketFactory d = legacy.getSocketFactory();
                @Override public String[] getDefaultCipherSuites() { return d.getDefaultCipherSuites(); }
                @Override public String[] getSupportedCipherSuites() { return d.getSupportedCipherSuites(); }
                @Override public java.net.Socket createSocket(java.net.Socket s, String h, int p, boolean a) throws java.io.IOException {
                    SSLSocket x = (SSLSocket) d.createSocket(s, h, p, a);
                    x.setEnabledProtocols(new String[]{"TLSv1.1"});
                    return x;
                }
                @Override public java.net.Socket createSocket(String h, int p) { throw new UnsupportedOperationException(); }
                @Override public java.net.Socket createSocket(String h, int p, java.net.InetAddress l, int lp) { throw new UnsupportedOperationException(); }
                @Override public java.net.Socket createSocket(java.net.InetAddress h, int p) { throw new UnsupportedOperationException(); }
                @Override public java.net.Socket createSocket(java.net.InetAddress h, int p, java.net.InetAddress l, int lp) { throw new UnsupportedOperationException(); }
            };
            assertThrows(javax.net.ssl.SSLException.class, () -> old.upgrade(factory));
        }
    }

    @Test
    void anUnusableKeyFileIsOneClearError(@TempDir Path dir) throws Exception {
        Config.Tls tls = makeCertificate(dir);
        Files.writeString(Path.of(tls.key()), "not a key\n");
        var e = assertThrows(IllegalArgumentException.class, () -> TlsContext.load(Path.of(tls.cert()), Path.of(tls.key())));
        assertTrue(e.getMessage().startsWith("smtp.tls.key: no PKCS#8"), e.getMessage());
    }
}
