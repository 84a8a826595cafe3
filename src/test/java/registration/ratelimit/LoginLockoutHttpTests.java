package registration.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import registration.support.Mailbox;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import registration.support.TestClock;

/** Login guessing limits per identifier: 3 failures lock it for 15 minutes in this suite. */
@LimitedHttpTest
class LoginLockoutHttpTests {

    @Autowired
    StoreApi api;
    @Autowired
    TestClock clock;
    @Autowired
    Mailbox mailbox;

    /**
     * Signs up from a client of its own: the suite's register bucket, which both steps spend, holds only 3
     * tokens per client.
     */
    private void signUp(String email) {
        String client = Clients.next();
        String token = api.registerEmailForwarded(email, PASSWORD, client).text("token");
        assertThat(api.createCustomerForwarded(token, StoreApi.body("email", email), client).status()).isEqualTo(200);
    }

    /** A signed-up customer whose email is locked after three failures from three addresses. */
    private String lockedOutCustomer() {
        String email = StoreApi.newEmail();
        signUp(email);
        for (int i = 0; i < 3; i++) {
            api.loginEmailForwarded(email, "wrong-password", Clients.next());
        }
        assertThat(api.loginEmailForwarded(email, PASSWORD, Clients.next()).status()).isEqualTo(429);
        return email;
    }

