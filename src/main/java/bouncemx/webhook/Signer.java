package bouncemx.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Signs a webhook as Standard Webhooks (https://www.standardwebhooks.com, "Signature scheme") does: the
 * signed content is {@code id + "." + timestamp + "." + body} (timestamp in unix seconds, body the exact
 * bytes sent), the signature {@code "v1," + base64(HMAC-SHA256(key, content))}, and the
 * {@code webhook-signature} header holds one such signature per key, separated by single spaces, so a
 * receiver that knows either the new or the old key during a rotation accepts the request. A key is written
 * {@code whsec_<base64>} (the prefix may be left out); the key bytes are the base64-decoded rest.
 * Thread-safe.
 */
public final class Signer {
    private static final String PREFIX = "whsec_";
    private final List<Mac> prototypes;

    /** Signs with every key of {@code secrets} (at least one); throws IllegalArgumentException for a bad key. */
    public Signer(List<String> secrets) {
        if (secrets.isEmpty()) throw new IllegalArgumentException("no signing key");
        List<Mac> macs = new ArrayList<>();
        for (String s : secrets) macs.add(mac(key(s)));
        this.prototypes = List.copyOf(macs);
    }

    /** The key bytes of {@code whsec_<base64>} (or of the bare base64). */
    public static byte[] key(String secret) {
        String b64 = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        byte[] key = Base64.getDecoder().decode(b64);
        if (key.length == 0) throw new IllegalArgumentException("empty signing key");
        return key;
    }

    /** The {@code webhook-signature} header value for one attempt. */
    public String sign(String id, long timestampSeconds, byte[] body) {
        byte[] head = (id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        var out = new StringBuilder(prototypes.size() * 48);
        for (Mac prototype : prototypes) {
            Mac mac = copy(prototype);
            mac.update(head);
            mac.update(body);
            if (!out.isEmpty()) out.append(' ');
            out.append("v1,").append(Base64.getEncoder().encodeToString(mac.doFinal()));
        }
        return out.toString();
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e); // every JDK has it
        }
    }

    private static Mac copy(Mac prototype) {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 cannot be cloned", e); // the JDK's provider can
        }
    }

}
