package registration.notification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import registration.keys.HmacSha256;
import registration.keys.ServiceKeys;
import registration.config.DbTime;
import registration.identifier.PhoneNumbers;

/**
 * Budgets on messages that cost money or annoy people (SPEC §10 "Send budgets"): per destination, per SMS
 * country per hour and global SMS per hour ({@link SendBudgetSettings}). A flow that is about to send a code asks
 * first; past a budget nothing is sent. Notices ({@link #admitNotice}) obey the SMS region allow-list and the
 * country and global budgets, never the per-destination one (SPEC §11 "Owner first").
 * <p>
 * The counters live in the {@code send_budget} table, so every instance shares them. Each is a sliding-window
 * counter: the count of the current fixed window plus the previous window's count weighted by the part of it that
 * still lies within one window length of now. No fixed window ever holds more than the budget, and a burst at
 * the end of one window is still counted at the start of the next. A unit is taken by one conditional
 * {@code UPDATE}: of two sends at once, the second waits for the first's row lock and re-checks the condition, so
 * they cannot both take the last unit. The row stays locked until the caller's transaction ends (sends to one
 * destination queue there; with the global budget on, all SMS sends do, for the rest of their transaction).
 * Destinations are keyed by an HMAC of the address, never the address.
 */
@Component
public class SendBudgets {

    private static final Logger log = LoggerFactory.getLogger(SendBudgets.class);
    private static final Duration HOUR = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final SendBudgetSettings settings;
    private final PhoneNumbers phones;
    private final DeliveryMetrics metrics;
    private final HmacSha256 destinationKey;
    private final Clock clock;

    SendBudgets(JdbcClient jdbc, SendBudgetSettings settings, PhoneNumbers phones, DeliveryMetrics metrics, ServiceKeys keys,
                Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.phones = phones;
        this.metrics = metrics;
        // Under the current master only: a rotated master starts every destination's budget afresh, once (the
        // budgets are 24 h windows; docs/signing-keys.md).
        this.destinationKey = new HmacSha256(keys.current("send-budget-destination").bytes());
        this.clock = clock;
    }

    /**
     * Whether a message carrying a code may go to {@code recipient} over {@code channel} now; when it may, the
     * send is counted against every budget it falls under: the destination's ({@code sms-per-destination} /
     * {@code emails-per-destination}), and for SMS its country's and the global one when they are on. When it may
     * not, nothing is counted. Call it inside the transaction that queues the message: a rollback returns the unit.
     */
    public boolean tryReserveCode(Channel channel, String recipient) {
        if (!settings.enabled() || channel == Channel.EVENT) {
            return true;
        }
        List<Budget> budgets = new ArrayList<>();
        budgets.add(destinationBudget(channel, recipient));
        if (channel == Channel.SMS) {
            budgets.addAll(smsBudgets(recipient));
        }
        return reserveAll(budgets, clock.instant());
    }

    /**
     * Spends the destination budget of {@code recipient} as a code would, for a decoy that reaches nobody: so that
     * on an enumeration-safe route an unknown address goes over budget exactly when a registered one would, and
     * the two answers stay alike. Country and global SMS budgets are left alone: no SMS is sent.
     */
    public boolean tryReserveDecoy(Channel channel, String recipient) {
        if (!settings.enabled() || channel == Channel.EVENT) {
            return true;
        }
        return reserveAll(List.of(destinationBudget(channel, recipient)), clock.instant());
    }

    /**
     * Whether a notice (a message carrying no code: password or contact changed, deletion scheduled, …) may be
     * queued: by SMS only to a country of {@code phone.sms-regions} and within the country and global SMS budgets.
     * A refused notice is dropped, counted ({@code customer_registration_notifications_dropped_total}) and logged
     * without the number; the request that caused it goes on.
     */
    boolean admitNotice(Channel channel, String recipient, String purpose) {
        if (channel != Channel.SMS) {
            return true;
        }
        if (!phones.allowsSmsTo(recipient)) {
            log.info("Dropped the {} notice by SMS: a number in {}, outside phone.sms-regions", purpose, regionName(recipient));
            metrics.dropped(channel, purpose, "region");
            return false;
        }
        if (settings.enabled() && !reserveAll(smsBudgets(recipient), clock.instant())) {
            log.warn("Dropped the {} notice by SMS to a number in {}: SMS budget spent", purpose, regionName(recipient));
            metrics.dropped(channel, purpose, "budget");
            return false;
        }
        return true;
    }

