package registration.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import registration.keys.SigningAlgorithm;
import registration.support.TestClock;

/** Reading a token checks its algorithm, signature, expiry and kind, whatever header it carries. */
class JwtsTests {

    /** Long enough for HS512 too: the algorithm, not the key length, must be what refuses an HS512 token. */
    private static final String ISSUER = "https://auth.test.example";
    private static final String SECRET = "jwts-tests-secret-of-64-bytes-so-that-hs512-could-verify-with-it";

    private final TestClock clock = TestClock.standalone();
    private final Jwts jwts = jwts(clock, SECRET);

    @Test
    void aTokenIsGoodUntilItExpires() {
        String token = jwts.sign(TokenKind.LOGIN, Map.of("actor_id", "cus_1"), clock.instant().plusSeconds(60));
        assertThat(jwts.read(token, TokenKind.LOGIN)).hasValueSatisfying(
                claims -> assertThat(claims.getClaim("actor_id")).isEqualTo("cus_1"));

        clock.advance(Duration.ofSeconds(61));

        assertThat(jwts.read(token, TokenKind.LOGIN)).isEmpty();
    }

    @Test
    void aTokenIsOnlyGoodForItsKind() {
        String token = jwts.sign(TokenKind.REGISTRATION, Map.of(), clock.instant().plusSeconds(60));
        assertThat(jwts.read(token, TokenKind.REGISTRATION)).isPresent();

        assertThat(jwts.read(token, TokenKind.LOGIN)).isEmpty();
    }

    @Test
    void aTamperedOrForeignTokenIsRefused() {
        String token = jwts.sign(TokenKind.LOGIN, Map.of(), clock.instant().plusSeconds(60));
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        String foreign = jwts(clock, "another-secret-of-at-least-32-bytes!!")
                .sign(TokenKind.LOGIN, Map.of(), clock.instant().plusSeconds(60));

        assertThat(jwts.read(tampered, TokenKind.LOGIN)).isEmpty();
        assertThat(jwts.read(foreign, TokenKind.LOGIN)).isEmpty();
        assertThat(jwts.read(token, TokenKind.LOGIN)).isPresent();
    }

