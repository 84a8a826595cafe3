package registration.otp;

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

import registration.auth.JwtsBenchmark;

/**
 * The pure work of one OTP send (draw a code from the CSPRNG, store only its keyed hash) and of one verify
 * (hash the guess, compare in constant time), for both alphabets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OtpCodesBenchmark {

    @Param({"NUMERIC", "ALPHANUMERIC"})
    public String charset;

    private CodeGenerator generator;
    private CodeHasher hasher;
    private String code;
    private String storedHash;

    @Setup
    public void setUp() {
        var settings = new OtpSettings(6, OtpSettings.CodeAlphabet.valueOf(charset), 15, 5, java.util.List.of(), 10, 3);
        generator = new CodeGenerator(settings, new FixedCodes(settings, null)); // no test codes: no phone parsing
        hasher = new CodeHasher(registration.keys.ServiceKeys.of(
                "jmh-benchmark-secret-of-at-least-32-bytes", java.util.List.of(), null, false));
        code = generator.next();
        storedHash = hasher.hash(code);
    }

    @Benchmark
    public String generateAndHash() {
        return hasher.hash(generator.next());
    }

    @Benchmark
    public boolean verifyRightCode() {
        return hasher.matches(code, storedHash, hasher.keyId());
    }

    @Benchmark
    public boolean verifyWrongCode() {
        return hasher.matches("ZZZZZZ", storedHash, hasher.keyId());
    }
}
