package registration.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

class PasswordsTests {

    private final Passwords passwords = new Passwords();
    private final Argon2PasswordEncoder bouncyCastle = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

    @Test
    void writesStandardArgon2idPhcStringsAtOwaspParameters() {
        assertThat(passwords.hash("correct horse battery"))
                .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void verifiesItsOwnHashesAndRefusesAWrongPassword() {
        String hash = passwords.hash("correct horse battery");
        assertThat(passwords.matches("correct horse battery", hash)).isTrue();
        assertThat(passwords.matches("correct horse batterY", hash)).isFalse();
    }

    @Test
    void verifiesHashesWrittenByBouncyCastleAndTheOtherWayRound() {
        String password = "pässwörd-ünicode-✓";
        assertThat(passwords.matches(password, bouncyCastle.encode(password))).isTrue();
        assertThat(bouncyCastle.matches(password, passwords.hash(password))).isTrue();
    }

    @Test
    void refusesMalformedOrForeignHashesWithoutThrowing() {
        assertThat(passwords.matches("password", "$argon2id$v=19$m=19456,t=2,p=1$garbage")).isFalse();
        assertThat(passwords.matches("password", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA")).isFalse();
        assertThat(passwords.matches("password", "not-a-hash")).isFalse();
        assertThat(passwords.matches("password", null)).isFalse();
    }

    @Test
    void asksForARehashOnlyWhenTheParametersDifferFromTodays() {
        assertThat(passwords.needsRehash(passwords.hash("password-1"))).isFalse();
        assertThat(passwords.needsRehash(new Argon2PasswordEncoder(16, 32, 1, 16 * 1024, 2).encode("password-1"))).isTrue();
        assertThat(passwords.needsRehash(new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 1).encode("password-1"))).isTrue();
    }

    @Test
    void burningAVerificationForAnUnknownIdentifierTakesAboutAsLongAsARealOne() {
        String hash = passwords.hash("password-1");
        passwords.burnVerification("warm-up");
        // Interleaved, and the fastest of each kept: a busy machine slows some rounds, not one kind of call.
        long real = Long.MAX_VALUE;
        long burnt = Long.MAX_VALUE;
        for (int round = 0; round < 7; round++) {
            real = Math.min(real, time(() -> passwords.matches("password-1", hash)));
            burnt = Math.min(burnt, time(() -> passwords.burnVerification("password-1")));
        }
        assertThat((double) burnt).isBetween(real * 0.5, real * 2.0);
    }

    @Test
    void hashesAndVerifiesForManyRequestThreadsAtOnce() throws Exception {
        ExecutorService requests = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> logins = IntStream.range(0, 8).mapToObj(i -> (Callable<Boolean>) () -> {
                String password = "password-of-request-" + i;
                String hash = passwords.hash(password);
                return passwords.matches(password, hash) && !passwords.matches(password + "x", hash);
            }).toList();
            for (Future<Boolean> result : requests.invokeAll(logins)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            requests.shutdownNow();
        }
    }

    private static long time(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return System.nanoTime() - start;
    }
}