    @Test
    void locksAnIdentifierAfterTooManyFailuresEvenForTheRightPassword() {
        String email = StoreApi.newEmail();
        signUp(email);
        String client = Clients.next();
        for (int i = 0; i < 3; i++) {
            assertThat(api.loginEmailForwarded(email, "wrong-password", client).status()).isEqualTo(401);
        }

        Response locked = api.loginEmailForwarded(email, PASSWORD, client);

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.text("type")).isEqualTo("too_many_requests");
        assertThat(locked.text("code")).isEqualTo("login_locked");
        assertThat(locked.header("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(899, 900));
        // from any other address too: the lock is on the identifier, not the client
        assertThat(api.loginEmailForwarded(email, PASSWORD, Clients.next()).status()).isEqualTo(429);
    }

    @Test
    void aPasswordResetLiftsTheLockForTheOwner() {
        String email = lockedOutCustomer();

        assertThat(api.postForwarded("/auth/customer/emailpass/reset-password", StoreApi.body("identifier", email),
                Clients.next()).status()).isEqualTo(201);
        assertThat(api.postForwarded("/auth/customer/emailpass/update", StoreApi.body("token",
                mailbox.linkToken(email, 1), "password", "a-new-password-1"), Clients.next()).status()).isEqualTo(200);

        assertThat(api.loginEmailForwarded(email, "a-new-password-1", Clients.next()).status()).isEqualTo(200);
    }

    @Test
    void unlocksOnceTheLockHasPassed() {
        String email = lockedOutCustomer();

        clock.advance(Duration.ofMinutes(15));

        assertThat(api.loginEmailForwarded(email, PASSWORD, Clients.next()).status()).isEqualTo(200);
    }

    @Test
    void locksUnknownIdentifiersExactlyLikeKnownOnes() {
        String known = StoreApi.newEmail();
        signUp(known);
        String unknown = StoreApi.newEmail();
        for (int i = 0; i < 3; i++) {
            Response failedKnown = api.loginEmailForwarded(known, "wrong-password", Clients.next());
            Response failedUnknown = api.loginEmailForwarded(unknown, "wrong-password", Clients.next());
            assertThat(failedUnknown.status()).isEqualTo(failedKnown.status());
            assertThat(failedUnknown.body()).isEqualTo(failedKnown.body());
        }

        Response lockedKnown = api.loginEmailForwarded(known, PASSWORD, Clients.next());
        Response lockedUnknown = api.loginEmailForwarded(unknown, PASSWORD, Clients.next());

        assertThat(lockedUnknown.status()).isEqualTo(429);
        assertThat(lockedUnknown.body()).isEqualTo(lockedKnown.body());
        assertThat(lockedUnknown.header("Retry-After")).isEqualTo(lockedKnown.header("Retry-After"));
    }

    @Test
    void aSuccessfulLoginClearsTheFailures() {
        String email = StoreApi.newEmail();
        signUp(email);
        for (int i = 0; i < 2; i++) {
            assertThat(api.loginEmailForwarded(email, "wrong-password", Clients.next()).status()).isEqualTo(401);
        }
        assertThat(api.loginEmailForwarded(email, PASSWORD, Clients.next()).status()).isEqualTo(200);

        for (int i = 0; i < 2; i++) {
            assertThat(api.loginEmailForwarded(email, "wrong-password", Clients.next()).status()).isEqualTo(401);
        }
        assertThat(api.loginEmailForwarded(email, PASSWORD, Clients.next()).status()).isEqualTo(200);
    }

    @Test
    void countsAnIdentifierHoweverItIsSpelled() {
        String email = StoreApi.newEmail();
        signUp(email);
        api.loginEmailForwarded(email, "wrong-password", Clients.next());
        api.loginEmailForwarded(email.toUpperCase(), "wrong-password", Clients.next());
        api.loginEmailForwarded("  " + email + " ", "wrong-password", Clients.next());

        assertThat(api.loginEmailForwarded(email, PASSWORD, Clients.next()).status()).isEqualTo(429);
    }

    @Test
    void locksAdminLoginsApartFromCustomerLogins() {
        String email = StoreApi.newEmail();
        signUp(email);
        for (int i = 0; i < 3; i++) {
            assertThat(api.loginAdminForwarded(email, "wrong-password", Clients.next()).status()).isEqualTo(401);
        }

        assertThat(api.loginAdminForwarded(email, "wrong-password", Clients.next()).text("code")).isEqualTo("login_locked");
        assertThat(api.loginEmailForwarded(email, PASSWORD, Clients.next()).status()).isEqualTo(200);
    }

    @Test
    void aBurstOfParallelGuessesGetsNoMoreTriesThanTheLimit() throws Exception {
        String email = StoreApi.newEmail();
        signUp(email);
        List<Callable<Integer>> guesses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            guesses.add(() -> api.loginEmailForwarded(email, "wrong-password", Clients.next()).status());
        }
        List<Integer> statuses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            for (Future<Integer> status : pool.invokeAll(guesses)) {
                statuses.add(status.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(statuses).filteredOn(s -> s == 401).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(7);
    }

    @Test
    void repeatingASignUpWithWrongPasswordsLocksLikeWrongLogins() {
        // The attack: a sign-up never finished (no customer yet) answers a repeated sign-up with a token when
        // the password is right — a password-guessing route beside the login one, and it had no lockout.
        String email = StoreApi.newEmail();
        assertThat(api.registerEmailForwarded(email, PASSWORD, Clients.next()).status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(api.registerEmailForwarded(email, "wrong-password-" + i, Clients.next()).status()).isEqualTo(401);
        }

        Response locked = api.registerEmailForwarded(email, PASSWORD, Clients.next());

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.text("code")).isEqualTo("login_locked");
        assertThat(locked.header("Retry-After")).isPresent();
        assertThat(api.loginEmailForwarded(email, PASSWORD, Clients.next()).text("code"))
                .as("one count for both routes").isEqualTo("login_locked");
    }

    @Test
    void aRightSignUpRetryStillWorksAndClearsTheCount() {
        String email = StoreApi.newEmail();
        assertThat(api.registerEmailForwarded(email, PASSWORD, Clients.next()).status()).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            assertThat(api.registerEmailForwarded(email, "wrong-password-" + i, Clients.next()).status()).isEqualTo(401);
        }

        assertThat(api.registerEmailForwarded(email, PASSWORD, Clients.next()).status()).isEqualTo(200);
        assertThat(api.registerEmailForwarded(email, "wrong-password-x", Clients.next()).status())
                .as("the count started again").isEqualTo(401);
        assertThat(api.registerEmailForwarded(email, PASSWORD, Clients.next()).status()).isEqualTo(200);
    }
}
