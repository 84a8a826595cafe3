package registration.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import de.mkammerer.argon2.Argon2Factory;

/**
 * Argon2id at the OWASP parameters we ship (m = 19 MiB, t = 2, p = 1) in each implementation on Maven Central:
 * Bouncy Castle (through Spring Security), argon2-jvm (the reference C implementation through JNA) and
 * password4j (pure Java), and {@code shipped}: whatever {@link Passwords} uses today. One hash per operation,
 * single-threaded: the time of one login on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PasswordsBenchmark {

    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;

    @Param({"shipped", "bouncycastle", "argon2-jvm", "password4j"})
    public String implementation;

    private Hasher hasher;
    private final String password = "correct horse battery staple";

    private Passwords shipped;
    private String shippedHash;

    interface Hasher {
        String hash(String password);
    }

    @Setup
    public void setUp() {
        shipped = new Passwords(PasswordHashingSettings.defaults());
        hasher = switch (implementation) {
            case "shipped" -> pw -> shipped.hash(pw).join();
            case "bouncycastle" -> new Argon2PasswordEncoder(16, 32, PARALLELISM, MEMORY_KIB, ITERATIONS)::encode;
            case "argon2-jvm" -> {
                var argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, 16, 32);
                yield pw -> argon2.hash(ITERATIONS, MEMORY_KIB, PARALLELISM, pw.toCharArray());
            }
            case "password4j" -> {
                var function = Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, 32, Argon2.ID, 19);
                var random = new SecureRandom();
                yield pw -> {
                    byte[] salt = new byte[16];
                    random.nextBytes(salt);
                    return Password.hash(pw.getBytes(StandardCharsets.UTF_8)).addSalt(salt).with(function).getResult();
                };
            }
            default -> throw new IllegalArgumentException(implementation);
        };
        shippedHash = shipped.hashNow(password);
        String sample = hasher.hash(password);
        if (!sample.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")) {
            throw new IllegalStateException(implementation + " does not write a standard PHC hash: " + sample);
        }
    }

    @Benchmark
    public String hash() {
        return hasher.hash(password);
    }

    /** What a login costs: {@link Passwords#matches} of the shipped implementation (the parameter is ignored). */
    @Benchmark
    public boolean verifyShipped() {
        return shipped.matches(password, shippedHash).join();
    }
}
