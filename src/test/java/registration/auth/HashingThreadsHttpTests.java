package registration.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import registration.support.NoVerificationHttpTest;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;

/**
 * Logins waiting for their hash hold no request thread (issue 22): with four Tomcat threads and one hashing thread,
 * a customer's {@code GET /store/customers/me} is answered while a dozen and more logins still wait in the hashing
 * queue. Holding a request thread per login, it would wait until all but the last four logins were done.
 */
@NoVerificationHttpTest
@TestPropertySource(properties = {
        "server.tomcat.threads.max=4",
        "server.tomcat.threads.min-spare=4",
        "customer-registration.password-hashing.threads=1",
        "customer-registration.password-hashing.queue-capacity=64"})
class HashingThreadsHttpTests {

    private static final int LOGINS = 16;

    @Autowired
    StoreApi api;

    private final ExecutorService clients = Executors.newFixedThreadPool(LOGINS);

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void servesOtherRoutesWhileLoginsWaitForTheirHash() throws Exception {
        String email = StoreApi.newEmail();
        api.signUpWithEmail(email);
        String token = api.loginEmail(email, PASSWORD).text("token");
        AtomicInteger loginsDone = new AtomicInteger();
        CountDownLatch firstLoginDone = new CountDownLatch(1);

        List<Future<Response>> logins = IntStream.range(0, LOGINS).mapToObj(i -> clients.submit(() -> {
            Response answer = api.loginEmail(email, PASSWORD);
            loginsDone.incrementAndGet();
            firstLoginDone.countDown();
            return answer;
        })).toList();
        // Once one login is through, every other one has reached the server long since (one hash at a time).
        assertThat(firstLoginDone.await(60, TimeUnit.SECONDS)).isTrue();
        Response me = api.me(token);
        int doneWhenMeAnswered = loginsDone.get();

        assertThat(me.status()).isEqualTo(200);
        assertThat(doneWhenMeAnswered).as("logins finished before me was answered").isLessThanOrEqualTo(LOGINS / 2);
        for (Future<Response> login : logins) {
            assertThat(login.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
    }
}
