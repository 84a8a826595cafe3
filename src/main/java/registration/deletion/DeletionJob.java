package registration.deletion;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import registration.customer.Customers;

/**
 * Carries out the deletions that are due: every {@code account-deletion-request.sweep-interval}, as a
 * db-scheduler recurring task. The task's one execution row lives in {@code scheduled_tasks}, so it survives
 * restarts (whatever fell due while no instance ran is done at the first sweep after start) and only one
 * instance runs it at a time. Each request is claimed with a conditional UPDATE as well, so that a request is
 * completed exactly once even if two sweeps — or a sweep and a cancellation — meet.
 */
@Configuration(proxyBeanMethods = false)
class DeletionJob {

    static final String TASK = "account-deletion-sweep";
    private static final Logger log = LoggerFactory.getLogger(DeletionJob.class);
    private static final int BATCH = 100;

    private final DeletionRequests requests;
    private final Customers customers;
    private final AccountErasure erasure;
    private final DeletionPostponements postponements;
    private final TransactionTemplate transaction;

    DeletionJob(DeletionRequests requests, Customers customers, AccountErasure erasure,
                DeletionPostponements postponements, PlatformTransactionManager transactions) {
        this.postponements = postponements;
        this.requests = requests;
        this.customers = customers;
        this.erasure = erasure;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Bean
    RecurringTask<Void> accountDeletionSweep(DeletionSettings settings) {
        return Tasks.recurring(TASK, Schedules.fixedDelay(settings.sweepInterval()))
                .execute((instance, context) -> completeDue());
    }

    /**
     * Completes every due request, batch after batch; returns the ids this call completed. A request that
     * fails is left confirmed and retried at the next sweep, so one bad row cannot hold up the others.
     */
    List<String> completeDue() {
        List<String> done = new ArrayList<>();
        List<DeletionRequests.Due> due;
        boolean progress;
        do {
            due = requests.findDue(BATCH);
            progress = false;
            for (DeletionRequests.Due request : due) {
                try {
                    if (Boolean.TRUE.equals(transaction.execute(status -> complete(request)))) {
                        done.add(request.id());
                    }
                    progress = true;
                } catch (RuntimeException e) {
                    // Only the exception's class: database messages may quote the erased values.
                    log.warn("Could not complete account deletion request {}; retrying at the next sweep ({})",
                            request.id(), e.getClass().getSimpleName());
                }
            }
        } while (due.size() == BATCH && progress);
        return done;
    }

    /**
     * One deletion, in one transaction: claim, then the {@link AccountErasure} —
     * unless the customer's cancel flow is locked, which postpones it ({@link DeletionPostponements}).
     */
    private boolean complete(DeletionRequests.Due request) {
        var owner = customers.findById(request.customerId());
        if (postponements.postponeIfCancelBlocked(request, owner.map(c -> c.email()).orElse(null),
                owner.map(c -> c.phone()).orElse(null))) {
            return false;
        }
        if (!requests.claimCompletion(request.id())) {
            return false; // another instance did it, or the customer cancelled just now
        }
        erasure.erase(request.id(), request.customerId());
        return true;
    }
}
