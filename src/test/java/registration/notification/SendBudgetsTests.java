package registration.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import registration.support.NoVerificationHttpTest;
import registration.support.SmsInbox;
import registration.support.StoreApi;
import registration.support.TestClock;

/**
 * Send budgets (SPEC §10, §11 "Owner first"), with small settings, on the real database shared by every instance:
 * what an attacker who triggers codes to a victim's number, or pumps SMS to numbers he is paid for, runs into.
 * Codes ask {@link SendBudgets#tryReserveCode} (the OTP flows call it and answer 429 {@code send_budget_exceeded});
 * notices go through {@link Notifications#enqueue} as the features queue them.
 */
@NoVerificationHttpTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "customer-registration.notifications.budgets.sms-per-destination=3",
        "customer-registration.notifications.budgets.emails-per-destination=2",
        "customer-registration.notifications.budgets.sms-per-hour-by-country.de=2",
        "customer-registration.notifications.budgets.sms-per-hour=8",
        "customer-registration.phone.sms-regions=US,DE"})
class SendBudgetsTests {

    @Autowired
    SendBudgets budgets;
    @Autowired
    Notifications notifications;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SmsInbox sms;
    @Autowired
    TestClock clock;
    @Autowired
    MeterRegistry meters;
    @Autowired
    StoreApi api;

    @BeforeEach
    void freshCountryAndGlobalCounters() { // shared by every test of this class; destinations are new in each
        jdbc.sql("DELETE FROM send_budget WHERE budget_key LIKE 'sms:country:%' OR budget_key = 'sms:all'").update();
    }

    @Test
    void aNumberAndAnAddressGetNoMoreCodesThanTheirBudgetAndTheCountersNeverHoldThem() {
        String phone = StoreApi.newPhone();
        String email = StoreApi.newEmail();

        assertThat(reserveTimes(Channel.SMS, phone, 4)).containsExactly(true, true, true, false);
        assertThat(reserveTimes(Channel.EMAIL, email, 3)).containsExactly(true, true, false);
        assertThat(budgets.tryReserveCode(Channel.SMS, StoreApi.newPhone())).as("another number").isTrue();
        assertThat(budgets.tryReserveCode(Channel.EMAIL, email.toUpperCase())).as("the address however written").isFalse();

        List<String> keys = jdbc.sql("SELECT budget_key FROM send_budget").query(String.class).list();
        assertThat(keys).noneMatch(k -> k.contains(phone.substring(1)) || k.contains(email) || k.contains(email.split("@")[0]));
    }

