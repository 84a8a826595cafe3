package registration.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import registration.keys.SigningAlgorithm;

/**
 * {@code customer-registration.jwt.*} (issue 18, docs/signing-keys.md).
 *
 * @param secret             an HS256 secret of at least 32 bytes (the single secret of earlier versions); under HS256 it
 *                           signs when it is the only key, under another algorithm it still verifies the tokens it signed
 * @param expiresIn          lifetime of login and registration tokens
 * @param algorithm          HS256 (default, Medusa-compatible), ES256, RS256 or EdDSA: the algorithm of the active key
 * @param keySet             path of a private JWK set file (from {@code keys generate}); every key in it verifies
 * @param activeKeyId        the {@code kid} that signs; needed when several keys of {@code algorithm} are configured
 * @param issuer             the {@code iss} of every token and the only one accepted; default {@code public-url}
 * @param audience           when set, the {@code aud} of every token and required on the way in
 * @param acceptLegacyTokens under HS256, also accept tokens without {@code kid} and {@code iss} signed with
 *                           {@code secret} (tokens issued before the upgrade); for one token lifetime after upgrading
 */
@Validated
@ConfigurationProperties("customer-registration.jwt")
record JwtSettings(String secret, @DefaultValue("1d") Duration expiresIn, @DefaultValue("HS256") SigningAlgorithm algorithm,
                   String keySet, String activeKeyId, String issuer, String audience,
                   @DefaultValue("false") boolean acceptLegacyTokens) {

    /** HS256 with one secret and nothing else: the configuration of earlier versions. */
    static JwtSettings hs256(String secret, Duration expiresIn) {
        return new JwtSettings(secret, expiresIn, SigningAlgorithm.HS256, null, null, null, null, false);
    }

    @Override
    public String toString() {
        return "JwtSettings[secret=<hidden>, expiresIn=" + expiresIn + ", algorithm=" + algorithm + ", keySet=" + keySet
                + ", activeKeyId=" + activeKeyId + ", issuer=" + issuer + ", audience=" + audience
                + ", acceptLegacyTokens=" + acceptLegacyTokens + "]";
    }
}