    /**
     * Tokens signed elsewhere with the secret, without kid and iss (issued before the upgrade, or by Medusa's
     * jsonwebtoken, which writes {@code alg} then {@code typ}): read only while {@code jwt.accept-legacy-tokens} is on
     * (SPEC 11 "Keys and upgrade"); a kid this service does not know is refused either way.
     */
    @Test
    void anHs256TokenWithoutKidIsReadOnlyWhileLegacyTokensAreAccepted() throws Exception {
        Jwts legacy = jwts(clock, new JwtSettings(SECRET, Duration.ofDays(1),
                registration.keys.SigningAlgorithm.HS256, null, null, null, null, true));

        assertThat(legacy.read(signed(new JWSHeader(JWSAlgorithm.HS256), SECRET), TokenKind.LOGIN)).isPresent();
        assertThat(legacy.read(signed(new JWSHeader.Builder(JWSAlgorithm.HS256).type(com.nimbusds.jose.JOSEObjectType.JWT).build(),
                SECRET), TokenKind.LOGIN)).isPresent();
        assertThat(legacy.read(signed(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), SECRET),
                TokenKind.LOGIN)).isEmpty();
        assertThat(jwts.read(signed(new JWSHeader(JWSAlgorithm.HS256), SECRET), TokenKind.LOGIN)).isEmpty();
    }

    @Test
    void anotherAlgorithmOrNoneIsRefusedEvenWithTheRightSecret() throws Exception {
        assertThat(jwts.read(signed(new JWSHeader(JWSAlgorithm.HS512), SECRET), TokenKind.LOGIN)).isEmpty();

        String token = jwts.sign(TokenKind.LOGIN, Map.of(), clock.instant().plusSeconds(60));
        String[] parts = token.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(jwts.read(none + "." + parts[1] + ".", TokenKind.LOGIN)).isEmpty();
        assertThat(jwts.read(none + "." + parts[1] + "." + parts[2], TokenKind.LOGIN)).isEmpty();
    }

    /** Every algorithm signs a token the service reads back, naming the key; a token of one key set fails in another. */
    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void eachAlgorithmSignsTokensThatAreReadBack(SigningAlgorithm algorithm) throws Exception {
        JWK key = algorithm.generate(algorithm.newKeyId());
        Jwts signing = withKeySet(algorithm, null, key);
        String token = signing.sign(TokenKind.LOGIN, Map.of("actor_id", "cus_1"), clock.instant().plusSeconds(60));

        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(algorithm.jws());
        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo(key.getKeyID());
        assertThat(signing.read(token, TokenKind.LOGIN)).hasValueSatisfying(claims -> {
            assertThat(claims.getIssuer()).isEqualTo(ISSUER);
            assertThat(claims.getClaim("actor_id")).isEqualTo("cus_1");
        });
        assertThat(withKeySet(algorithm, null, algorithm.generate(key.getKeyID())).read(token, TokenKind.LOGIN))
                .as("same kid, another key").isEmpty();
        assertThat(signing.publicKeys().getKeys()).hasSize(algorithm.asymmetric() ? 1 : 0);
    }

    /** Add, activate, retire: a token of key A is read while A is in the set, also after B became active; not after A left. */
    @Test
    void aRotatedKeyVerifiesUntilItIsRemoved() throws Exception {
        JWK a = SigningAlgorithm.ES256.generate("key-a");
        JWK b = SigningAlgorithm.ES256.generate("key-b");
        String tokenOfA = withKeySet(SigningAlgorithm.ES256, null, a)
                .sign(TokenKind.LOGIN, Map.of(), clock.instant().plusSeconds(600));

        Jwts bPublished = withKeySet(SigningAlgorithm.ES256, "key-a", a, b);
        Jwts bActive = withKeySet(SigningAlgorithm.ES256, "key-b", a, b);
        Jwts aRetired = withKeySet(SigningAlgorithm.ES256, null, b);

        assertThat(bPublished.read(tokenOfA, TokenKind.LOGIN)).isPresent();
        assertThat(SignedJWT.parse(bActive.sign(TokenKind.LOGIN, Map.of(), clock.instant().plusSeconds(60)))
                .getHeader().getKeyID()).isEqualTo("key-b");
        assertThat(bActive.read(tokenOfA, TokenKind.LOGIN)).isPresent();
        assertThat(aRetired.read(tokenOfA, TokenKind.LOGIN)).isEmpty();
    }

    @Test
    void onlyLoginTokensAreTypedJwtAndATokenOfAnotherIssuerIsRefused() throws Exception {
        for (TokenKind kind : TokenKind.values()) {
            String token = jwts.sign(kind, Map.of(), clock.instant().plusSeconds(60));
            assertThat(SignedJWT.parse(token).getHeader().getType().getType())
                    .isEqualTo(kind == TokenKind.LOGIN ? "JWT" : kind.claim() + "+jwt");
        }
        Jwts otherIssuer = new Jwts(JwtSettings.hs256(SECRET, Duration.ofDays(1)),
                new registration.config.PublicUrlSettings("https://other.example"), clock);
        String foreign = otherIssuer.sign(TokenKind.LOGIN, Map.of(), clock.instant().plusSeconds(60));

        assertThat(jwts.read(foreign, TokenKind.LOGIN)).isEmpty();
        assertThat(otherIssuer.read(foreign, TokenKind.LOGIN)).isPresent();
    }

    private Jwts withKeySet(SigningAlgorithm algorithm, String activeKeyId, JWK... keys) throws Exception {
        Path file = Files.createTempFile("jwks", ".json");
        file.toFile().deleteOnExit();
        Files.writeString(file, new JWKSet(List.of(keys)).toString(false));
        return jwts(clock, new JwtSettings(null, Duration.ofDays(1), algorithm, file.toString(), activeKeyId,
                null, null, false));
    }

    private String signed(JWSHeader header, String secret) throws Exception {
        var claims = new JWTClaimsSet.Builder()
                .expirationTime(Date.from(clock.instant().plusSeconds(60)))
                .claim(Jwts.KIND, TokenKind.LOGIN.claim())
                .build();
        var jwt = new SignedJWT(header, claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    static Jwts jwts(java.time.Clock clock, String secret) {
        return jwts(clock, JwtSettings.hs256(secret, Duration.ofDays(1)));
    }

    static Jwts jwts(java.time.Clock clock, JwtSettings settings) {
        return new Jwts(settings, new registration.config.PublicUrlSettings(ISSUER), clock);
    }
}