    @Test
    void twoSendsAtOnceCannotBothTakeTheLastUnit() throws Exception {
        String email = StoreApi.newEmail(); // budget 2
        int senders = 8;
        var start = new CountDownLatch(1);
        var granted = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            Thread t = new Thread(() -> transaction.executeWithoutResult(s -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                    if (budgets.tryReserveCode(Channel.EMAIL, email)) {
                        granted.incrementAndGet();
                        Thread.sleep(100); // the unit stays taken and locked while the others arrive
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            threads.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(granted.get()).isEqualTo(2);
    }

    @Test
    void aRefusedCodeOrARolledBackSendCostsNothing() {
        String email = StoreApi.newEmail();
        transaction.executeWithoutResult(s -> {
            assertThat(budgets.tryReserveCode(Channel.EMAIL, email)).isTrue();
            s.setRollbackOnly(); // the use case failed after asking: its unit comes back
        });
        assertThat(reserveTimes(Channel.EMAIL, email, 3)).containsExactly(true, true, false);
    }

    @Test
    void theBudgetComesBackAsItsWindowSlidesBy() {
        // Start an hour into a 24 h window: were a window to turn within the next 12 h, the sliding estimate would
        // weigh the earlier sends at less than their full count and rightly allow one more.
        long day = Duration.ofHours(24).toMillis();
        clock.advance(Duration.ofMillis(day - clock.millis() % day).plusHours(1));
        String email = StoreApi.newEmail();
        assertThat(reserveTimes(Channel.EMAIL, email, 3)).containsExactly(true, true, false);
        clock.advance(Duration.ofHours(12));
        assertThat(budgets.tryReserveCode(Channel.EMAIL, email)).as("half a day later").isFalse();
        clock.advance(Duration.ofHours(37)); // past the window and the one before it
        assertThat(reserveTimes(Channel.EMAIL, email, 3)).containsExactly(true, true, false);
    }

    @Test
    void aCountryOverItsHourlyBudgetGetsNoMoreSmsNotEvenNotices() {
        assertThat(budgets.tryReserveCode(Channel.SMS, germanPhone())).isTrue();
        assertThat(budgets.tryReserveCode(Channel.SMS, germanPhone())).isTrue();
        assertThat(budgets.tryReserveCode(Channel.SMS, germanPhone())).as("a third German number this hour").isFalse();
        assertThat(budgets.tryReserveCode(Channel.SMS, StoreApi.newPhone())).as("a US number").isTrue();

        String german = germanPhone();
        double dropped = dropped("password_changed_notice", "budget");
        transaction.executeWithoutResult(s -> notifications.enqueue(Channel.SMS, german, "password_changed_notice",
                Map.of("customer", Map.of())));
        assertThat(queuedFor(german)).isZero();
        assertThat(dropped("password_changed_notice", "budget")).isEqualTo(dropped + 1);
    }

    @Test
    void theGlobalSmsBudgetCapsEverySmsAndLeavesEmailAlone() {
        for (int i = 0; i < 8; i++) {
            assertThat(budgets.tryReserveCode(Channel.SMS, StoreApi.newPhone())).isTrue();
        }
        assertThat(budgets.tryReserveCode(Channel.SMS, StoreApi.newPhone())).as("the ninth SMS this hour").isFalse();
        assertThat(budgets.tryReserveCode(Channel.EMAIL, StoreApi.newEmail())).isTrue();
    }

    @Test
    void aSecurityNoticeReachesTheOwnerWhoseNumberHasSpentItsCodeBudget() {
        String phone = StoreApi.newPhone();
        assertThat(reserveTimes(Channel.SMS, phone, 4)).containsExactly(true, true, true, false); // an attacker's sends

        transaction.executeWithoutResult(s -> notifications.enqueue(Channel.SMS, phone, "password_changed_notice",
                Map.of("customer", Map.of())));

        assertThat(sms.awaitMessage(phone, 1).purpose()).isEqualTo("password_changed_notice");
    }

    @Test
    void aNoticeToACountryOutsideTheSmsRegionsIsDroppedWithoutFailingItsRequest() {
        String french = frenchPhone();
        double dropped = dropped("contact_changed_notice", "region");

        transaction.executeWithoutResult(s -> notifications.enqueue(Channel.SMS, french, "contact_changed_notice",
                Map.of("customer", Map.of(), "field", "email")));

        assertThat(queuedFor(french)).isZero();
        assertThat(dropped("contact_changed_notice", "region")).isEqualTo(dropped + 1);
        String american = StoreApi.newPhone();
        transaction.executeWithoutResult(s -> notifications.enqueue(Channel.SMS, american, "contact_changed_notice",
                Map.of("customer", Map.of(), "field", "email")));
        sms.awaitMessage(american, 1);
        assertThat(sms.messagesFor(french)).isEmpty();
    }

    @Test
    void aContactChangeStillSucceedsWhenItsNoticeToAnOldNumberAbroadIsDropped() {
        // Email mode: any customer may put any number on the account, and changing it texts the old one. With a
        // region list, that notice must not become a way to text premium-rate numbers abroad.
        String email = StoreApi.newEmail();
        String french = frenchPhone();
        String american = StoreApi.newPhone();
        String registration = api.registerEmail(email, StoreApi.PASSWORD).text("token");
        assertThat(api.createCustomer(registration, StoreApi.body("email", email, "phone", french)).status()).isEqualTo(200);
        String login = api.loginEmail(email, StoreApi.PASSWORD).text("token");
        double dropped = dropped("contact_changed_notice", "region");

        var requested = api.requestContactChange(login, StoreApi.body("phone", american));
        var verified = api.verifyContactChange(login, requested.text("token"), sms.lastCode(american));

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().path("customer").path("phone").asString()).isEqualTo(american);
        assertThat(dropped("contact_changed_notice", "region")).isEqualTo(dropped + 1);
        assertThat(queuedFor(french)).isZero();
    }

    @Test
    void startsWithoutTheSmsRegionsWarningWhenTheRegionsAreListed(CapturedOutput output) {
        assertThat(output.getAll()).doesNotContain("customer-registration.phone.sms-regions");
    }

    private List<Boolean> reserveTimes(Channel channel, String recipient, int times) {
        List<Boolean> answers = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            answers.add(transaction.execute(s -> budgets.tryReserveCode(channel, recipient)));
        }
        return answers;
    }

    /** A French mobile number (06 1x xx xx xx: not every 06 number is assigned, and a strict check refuses those). */
    private static String frenchPhone() {
        return "+3361" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    private static String germanPhone() {
        return "+49151" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private int queuedFor(String recipient) {
        return jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE recipient = :r").param("r", recipient)
                .query(Integer.class).single();
    }

    private double dropped(String purpose, String reason) {
        var counter = meters.find("customer_registration.notifications.dropped").tag("channel", "sms")
                .tag("purpose", purpose).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
