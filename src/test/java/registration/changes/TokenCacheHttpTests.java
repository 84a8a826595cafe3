package registration.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.NoVerificationHttpTest.NO_AUTO_SEND;
import static registration.support.NoVerificationHttpTest.NO_REQUIRED_VERIFICATION;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import registration.CustomerRegistrationApplication;
import registration.support.CountedStatements;
import registration.support.Mailbox;
import registration.support.NoVerificationHttpTest;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;
import registration.support.TestServices;

/**
 * Token checks and {@code /me} from memory (issue 26, SPEC 11), written as the attacks they stop: a stolen token
 * that keeps working after "log out everywhere" or a password reset because some instance still trusts what it
 * cached. Two application instances share one database: A is this suite's context, B a second one started here
 * with its own caches and its own change-log poller; both count the SQL their request threads send.
 */
@NoVerificationHttpTest
@Import(CountedStatements.class)
@TestPropertySource(properties = TokenCacheHttpTests.MAX_STALENESS)
class TokenCacheHttpTests {

    /** Short, so that the deaf test is quick; the default is 5 s. */
    static final String MAX_STALENESS = "customer-registration.token-cache.max-staleness=2s";
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static ConfigurableApplicationContext second;

    @Autowired
    StoreApi a;
    @Autowired
    DataSource dataSource;
    @Autowired
    Mailbox mailbox;

    /** Instance B: the same application on the same database, with detailed health on a management port. */
    private static synchronized ConfigurableApplicationContext secondInstance() {
        if (second == null) {
            List<String> args = new ArrayList<>();
            TestServices.properties().forEach(p -> args.add("--" + p));
            for (String p : List.of(NO_REQUIRED_VERIFICATION, NO_AUTO_SEND, MAX_STALENESS, "customer-registration.rate-limit.enabled=false",
                    "server.port=0", "management.server.port=0", "management.endpoint.health.show-details=always")) {
                args.add("--" + p);
            }
            second = new SpringApplicationBuilder(CustomerRegistrationApplication.class, CountedStatements.class)
                    .run(args.toArray(String[]::new));
        }
        return second;
    }

    private static StoreApi b() {
        return StoreApi.forPort(Integer.parseInt(secondInstance().getEnvironment().getProperty("local.server.port")));
    }

    private static CountedStatements.Counting bStatements() {
        return CountedStatements.of(secondInstance().getBean(DataSource.class));
    }

