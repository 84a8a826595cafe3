package registration.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import registration.support.HttpTest;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import registration.support.TcpProxy;
import registration.support.TestServices;

/**
 * The database goes away under the service (issue 23): this instance reaches PostgreSQL through a {@link TcpProxy}
 * that cuts the connections (a restarted or crashed server) or goes silent (a hung server, a dropped partition,
 * which only timeouts can notice). While it is away, requests answer 503 {@code database_unavailable} with
 * Retry-After within seconds instead of piling up; readiness goes DOWN and liveness stays UP; once it answers
 * again the service serves within a second or so, and what was acknowledged before is still there. The waits are
 * the production ones scaled down by this test (1 s for a connection, 2 s of socket silence).
 */
@HttpTest
@EnabledIfSystemProperty(named = "test.db", matches = "postgres", disabledReason = "a TCP fault needs a networked database")
@TestPropertySource(properties = {
        "spring.datasource.hikari.connection-timeout=1000",
        "spring.datasource.hikari.validation-timeout=500",
        "spring.datasource.hikari.data-source-properties.socketTimeout=2",
        "spring.datasource.hikari.data-source-properties.loginTimeout=2",
        "spring.datasource.hikari.data-source-properties.connectTimeout=1",
        "customer-registration.registration.require-verification=false",
        "logging.level.registration.web.ApiErrorHandler=ERROR"})
class DatabaseOutageHttpTests {

    private static final Duration FAILS_WITHIN = Duration.ofSeconds(5);
    private static TcpProxy postgres;

    @Autowired
    StoreApi api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Flyway flyway;

    @DynamicPropertySource
    static void throughProxy(DynamicPropertyRegistry registry) {
        postgres = new TcpProxy(5432);
        registry.add("spring.datasource.url", () -> TestServices.databaseUrl().replace(":5432/", ":" + postgres.port() + "/"));
    }

    @AfterEach
    void databaseBack() {
        postgres.heal();
        postgres.start();
        eventually(() -> api.get("/readyz", null), r -> r.status() == 200, Duration.ofSeconds(10));
    }

    @AfterAll
    static void closeProxy() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aCutDatabaseAnswers503WithRetryAfterAndComesBackAtOnce() throws Exception {
        String acknowledged = StoreApi.newEmail();
        assertThat(api.signUpWithEmail(acknowledged).status()).isEqualTo(200);

        postgres.stop();

        assertUnavailableFast();
        assertConcurrentRequestsDoNotPileUp();
        assertNotReadyButAlive();

        postgres.start();
        assertServesAgainWithin(Duration.ofMillis(1500));
        assertThat(api.loginEmail(acknowledged, StoreApi.PASSWORD).status()).as("acknowledged before the cut").isEqualTo(200);
    }

    @Test
    void aSilentDatabaseAnswers503WithinSecondsNotAfterTheDefault30() throws Exception {
        String acknowledged = StoreApi.newEmail();
        assertThat(api.signUpWithEmail(acknowledged).status()).isEqualTo(200);

        postgres.blackhole();

        assertUnavailableFast();
        assertConcurrentRequestsDoNotPileUp();
        assertNotReadyButAlive();

        postgres.heal();
        assertServesAgainWithin(Duration.ofMillis(1500));
        assertThat(api.loginEmail(acknowledged, StoreApi.PASSWORD).status()).as("acknowledged before the silence").isEqualTo(200);
    }

    @Test
    void migrationsRunOnConnectionsOfTheirOwnThatTheRequestSocketTimeoutDoesNotCut() throws Exception {
        // a request's statement silent for longer than socketTimeout (2 s here) is cut…
        assertThatThrownBy(() -> jdbc.sql("SELECT pg_sleep(3)").query().singleValue())
                .satisfies(e -> assertThat(DatabaseUnavailable.causes(e)).isTrue());
        // …a migration's is not (an index built over a big table)
        try (var connection = flyway.getConfiguration().getDataSource().getConnection();
             var statement = connection.createStatement()) {
            assertThat(statement.execute("SELECT pg_sleep(3)")).isTrue();
        }
    }

    private void assertUnavailableFast() {
        long start = System.nanoTime();
        Response refused = api.registerEmail(StoreApi.newEmail(), StoreApi.PASSWORD);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.text("type")).isEqualTo("service_unavailable");
        assertThat(refused.text("code")).isEqualTo("database_unavailable");
        assertThat(refused.header("Retry-After")).hasValue("5");
        assertThat(took).isLessThan(FAILS_WITHIN);
    }

    /** Twenty requests at once all get their 503 within seconds: none waits for a peer that will not answer. */
    private void assertConcurrentRequestsDoNotPileUp() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            long start = System.nanoTime();
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(clients.submit(() -> api.loginEmail(StoreApi.newEmail(), StoreApi.PASSWORD)));
            }
            for (Future<Response> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(503);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAILS_WITHIN.multipliedBy(2));
        } finally {
            clients.shutdownNow();
        }
    }

    private void assertNotReadyButAlive() {
        Response ready = eventually(() -> api.get("/readyz", null), r -> r.status() == 503, FAILS_WITHIN);
        assertThat(ready.status()).as("readiness while the database is away").isEqualTo(503);
        assertThat(ready.text("status")).isEqualTo("DOWN");
        Response alive = api.get("/livez", null);
        assertThat(alive.status()).as("liveness: a restart would not help; " + alive.raw().body()).isEqualTo(200);
    }

    private void assertServesAgainWithin(Duration limit) {
        long start = System.nanoTime();
        Response served = eventually(() -> api.registerEmail(StoreApi.newEmail(), StoreApi.PASSWORD),
                r -> r.status() == 200, Duration.ofSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(served.status()).isEqualTo(200);
        assertThat(took).as("time to serve again after the database answers").isLessThan(limit);
        assertThat(eventually(() -> api.get("/readyz", null), r -> r.status() == 200, Duration.ofSeconds(3)).status())
                .as("ready again").isEqualTo(200);
    }

    private static Response eventually(Supplier<Response> call, Predicate<Response> done, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        Response last = call.get();
        while (!done.test(last) && System.nanoTime() < end) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            last = call.get();
        }
        return last;
    }
}
