package registration.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static registration.deletion.AccountDeletionCompletionHttpTests.awaitStatus;
import static registration.deletion.AccountDeletionCompletionHttpTests.sleep;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.github.kagkarlsson.scheduler.Scheduler;

import io.micrometer.core.instrument.MeterRegistry;
import registration.CustomerRegistrationApplication;
import registration.admin.CreateAdminCommand;
import registration.admin.TestAdmins;
import registration.config.DbTime;
import registration.support.Mailbox;
import registration.support.NoVerificationHttpTest;
import registration.support.StoreApi.Response;
import registration.support.StoreApi;
import registration.support.TestClock;
import registration.support.TestServices;
import tools.jackson.databind.JsonNode;

/**
 * The completion job against the clock: scheduled-days = 0.005 (7.2 minutes, within the life of a cancel
 * code), with time moved forward by the test clock. Every test first moves this context's clock a year
 * ahead, so that no other test context sharing the database (their clocks are near real time) sweeps this
 * class's requests — and the context is closed afterwards, so that its sweeps leave the others' alone.
 * The two-instance tests start further instances of the whole application on the same PostgreSQL database.
 */
@NoVerificationHttpTest
@DirtiesContext
// This context polls for the sweep ten times as often as the JVM's other contexts, so that it wins the sweep's one
// execution row nearly every second; only its clock sees the requests of these tests as due.
@TestPropertySource(properties = {"customer-registration.account-deletion-request.scheduled-days=0.005",
        "db-scheduler.polling-interval=100ms"})
class AccountDeletionSchedulingHttpTests {

    static final Duration GRACE = Duration.ofMillis(432_000);
    static final String COMPLETED = "customer_registration.account_deletions.completed";

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    record Scheduled(String requestId, String customerId, String email) {
    }

