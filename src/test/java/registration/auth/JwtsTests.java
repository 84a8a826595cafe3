package registration.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import registration.support.TestClock;

/** Every read checks signature, expiry and kind again: a token read before gets no pass. */
class JwtsTests {

    private final TestClock clock = TestClock.standalone();
    private final Jwts jwts = JwtsBenchmark.jwts(clock);

    @Test
    void aTokenReadBeforeStillExpires() {
        String token = jwts.sign(TokenKind.LOGIN, Map.of("actor_id", "cus_1"), clock.instant().plusSeconds(60));
        assertThat(jwts.read(token, TokenKind.LOGIN)).hasValueSatisfying(
                claims -> assertThat(claims.getClaim("actor_id")).isEqualTo("cus_1"));

        clock.advance(Duration.ofSeconds(61));

        assertThat(jwts.read(token, TokenKind.LOGIN)).isEmpty();
    }

    @Test
    void aTokenReadBeforeIsStillOnlyGoodForItsKind() {
        String token = jwts.sign(TokenKind.REGISTRATION, Map.of(), clock.instant().plusSeconds(60));
        assertThat(jwts.read(token, TokenKind.REGISTRATION)).isPresent();

        assertThat(jwts.read(token, TokenKind.LOGIN)).isEmpty();
    }

    @Test
    void aTamperedOrForeignTokenIsRefusedEveryTime() {
        String token = jwts.sign(TokenKind.LOGIN, Map.of(), clock.instant().plusSeconds(60));
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        String foreign = JwtsBenchmark.jwts(clock, "another-secret-of-at-least-32-bytes!!")
                .sign(TokenKind.LOGIN, Map.of(), clock.instant().plusSeconds(60));

        for (int i = 0; i < 2; i++) {
            assertThat(jwts.read(tampered, TokenKind.LOGIN)).isEmpty();
            assertThat(jwts.read(foreign, TokenKind.LOGIN)).isEmpty();
        }
        assertThat(jwts.read(token, TokenKind.LOGIN)).isPresent();
    }
}
