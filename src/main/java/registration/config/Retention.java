package registration.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

/**
 * Rows that have outlived their use, deleted every hour by a db-scheduler recurring task (one instance at a
 * time across the cluster), in batches of a thousand so that no statement holds its locks for long.
 */
public final class Retention {

    private static final int BATCH = 1000;
    private static final Duration EVERY = Duration.ofHours(1);

    private Retention() {
    }

    /** A {@code DELETE} of at most {@code limit} rows older than {@code cutoff}; returns how many it deleted. */
    @FunctionalInterface
    public interface Deletion {
        int deleteBefore(Instant cutoff, int limit);
    }

    /** The hourly recurring task {@code name} that runs {@code purge}. */
    public static RecurringTask<Void> hourly(String name, IntSupplier purge) {
        return Tasks.recurring(name, Schedules.fixedDelay(EVERY)).execute((instance, context) -> purge.getAsInt());
    }

    /** Deletes, batch after batch, what {@code deletion} finds older than {@code kept} ago; returns how many. */
    public static int purge(Clock clock, Duration kept, Deletion deletion) {
        Instant cutoff = clock.instant().minus(kept);
        int total = 0;
        int deleted;
        do {
            deleted = deletion.deleteBefore(cutoff, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