    @AfterEach
    void changeLogReadableAgain() {
        if (second != null) {
            bStatements().failStatementsContaining(null);
        }
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    @Test
    void logOutEverywhereOnARefusesTheTokenOnBWithinOneSecond() {
        StoreApi b = b();
        String token = signedUpCustomerToken();
        assertThat(b.me(token).status()).as("B caches the identity").isEqualTo(200);
        assertThat(b.me(token).status()).isEqualTo(200);

        assertThat(a.logOutEverywhere(token).status()).isLessThan(300);
        long loggedOut = System.nanoTime();

        assertThat(a.me(token).status()).as("at once on the instance that made the change").isEqualTo(401);
        awaitUntil(() -> b.me(token), r -> r.status() == 401, ONE_SECOND, loggedOut, "B refuses the revoked token");
        assertThat(b.call("DELETE", "/auth/session", null, token, java.util.Map.of()).status())
                .as("every bearer route on B, not only /me").isEqualTo(401);
    }

    @Test
    void aProfileUpdateOnAShowsInMeOnBWithinOneSecond() {
        StoreApi b = b();
        String token = signedUpCustomerToken();
        assertThat(b.me(token).body().path("customer").path("first_name").asString()).isEqualTo("Ada");

        assertThat(a.updateMe(token, body("first_name", "Grace")).status()).isEqualTo(200);
        long updated = System.nanoTime();

        assertThat(firstName(a.me(token))).as("read-your-writes on A").isEqualTo("Grace");
        awaitUntil(() -> b.me(token), r -> "Grace".equals(firstName(r)), ONE_SECOND, updated, "B shows the new name");
    }

    @Test
    void anAddressAddedOnAShowsInMeOnBWithinOneSecond() {
        StoreApi b = b();
        String token = signedUpCustomerToken();
        assertThat(b.me(token).body().path("customer").path("addresses").size()).as("B caches me").isZero();

        assertThat(a.post("/store/customers/me/addresses", body("city", "London"), token).status()).isEqualTo(200);
        long added = System.nanoTime();

        assertThat(a.me(token).body().path("customer").path("addresses").size()).as("read-your-writes on A").isEqualTo(1);
        awaitUntil(() -> b.me(token), r -> r.body().path("customer").path("addresses").size() == 1, ONE_SECOND, added,
                "B shows the new address");
    }

    @Test
    void aCookieSessionEndedOnAIsRefusedOnBWithinOneSecond() {
        StoreApi b = b();
        String token = signedUpCustomerToken();
        String cookie = a.call("POST", "/auth/session", null, token, java.util.Map.of()).header("Set-Cookie").orElseThrow()
                .split(";")[0];
        var withCookie = java.util.Map.of("Cookie", cookie);
        assertThat(b.call("GET", "/store/customers/me", null, null, withCookie).status()).as("B caches the session").isEqualTo(200);

        assertThat(a.call("DELETE", "/auth/session", null, null,
                java.util.Map.of("Cookie", cookie, "Content-Type", "application/json")).status()).isEqualTo(200);
        long ended = System.nanoTime();

        assertThat(a.call("GET", "/store/customers/me", null, null, withCookie).status()).as("at once on A").isEqualTo(401);
        awaitUntil(() -> b.call("GET", "/store/customers/me", null, null, withCookie), r -> r.status() == 401, ONE_SECOND,
                ended, "B refuses the ended session");
    }

    @Test
    void aPasswordResetOnBEndsTheSessionCachedOnA() {
        StoreApi b = b();
        String email = StoreApi.newEmail();
        String token = signedUpCustomerToken(email);
        assertThat(a.me(token).status()).as("A caches the identity").isEqualTo(200);

        assertThat(b.requestEmailReset(email).status()).isEqualTo(201);
        String resetToken = mailbox.linkToken(email, 1);
        assertThat(b.resetEmailPassword(resetToken, "a-brand-new-password").status()).isLessThan(300);
        long reset = System.nanoTime();

        assertThat(b.me(token).status()).as("at once on B, which made the change").isEqualTo(401);
        awaitUntil(() -> a.me(token), r -> r.status() == 401, ONE_SECOND, reset, "A refuses the old session");
        assertThat(a.loginEmail(email, "a-brand-new-password").status()).isEqualTo(200);
    }

    @Test
    void aChangeCommittedAfterALaterOneIsStillHeardOnB() throws Exception {
        StoreApi b = b();
        String held = signedUpCustomerToken();
        String other = signedUpCustomerToken();
        String heldId = b.me(held).body().path("customer").path("id").asString();
        assertThat(firstName(b.me(held))).as("B caches the customer").isEqualTo("Ada");
        assertThat(firstName(b.me(other))).as("B caches the other one too, so it shows Later only once it polled")
                .isEqualTo("Ada");

        // A slow writer: its change row takes its id first and commits last, after a later change was read.
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            try (PreparedStatement update = slow.prepareStatement("UPDATE customer SET first_name = 'Held' WHERE id = ?");
                 PreparedStatement change = slow.prepareStatement("INSERT INTO cache_change (cached, subject_id, origin, "
                         + "recorded_at) VALUES ('customer', ?, 'test', CURRENT_TIMESTAMP)")) {
                update.setString(1, heldId);
                update.executeUpdate();
                change.setString(1, heldId);
                change.executeUpdate();
            }
            assertThat(a.updateMe(other, body("first_name", "Later")).status()).isEqualTo(200);
            awaitUntil(() -> b.me(other), r -> "Later".equals(firstName(r)), ONE_SECOND, System.nanoTime(),
                    "B read the later change");
            assertThat(firstName(b.me(held))).isEqualTo("Ada");
            slow.commit();
        }
        long committed = System.nanoTime();

        awaitUntil(() -> b.me(held), r -> "Held".equals(firstName(r)), ONE_SECOND, committed,
                "B hears the change whose id is lower than one it read before");
    }

