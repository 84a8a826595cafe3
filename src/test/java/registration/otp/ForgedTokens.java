package registration.otp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import registration.support.TestServices;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Ways to tamper with an OTP token, from outside (no key) and from inside (the test suite's signing secret). */
final class ForgedTokens {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();

    private ForgedTokens() {
    }

    /** The payload with {@code claim} changed, the original signature kept (what an attacker without the key can do). */
    static String withChangedPayload(String token, String claim, String value) {
        String[] parts = token.split("\\.");
        ObjectNode payload = (ObjectNode) json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        payload.put(claim, value);
        return parts[0] + "." + base64.encodeToString(json.writeValueAsBytes(payload)) + "." + parts[2];
    }

    /** The same claims, unsigned ({@code alg: none}). */
    static String unsigned(String token) {
        String[] parts = token.split("\\.");
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + parts[1] + ".";
    }

    /** A correctly signed token with some claims replaced: proves the server checks the record, not just the token. */
    static String resigned(String token, Map<String, Object> changes) {
        try {
            var builder = new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet());
            changes.forEach(builder::claim);
            var forged = new SignedJWT(SignedJWT.parse(token).getHeader(), builder.build()); // the same kid and typ
            forged.sign(new MACSigner(TestServices.JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
            return forged.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A code that differs from {@code code} in its last character. */
    static String wrong(String code) {
        char last = code.charAt(code.length() - 1);
        char other = Character.isDigit(last) ? (char) ('0' + (last - '0' + 1) % 10) : (last == 'A' ? 'B' : 'A');
        return code.substring(0, code.length() - 1) + other;
    }
}