    @BeforeEach
    void moveAheadOfEveryOtherTestContext() {
        clock.advance(Duration.ofDays(365));
        // Confirmed requests other suites left behind are due for this clock now: finish them first, so that what
        // the tests count is their own. Directly, not by waiting for this context's scheduler: the sweep's one
        // execution row goes to whichever of the JVM's contexts polls first, and the others' clocks see nothing due.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (dueNow() > 0 && System.nanoTime() < deadline) {
            context.getBean(DeletionJob.class).completeDue();
            sleep(200);
        }
        assertThat(dueNow()).isZero();
    }

    @Test
    void aConfirmedDeletionWaitsForItsScheduledTimeThenCompletes() {
        Scheduled deletion = scheduleDeletion();

        clock.advance(GRACE.minusSeconds(30));
        sleep(2500); // two sweeps and more
        assertThat(statusOf(deletion.requestId())).isEqualTo("confirmed");
        assertThat(api.loginEmail(deletion.email(), PASSWORD).text("code")).isEqualTo("account_deletion_scheduled");

        clock.advance(Duration.ofSeconds(31));
        JsonNode completed = awaitStatus(api, TestAdmins.loginToken(context, api), deletion.requestId(), "completed");
        assertThat(completed.path("email").isNull()).isTrue();
        assertThat(api.loginEmail(deletion.email(), PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void cancelConfirmAfterTheDeletionWasCompletedIsAConflict() {
        Scheduled deletion = scheduleDeletion();
        String cancelToken = api.requestDeletionCancel(body("email", deletion.email())).text("token");
        String cancelCode = mailbox.code(deletion.email(), 3);

        clock.advance(GRACE.plusSeconds(1));
        awaitStatus(api, TestAdmins.loginToken(context, api), deletion.requestId(), "completed");

        Response late = api.confirmDeletionCancel(cancelToken, cancelCode);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.text("type")).isEqualTo("conflict");
        assertThat(statusOf(deletion.requestId())).isEqualTo("completed");
    }

    @Test
    void twoInstancesOnOneDatabaseCompleteEachDueDeletionExactlyOnce() throws Exception {
        assumeTrue(TestServices.onPostgres(), "two instances need a shared server database");
        try (ConfigurableApplicationContext second = startInstance(clock)) {
            List<Scheduled> deletions = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                deletions.add(scheduleDeletion());
            }
            double before = completions(context) + completions(second);

            clock.advance(GRACE.plusSeconds(1));
            // Both instances' schedulers sweep; two direct sweeps on each instance race them as well.
            var pool = Executors.newFixedThreadPool(4);
            List<Callable<List<String>>> sweeps = new ArrayList<>();
            for (ApplicationContext instance : List.of(context, second, context, second)) {
                sweeps.add(() -> instance.getBean(DeletionJob.class).completeDue());
            }
            List<String> sweptDirectly = new ArrayList<>();
            for (Future<List<String>> sweep : pool.invokeAll(sweeps)) {
                sweptDirectly.addAll(sweep.get());
            }
            pool.shutdown();
            String admin = TestAdmins.loginToken(context, api);
            for (Scheduled deletion : deletions) {
                awaitStatus(api, admin, deletion.requestId(), "completed");
            }

            assertThat(sweptDirectly).doesNotHaveDuplicates();
            assertThat(completions(context) + completions(second) - before).isEqualTo(deletions.size());
            for (Scheduled deletion : deletions) {
                assertThat(jdbc.sql("SELECT deleted_at FROM customer WHERE id = :id").param("id", deletion.customerId())
                        .query().singleValue()).isNotNull();
            }
        }
    }

    @Test
    void deletionsThatFellDueWhileNoInstanceWasUpAreCompletedOnceOneStarts() {
        assumeTrue(TestServices.onPostgres(), "a second instance needs a shared server database");
        Scheduled deletion = scheduleDeletion();
        sleep(2500);
        assertThat(statusOf(deletion.requestId())).isEqualTo("confirmed");

        // The instance that comes back after an outage longer than the grace period.
        try (ConfigurableApplicationContext restarted = startInstance(Clock.offset(clock, GRACE.plusMinutes(30)))) {
            awaitStatus(api, TestAdmins.loginToken(context, api), deletion.requestId(), "completed");
            assertThat(completions(restarted)).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void theCreateAdminCommandRunsNoScheduler() {
        List<String> args = new ArrayList<>(List.of("--email=" + StoreApi.newEmail(), "--password=admin-password-1"));
        TestServices.properties().forEach(p -> args.add("--" + p));
        var app = new SpringApplication(CustomerRegistrationApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setAdditionalProfiles(CreateAdminCommand.PROFILE);
        try (ConfigurableApplicationContext command = app.run(args.toArray(String[]::new))) {
            assertThat(command.getBeanNamesForType(Scheduler.class)).isEmpty();
        }
    }

    /** A new customer with a confirmed deletion (mail #1 the code, #2 the notice). */
    @Test
    void aDeletionWhoseCancelFlowIsLockedWaitsUntilADayAfterTheLockEnds() {
        Scheduled deletion = scheduleDeletion();
        // Anyone who knows the address can lock the cancel flow with wrong codes; the owner must not lose data.
        lockCancelFlow(deletion.email());
        Instant lockEnds = clock.instant().plus(Duration.ofHours(24));

        clock.advance(GRACE.plusSeconds(1));
        context.getBean(DeletionJob.class).completeDue();
        assertThat(statusOf(deletion.requestId())).isEqualTo("confirmed");
        assertThat(scheduledFor(deletion.requestId()))
                .isBetween(lockEnds.plus(Duration.ofHours(24)).minusSeconds(60), lockEnds.plus(Duration.ofHours(24)).plusSeconds(60));

        clock.advance(Duration.ofHours(25)); // the lock is over, but the owner has not had a day yet
        context.getBean(DeletionJob.class).completeDue();
        assertThat(statusOf(deletion.requestId())).isEqualTo("confirmed");

        clock.advance(Duration.ofHours(23));
        awaitStatus(api, TestAdmins.loginToken(context, api), deletion.requestId(), "completed");
    }

    @Test
    void postponementsAddUpToAtMostSevenDays() {
        Scheduled deletion = scheduleDeletion();
        Instant firstDue = scheduledFor(deletion.requestId());

        int days = 0;
        while (!"completed".equals(statusOf(deletion.requestId())) && days < 10) {
            lockCancelFlow(deletion.email()); // the attacker locks it again each time the lock has ended
            clock.advance(Duration.ofHours(24).plusMinutes(1));
            days++;
            context.getBean(DeletionJob.class).completeDue();
        }

        assertThat(statusOf(deletion.requestId())).isEqualTo("completed");
        assertThat(days).as("postponed while the attacker kept the flow locked").isGreaterThanOrEqualTo(7);
        Instant completedAt = jdbc.sql("SELECT completed_at FROM account_deletion_request WHERE id = :id")
                .param("id", deletion.requestId()).query((rs, n) -> DbTime.read(rs, "completed_at")).single();
        assertThat(completedAt).isBetween(firstDue.plus(Duration.ofDays(7)), firstDue.plus(Duration.ofDays(8)));
    }

    /** Two cancel codes a throttle apart, ten wrong codes across them: the eleventh attempt is locked out. */
    private void lockCancelFlow(String email) {
        String token = null;
        for (int send = 0; send < 2; send++) {
            if (send > 0) {
                clock.advance(Duration.ofSeconds(61));
            }
            token = api.requestDeletionCancel(body("email", email)).text("token");
            for (int i = 0; i < 5; i++) {
                assertThat(api.confirmDeletionCancel(token, "ZZZZZZ").status()).isEqualTo(400);
            }
        }
        assertThat(api.confirmDeletionCancel(token, "ZZZZZZ").text("code")).isEqualTo("otp_locked");
    }

    private Instant scheduledFor(String requestId) {
        return jdbc.sql("SELECT scheduled_for FROM account_deletion_request WHERE id = :id")
                .param("id", requestId).query((rs, n) -> DbTime.read(rs, "scheduled_for")).single();
    }

    private Scheduled scheduleDeletion() {
        String email = StoreApi.newEmail();
        String customerId = api.signUpWithEmail(email).customer().path("id").asString();
        String token = api.loginEmail(email, PASSWORD).text("token");
        String requestToken = api.requestDeletion(token, body()).text("token");
        Response confirmed = api.confirmDeletion(requestToken, mailbox.code(email, 1));
        assertThat(confirmed.status()).isEqualTo(200);
        mailbox.awaitMessage(email, 2);
        return new Scheduled(confirmed.body().path("request").path("id").asString(), customerId, email);
    }

    private long dueNow() {
        return jdbc.sql("SELECT COUNT(*) FROM account_deletion_request WHERE status = 'confirmed' AND scheduled_for <= :now")
                .param("now", DbTime.of(clock.instant())).query(Long.class).single();
    }

    private String statusOf(String requestId) {
        return jdbc.sql("SELECT status FROM account_deletion_request WHERE id = :id").param("id", requestId)
                .query(String.class).single();
    }

    private static double completions(ApplicationContext instance) {
        return instance.getBean(MeterRegistry.class).counter(COMPLETED).count();
    }

    /** Another instance of the whole application on this JVM's test database, with the given clock. */
    private static ConfigurableApplicationContext startInstance(Clock clock) {
        List<String> args = new ArrayList<>();
        TestServices.properties().forEach(p -> args.add("--" + p));
        args.add("--server.port=0");
        args.add("--customer-registration.account-deletion-request.scheduled-days=0.005");
        args.add("--customer-registration.registration.require-verification=false");
        args.add("--db-scheduler.polling-interval=100ms");
        var app = new SpringApplication(CustomerRegistrationApplication.class);
        app.addInitializers(context -> context.getBeanFactory().registerSingleton("clock", clock));
        return app.run(args.toArray(String[]::new));
    }
}
