package registration.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import registration.support.NoVerificationHttpTest;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;

/**
 * The bounded hashing queue (issue 22): with one hashing thread and room for one waiting hash, a burst of requests
 * that hash is answered at once past the queue — 503 {@code service_unavailable} {@code overloaded} with
 * {@code Retry-After} — for logins, unknown identifiers (dummy hashes) and sign-ups alike; none hangs, and the
 * answers of the asynchronous routes are those of before (errors, no-store).
 */
@NoVerificationHttpTest
@TestPropertySource(properties = {
        "customer-registration.password-hashing.threads=1",
        "customer-registration.password-hashing.queue-capacity=1"})
class HashingQueueHttpTests {

    private static final int BURST = 16;

    @Autowired
    StoreApi api;

    private final ExecutorService clients = Executors.newFixedThreadPool(BURST);

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void refusesLoginsPastTheQueueAtOnceWithRetryAfter() throws Exception {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);

        List<Response> answers = burst(i -> api.loginEmail(email, PASSWORD));

        assertThat(answers).extracting(Response::status).containsOnly(200, 503).contains(200, 503);
        answers.stream().filter(answer -> answer.status() == 503).forEach(HashingQueueHttpTests::assertOverloaded);
        assertThat(api.loginEmail(email, PASSWORD).status()).as("the queue drained").isEqualTo(200);
    }

    @Test
    void refusesUnknownIdentifiersExactlyAsKnownOnes() throws Exception {
        List<Response> answers = burst(i -> api.loginEmail(StoreApi.newEmail(), PASSWORD));

        assertThat(answers).extracting(Response::status).containsOnly(401, 503).contains(401, 503);
        answers.stream().filter(answer -> answer.status() == 503).forEach(HashingQueueHttpTests::assertOverloaded);
        answers.stream().filter(answer -> answer.status() == 401).forEach(answer -> {
            assertThat(answer.text("type")).isEqualTo("unauthorized");
            assertThat(answer.text("message")).isEqualTo("Invalid email or password");
        });
    }

    @Test
    void refusesSignUpsPastTheQueueWithoutCreatingAnything() throws Exception {
        List<String> emails = IntStream.range(0, BURST).mapToObj(i -> StoreApi.newEmail()).toList();

        List<Response> answers = burst(i -> api.registerEmail(emails.get(i), PASSWORD));

        assertThat(answers).extracting(Response::status).containsOnly(200, 503).contains(200, 503);
        int refused = IntStream.range(0, BURST).filter(i -> answers.get(i).status() == 503).findFirst().orElseThrow();
        assertOverloaded(answers.get(refused));
        assertThat(api.loginEmail(emails.get(refused), PASSWORD).status()).as("no identity was created").isEqualTo(401);
        assertThat(api.registerEmail(emails.get(refused), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void answersTheErrorsOfAFailedHashAsBefore() {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);

        Response wrong = api.loginEmail(email, "not-the-password");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text("type")).isEqualTo("unauthorized");
        assertThat(wrong.text("message")).isEqualTo("Invalid email or password");
        assertThat(wrong.header("Cache-Control")).hasValue("no-store");
        Response taken = api.registerEmail(email, "another-password-1");
        assertThat(taken.status()).isEqualTo(401);
        assertThat(taken.text("message")).isEqualTo("Identity with email already exists");
    }

    private static void assertOverloaded(Response answer) {
        assertThat(answer.text("type")).isEqualTo("service_unavailable");
        assertThat(answer.text("code")).isEqualTo("overloaded");
        assertThat(answer.header("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isGreaterThanOrEqualTo(1));
        assertThat(answer.header("Cache-Control")).hasValue("no-store");
    }

    /** {@link #BURST} requests released at once; every one must be answered (none hangs). */
    private List<Response> burst(Function<Integer, Response> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> pending = IntStream.range(0, BURST).mapToObj(i -> clients.submit(() -> {
            start.await();
            return request.apply(i);
        })).toList();
        start.countDown();
        List<Response> answers = new java.util.ArrayList<>();
        for (Future<Response> answer : pending) {
            answers.add(answer.get(60, TimeUnit.SECONDS));
        }
        return answers;
    }
}
