package registration.customer;

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

import registration.identifier.Phone;
import registration.identifier.PhoneNumbers;
import registration.identifier.PhoneSettings;

/** Phone normalisation to E.164 with libphonenumber, as every phone sign-up, login and OTP send does it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PhoneNumbersBenchmark {

    @Param({"+14155552671", "+44 20 7946 0958", "+49 (030) 901820"})
    public String input;

    @Param({"STRICT", "POSSIBLE"})
    public String validation;

    private PhoneNumbers phones;

    @Setup
    public void setUp() {
        phones = new PhoneNumbers(new PhoneSettings(null, PhoneSettings.Validation.valueOf(validation), java.util.List.of()));
        phones.parse(input);
    }

    @Benchmark
    public Phone normalise() {
        return phones.parse(input);
    }
}