    private Budget destinationBudget(Channel channel, String recipient) {
        int limit = channel == Channel.SMS ? settings.smsPerDestination() : settings.emailsPerDestination();
        return new Budget(destinationKey(channel, recipient), limit, settings.destinationWindow());
    }

    /** The SMS budgets that are on for a number: its country's, then the global one (always in this order). */
    private List<Budget> smsBudgets(String phone) {
        List<Budget> budgets = new ArrayList<>(2);
        String region = phones.regionOf(phone);
        int perCountry = settings.smsPerHourTo(region);
        if (perCountry > 0) {
            budgets.add(new Budget("sms:country:" + (region == null ? "unknown" : region), perCountry, HOUR));
        }
        if (settings.smsPerHour() > 0) {
            budgets.add(new Budget("sms:all", settings.smsPerHour(), HOUR));
        }
        return budgets;
    }

    /**
     * Takes one unit of each budget, or none: a unit taken before a later budget refuses is given back. Rows are
     * locked in one order (destination, country, global), so two sends cannot deadlock on them.
     */
    private boolean reserveAll(List<Budget> budgets, Instant now) {
        List<Budget> taken = new ArrayList<>(budgets.size());
        for (Budget budget : budgets) {
            if (!reserve(budget, now)) {
                taken.forEach(t -> release(t, now));
                return false;
            }
            taken.add(budget);
        }
        return true;
    }

    private record Budget(String key, int limit, Duration window) {
    }

    private boolean reserve(Budget budget, Instant now) {
        long length = budget.window().toMillis();
        long window = now.toEpochMilli() / length;
        long remaining = (window + 1) * length - now.toEpochMilli(); // of the current window: 1 … length
        Instant idleAfter = Instant.ofEpochMilli((window + 2) * length); // then neither count matters any more
        int inserted = jdbc.sql("""
                INSERT INTO send_budget (budget_key, window_index, used, previous_used, idle_after)
                VALUES (:key, :window, 1, 0, :idleAfter) ON CONFLICT DO NOTHING""")
                .param("key", budget.key()).param("window", window).param("idleAfter", DbTime.of(idleAfter))
                .update();
        if (inserted == 1) {
            return true;
        }
        // previous_used × remaining / length + used < limit, in integers. The SET expressions read the row as it
        // was; the WHERE is re-checked on the row a concurrent taker left, after its transaction ends.
        return jdbc.sql("""
                UPDATE send_budget SET
                    previous_used = CASE WHEN window_index = :window THEN previous_used
                                         WHEN window_index = :window - 1 THEN used ELSE 0 END,
                    used = CASE WHEN window_index = :window THEN used + 1 ELSE 1 END,
                    window_index = :window,
                    idle_after = :idleAfter
                WHERE budget_key = :key AND CASE
                    WHEN window_index = :window THEN previous_used * :remaining + used * :length < :limit * :length
                    WHEN window_index = :window - 1 THEN used * :remaining < :limit * :length
                    ELSE TRUE END""")
                .param("key", budget.key()).param("window", window).param("idleAfter", DbTime.of(idleAfter))
                .param("remaining", remaining).param("length", length).param("limit", (long) budget.limit())
                .update() == 1;
    }

    /** Gives back a unit taken a moment ago (unless the window has turned since: then it has aged out anyway). */
    private void release(Budget budget, Instant now) {
        jdbc.sql("UPDATE send_budget SET used = used - 1 WHERE budget_key = :key AND window_index = :window AND used > 0")
                .param("key", budget.key()).param("window", now.toEpochMilli() / budget.window().toMillis())
                .update();
    }

    /** Deletes up to {@code limit} counters that no longer count anything; returns how many. */
    int deleteIdleBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                DELETE FROM send_budget
                WHERE budget_key IN (SELECT budget_key FROM send_budget WHERE idle_after < :cutoff LIMIT :limit)""")
                .param("cutoff", DbTime.of(cutoff)).param("limit", limit)
                .update();
    }

    private String destinationKey(Channel channel, String recipient) {
        byte[] hash = destinationKey.mac((channel.name() + ":" + recipient.trim().toLowerCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8));
        return channel.name().toLowerCase(Locale.ROOT) + ":to:" + HexFormat.of().formatHex(hash);
    }


    private String regionName(String phone) {
        String region = phones.regionOf(phone);
        return region == null ? "an unknown region" : region;
    }
}
