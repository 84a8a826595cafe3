package registration.notification;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * Wakes this instance's dispatcher workers as soon as a message is committed, instead of waiting for their next
 * poll. Wake-ups beyond the number of workers add nothing (each woken worker drains everything that is due).
 * The first-attempts worker has a permit of its own: a new code must not wait for a worker that is busy retrying.
 */
@Component
class DispatchSignal {

    private final Semaphore permits = new Semaphore(0);
    private final Semaphore firstAttempts = new Semaphore(0);
    private final int workers;

    DispatchSignal(NotificationSettings settings) {
        this.workers = settings.dispatch().threads();
    }

    void wake() {
        if (permits.availablePermits() < workers) {
            permits.release();
        }
        if (firstAttempts.availablePermits() == 0) {
            firstAttempts.release();
        }
    }

    /** Waits until woken or {@code timeout} passes; {@code firstAttemptsWorker} names the worker's own permit. */
    void await(Duration timeout, boolean firstAttemptsWorker) throws InterruptedException {
        (firstAttemptsWorker ? firstAttempts : permits).tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
