package bouncemx.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A Standard Webhooks verifier written for the tests from the specification alone (it shares no code with
 * main): the signed content is "id.timestamp.body", HMAC-SHA256 with the base64 key after "whsec_", and the
 * header lists space-separated "v1,BASE64" signatures, any of which may match.
 */
final class SignatureCheck {
    private SignatureCheck() {}

    static boolean verifies(String secret, String id, String timestamp, byte[] body, String header) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(body);
        for (String part : header.split(" ")) {
            if (!part.startsWith("v1,")) continue;
            if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(part.substring(3)))) return true;
        }
        return false;
    }
}
