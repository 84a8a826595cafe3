package registration.notification;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * Wakes this instance's dispatcher workers as soon as a message is committed, instead of waiting for their next
 * poll. Wake-ups beyond the number of workers add nothing (each woken worker drains everything that is due).
 */
@Component
class DispatchSignal {

    private final Semaphore permits = new Semaphore(0);
    private final int workers;

    DispatchSignal(NotificationSettings settings) {
        this.workers = settings.dispatch().threads();
    }

    void wake() {
        if (permits.availablePermits() < workers) {
            permits.release();
        }
    }

    /** Waits until woken or {@code timeout} passes. */
    void await(Duration timeout) throws InterruptedException {
        permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
