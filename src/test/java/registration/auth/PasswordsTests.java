package registration.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import registration.web.ApiException;
import registration.web.ErrorType;

class PasswordsTests {

    private final Passwords passwords = new Passwords(PasswordHashingSettings.defaults());
    private final Argon2PasswordEncoder bouncyCastle = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

    @Test
    void writesStandardArgon2idPhcStringsAtOwaspParameters() {
        assertThat(hashed("correct horse battery"))
                .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void verifiesItsOwnHashesAndRefusesAWrongPassword() {
        String hash = hashed("correct horse battery");
        assertThat(passwords.matches("correct horse battery", hash).join()).isTrue();
        assertThat(passwords.matches("correct horse batterY", hash).join()).isFalse();
    }

    @Test
    void verifiesHashesWrittenByBouncyCastleAndTheOtherWayRound() {
        String password = "pässwörd-ünicode-✓";
        assertThat(passwords.matches(password, bouncyCastle.encode(password)).join()).isTrue();
        assertThat(bouncyCastle.matches(password, hashed(password))).isTrue();
    }

    @Test
    void refusesMalformedOrForeignHashesWithoutThrowing() {
        assertThat(passwords.matches("password", "$argon2id$v=19$m=19456,t=2,p=1$garbage").join()).isFalse();
        assertThat(passwords.matches("password", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA").join()).isFalse();
        assertThat(passwords.matches("password", "not-a-hash").join()).isFalse();
        assertThat(passwords.matches("password", null).join()).isFalse();
    }

    @Test
    void asksForARehashOnlyWhenTheParametersDifferFromTodays() {
        assertThat(passwords.needsRehash(hashed("password-1"))).isFalse();
        assertThat(passwords.needsRehash(new Argon2PasswordEncoder(16, 32, 1, 16 * 1024, 2).encode("password-1"))).isTrue();
        assertThat(passwords.needsRehash(new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 1).encode("password-1"))).isTrue();
    }

    @Test
    void burningAVerificationForAnUnknownIdentifierTakesAboutAsLongAsARealOne() {
        String hash = hashed("password-1");
        passwords.burnVerification("warm-up").join();
        // Interleaved, and the fastest of each kept: a busy machine slows some rounds, not one kind of call.
        long real = Long.MAX_VALUE;
        long burnt = Long.MAX_VALUE;
        for (int round = 0; round < 7; round++) {
            real = Math.min(real, time(() -> passwords.matches("password-1", hash).join()));
            burnt = Math.min(burnt, time(() -> passwords.burnVerification("password-1").join()));
        }
        assertThat((double) burnt).isBetween(real * 0.5, real * 2.0);
    }

    @Test
    void hashesAndVerifiesForManyCallersAtOnce() throws Exception {
        ExecutorService requests = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> logins = IntStream.range(0, 8).mapToObj(i -> (Callable<Boolean>) () -> {
                String password = "password-of-request-" + i;
                String hash = hashed(password);
                return passwords.matches(password, hash).join() && !passwords.matches(password + "x", hash).join();
            }).toList();
            for (Future<Boolean> result : requests.invokeAll(logins)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            requests.shutdownNow();
        }
    }

    /** Linux: a hash runs at the configured niceness, so that a login burst yields the cores to other routes. */
    @Test
    void hashesRunAtALowerCpuPriority() throws Exception {
        Path tasks = Path.of("/proc/self/task");
        assumeTrue(Files.isDirectory(tasks), "no /proc: not Linux");
        Passwords passwords = new Passwords(new PasswordHashingSettings(1, 4, 7));
        try {
            passwords.hash("password").get();
            List<Integer> nice = new ArrayList<>();
            try (var threads = Files.list(tasks)) {
                for (Path task : threads.toList()) {
                    if (Files.readString(task.resolve("comm")).strip().startsWith("argon2-")) {
                        String stat = Files.readString(task.resolve("stat"));
                        // after "(comm)": state is field 3, nice field 19
                        nice.add(Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]));
                    }
                }
            }
            assertThat(nice).as("this instance's hashing thread (others of this JVM run at the default 10)").contains(7);
        } finally {
            passwords.close();
        }
    }

    @Test
    void refusesAtOnceWithRetryAfterWhenTheQueueIsFull() {
        Passwords small = new Passwords(new PasswordHashingSettings(1, 1, null));
        try {
            List<CompletableFuture<String>> admitted = new ArrayList<>();
            List<ApiException> refused = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                try {
                    admitted.add(small.hash("password-" + i));
                } catch (ApiException e) {
                    refused.add(e);
                }
            }
            assertThat(admitted).hasSizeBetween(1, 3); // one hashing, one waiting (and one that may have finished)
            assertThat(refused).isNotEmpty().allSatisfy(e -> {
                assertThat(e.errorType()).isEqualTo(ErrorType.SERVICE_UNAVAILABLE);
                assertThat(e.code()).isEqualTo("overloaded");
                assertThat(e.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            });
            admitted.forEach(hash -> assertThat(hash.join()).startsWith("$argon2id$"));
            assertThatThrownBy(() -> { // a dummy verification takes the same queue
                for (int i = 0; i < 6; i++) {
                    small.burnVerification("password");
                }
            }).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("overloaded"));
        } finally {
            small.close();
        }
    }

    @Test
    void completesOffTheHashingThreads() {
        String thread = passwords.hash("password-1").thenApply(hash -> Thread.currentThread().getName()).join();
        assertThat(thread).startsWith("password-after-hash-");
    }

    private String hashed(String password) {
        return passwords.hash(password).join();
    }

    private static long time(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return System.nanoTime() - start;
    }
}
