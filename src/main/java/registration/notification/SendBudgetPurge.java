package registration.notification;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import registration.config.Retention;

/**
 * Deletes send-budget counters that count nothing any more (both their windows are over), every hour: one row
 * per address ever sent a code would otherwise stay for good.
 */
@Configuration(proxyBeanMethods = false)
class SendBudgetPurge {

    private final SendBudgets budgets;
    private final Clock clock;

    SendBudgetPurge(SendBudgets budgets, Clock clock) {
        this.budgets = budgets;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> sendBudgetPurgeTask() {
        return Retention.hourly("send-budget-purge", this::purge);
    }

    /** Returns how many counters it deleted. */
    int purge() {
        return Retention.purge(clock, Duration.ZERO, budgets::deleteIdleBefore);
    }
}