    @Test
    void withTheChangeLogUnreadableOnBARevocationIsHonouredOnBWithinTheStalenessBound() throws Exception {
        StoreApi b = b();
        String token = signedUpCustomerToken();
        bStatements().failStatementsContaining("FROM cache_change WHERE id >");
        awaitUntil(() -> bHealth(), health -> health.contains("\"deaf\":true"), Duration.ofSeconds(5), System.nanoTime(),
                "B's health says it is deaf");
        assertThat(bMetrics()).contains("customer_registration_token_cache_deaf 1.0");
        assertThat(b.me(token).status()).as("B caches the identity while deaf").isEqualTo(200);

        assertThat(a.logOutEverywhere(token).status()).isLessThan(300);
        long loggedOut = System.nanoTime();

        // max-staleness (2 s) plus one poll interval and a request's time: never longer.
        awaitUntil(() -> b.me(token), r -> r.status() == 401, Duration.ofMillis(2500), loggedOut,
                "B refuses the revoked token although it cannot read the change log");

        bStatements().failStatementsContaining(null);
        awaitUntil(() -> bHealth(), health -> health.contains("\"deaf\":false"), Duration.ofSeconds(5), System.nanoTime(),
                "B hears the change log again by itself");
    }

    @Test
    void aCacheMissAfterAnEvictionAnswersTheCommittedRowEvenUnderConcurrentReads() throws Exception {
        String token = signedUpCustomerToken();
        AtomicBoolean reading = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        try {
            // Readers reload the row all the time: one that read the old row between the eviction and the commit
            // would put it back into the cache, and A would then answer the old name after the update returned.
            for (int i = 0; i < 4; i++) {
                running.add(readers.submit(() -> {
                    while (reading.get()) {
                        a.me(token);
                    }
                }));
            }
            for (int i = 0; i < 30; i++) {
                String name = "Name" + i;
                assertThat(a.updateMe(token, body("first_name", name)).status()).isEqualTo(200);
                assertThat(firstName(a.me(token))).as("the committed name after update %d", i).isEqualTo(name);
                assertThat(firstName(a.me(token))).isEqualTo(name);
            }
        } finally {
            reading.set(false);
            for (Future<?> f : running) {
                f.get();
            }
            readers.shutdown();
        }
    }

    @Test
    void meWithAWarmCacheRunsNoSql() {
        String token = signedUpCustomerToken();
        var statements = CountedStatements.of(dataSource);
        statements.reset();
        assertThat(a.me(token).status()).isEqualTo(200);
        assertThat(statements.requestStatements()).as("a cold /me reads the database (the counter counts)").isPositive();

        // This instance's own change (the sign-up linked the identity) comes back through the change log once
        // and evicts again; the steady state begins after that.
        awaitUntil(() -> {
            statements.reset();
            a.me(token);
            return statements.requestStatements();
        }, count -> count == 0, Duration.ofSeconds(2), System.nanoTime(), "a /me without SQL");

        statements.reset();
        for (int i = 0; i < 50; i++) {
            assertThat(a.me(token).status()).isEqualTo(200);
        }
        assertThat(statements.requestStatements()).as("SQL sent by 50 warm /me requests").isZero();
    }

    private String signedUpCustomerToken() {
        return signedUpCustomerToken(StoreApi.newEmail());
    }

    private String signedUpCustomerToken(String email) {
        a.signUpWithEmail(email);
        Response login = a.loginEmail(email, PASSWORD);
        assertThat(login.status()).as("login: %s", login).isEqualTo(200);
        return login.text("token");
    }

    private static String firstName(Response me) {
        return me.body().path("customer").path("first_name").asString();
    }

    private static String bHealth() {
        return get("http://127.0.0.1:" + secondInstance().getEnvironment().getProperty("local.management.port") + "/actuator/health");
    }

    private static String bMetrics() {
        return get("http://127.0.0.1:" + secondInstance().getEnvironment().getProperty("local.management.port") + "/actuator/prometheus");
    }

    private static String get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code call} until {@code done}; fails when that takes longer than {@code within} after {@code since}. */
    private static <T> T awaitUntil(Supplier<T> call, Predicate<T> done, Duration within, long since, String what) {
        T last;
        do {
            last = call.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() - since <= within.toNanos());
        throw new AssertionError(what + ": not within " + within.toMillis() + " ms; last answer " + last);
    }
}
