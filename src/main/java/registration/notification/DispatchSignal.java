package registration.notification;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/** Wakes this instance's dispatcher as soon as a message is committed, instead of waiting for its next poll. */
@Component
class DispatchSignal {

    private final Semaphore permits = new Semaphore(0);

    void wake() {
        permits.release();
    }

    /** Waits until woken or {@code timeout} passes; swallows the wake-ups that piled up meanwhile. */
    void await(Duration timeout) throws InterruptedException {
        permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        permits.drainPermits();
    }
}
