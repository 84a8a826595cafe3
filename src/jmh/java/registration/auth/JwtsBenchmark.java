package registration.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * The JWT work of every authenticated request: issuing a login token (what login, verify and refresh do) and
 * reading one back (signature, algorithm, expiry and kind checks, what every {@code /store/customers/me*} call
 * does before its one database read).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JwtsBenchmark {

    static final String ISSUER = "https://auth.bench.example";

    private Jwts jwts;
    private AuthTokens tokens;
    private AuthIdentity identity;
    private String loginToken;

    /** A signer/reader on a fixed 32-byte secret, for the benchmarks of other features (OTP codes). */
    public static Jwts jwts(Clock clock) {
        return jwts(clock, "jmh-benchmark-secret-of-at-least-32-bytes");
    }

    static Jwts jwts(Clock clock, String secret) {
        return jwts(clock, JwtSettings.hs256(secret, Duration.ofDays(1)));
    }

    /** A signer/reader with these settings, issuer {@link #ISSUER}. */
    static Jwts jwts(Clock clock, JwtSettings settings) {
        return new Jwts(settings, new registration.config.PublicUrlSettings(ISSUER), clock);
    }

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        jwts = jwts(clock);
        tokens = new AuthTokens(jwts, JwtSettings.hs256("unused", Duration.ofDays(1)), clock);
        identity = new AuthIdentity("authid_01JB8Y2Z7V9G3K4M5N6P7Q8R9S", ActorType.CUSTOMER,
                "cus_01JB8Y2Z7V9G3K4M5N6P7Q8R9T", 3);
        loginToken = tokens.issue(identity, Provider.EMAILPASS);
    }

    @Benchmark
    public String signLoginToken() {
        return tokens.issue(identity, Provider.EMAILPASS);
    }

    @Benchmark
    public JWTClaimsSet verifyLoginToken() {
        return jwts.read(loginToken, TokenKind.LOGIN).orElseThrow();
    }
}
