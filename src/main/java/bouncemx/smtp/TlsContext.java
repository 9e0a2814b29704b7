package bouncemx.smtp;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STARTTLS setup from {@code smtp.tls}: a PEM certificate chain and a PEM private key (PKCS#8 "PRIVATE KEY",
 * RSA, EC or EdDSA; or PKCS#1 "RSA PRIVATE KEY"). Servers get TLS 1.3 and 1.2 only and a short list of AEAD
 * suites with forward secrecy, server order first, instead of the JVM's everything-supported default (what
 * SubEthaSMTP set). {@link #load} throws {@link IllegalArgumentException} with one readable line when the
 * files are missing or unusable. Stateless.
 */
public final class TlsContext {
    private TlsContext() {}

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Allowed suites, preferred first: TLS 1.3's, then ECDHE with AES-GCM or ChaCha20-Poly1305 for TLS 1.2. */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    public static SSLContext load(Path certFile, Path keyFile) {
        try {
            List<Certificate> chain = new ArrayList<>();
            var cf = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(certFile)) {
                if (b.type().equals("CERTIFICATE")) chain.add(cf.generateCertificate(new ByteArrayInputStream(b.der())));
            }
            if (chain.isEmpty()) throw new IllegalArgumentException("smtp.tls.cert: no CERTIFICATE in " + certFile);
            PrivateKey key = null;
            for (Block b : blocks(keyFile)) {
                if (b.type().equals("PRIVATE KEY")) key = pkcs8(b.der());
                else if (b.type().equals("RSA PRIVATE KEY")) key = pkcs8(rsaPkcs1ToPkcs8(b.der()));
                if (key != null) break;
            }
            if (key == null) {
                throw new IllegalArgumentException("smtp.tls.key: no PKCS#8 \"PRIVATE KEY\" or \"RSA PRIVATE KEY\" in "
                        + keyFile + " (convert with: openssl pkcs8 -topk8 -nocrypt)");
            }
            char[] pass = new char[0];
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, pass);
            ks.setKeyEntry("smtp", key, pass, chain.toArray(new Certificate[0]));
            var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pass);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException e) {
            throw new IllegalArgumentException("smtp.tls: cannot read " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("smtp.tls: unusable certificate or key: " + e.getMessage(), e);
        }
    }

    /** Server mode, TLS 1.2+, the allowed suites in our order. */
    static void configureServer(SSLSocket s) {
        s.setUseClientMode(false);
        SSLParameters p = s.getSSLParameters();
        List<String> supportedProtocols = List.of(s.getSupportedProtocols());
        p.setProtocols(PROTOCOLS.stream().filter(supportedProtocols::contains).toArray(String[]::new));
        List<String> supported = List.of(s.getSupportedCipherSuites());
        p.setCipherSuites(CIPHER_SUITES.stream().filter(supported::contains).toArray(String[]::new));
        p.setUseCipherSuitesOrder(true);
        s.setSSLParameters(p);
    }

    private record Block(String type, byte[] der) {}

    private static List<Block> blocks(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<Block> out = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
        return out;
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        var spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String alg : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** PKCS#8 PrivateKeyInfo around a PKCS#1 RSAPrivateKey: SEQ { INT 0, SEQ { rsaEncryption, NULL }, OCTETS }. */
    private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
                0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        var body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(algorithm);
        body.writeBytes(tlv(0x04, pkcs1));
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        var out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xFFFFFF ? 4 : n > 0xFFFF ? 3 : n > 0xFF ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) out.write(n >>> (8 * i));
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
