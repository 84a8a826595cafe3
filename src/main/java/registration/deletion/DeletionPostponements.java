package registration.deletion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import registration.otp.OtpPurpose;
import registration.otp.OtpService;

/**
 * A lock must never lose data (SPEC §10, §11): while the customer cannot cancel — the cancel flow's codes are
 * locked after too many wrong codes, or a send budget held the cancel code back, either of which anyone who
 * knows the address can cause — the deletion waits until a day after the lock ends (or after the refused
 * send), so the owner has a day to cancel. Postponements add up to at most
 * {@link #MAX_TOTAL} past the first due date, so an attacker cannot keep an account alive forever either.
 */
@Component
class DeletionPostponements {

    static final Duration AFTER_LOCK = Duration.ofHours(24);
    static final Duration MAX_TOTAL = Duration.ofDays(7);
    private static final Logger log = LoggerFactory.getLogger(DeletionPostponements.class);

    private final DeletionRequests requests;
    private final OtpService otps;
    private final Clock clock;

    DeletionPostponements(DeletionRequests requests, OtpService otps, Clock clock) {
        this.requests = requests;
        this.otps = otps;
        this.clock = clock;
    }

    /**
     * The owner asked to cancel and got no code (a send budget held it back): the customer's confirmed request
     * is not carried out before {@link #AFTER_LOCK} from now.
     */
    void postponeForBlockedCancel(String customerId) {
        requests.findConfirmedId(customerId).ifPresent(id -> {
            if (requests.postpone(id, clock.instant().plus(AFTER_LOCK), MAX_TOTAL)) {
                log.warn("Account deletion request {} postponed: its cancel code was held back by a send budget", id);
            }
        });
    }

    /**
     * Moves the due request later when its customer's cancel flow is or was recently locked; true when it did
     * (the sweep then leaves it for later). The addresses are the customer's current email and phone — those
     * {@code cancel-request} accepts.
     */
    boolean postponeIfCancelBlocked(DeletionRequests.Due request, String email, String phone) {
        List<String> identifiers = new ArrayList<>();
        Optional.ofNullable(email).ifPresent(identifiers::add);
        Optional.ofNullable(phone).ifPresent(identifiers::add);
        Optional<Instant> notBefore = otps.latestLockEndOfIdentifiers(identifiers, OtpPurpose.ACCOUNT_DELETION_CANCEL)
                .map(end -> end.plus(AFTER_LOCK))
                .filter(clock.instant()::isBefore);
        if (notBefore.isEmpty()) {
            return false;
        }
        boolean moved = requests.postpone(request.id(), notBefore.get(), MAX_TOTAL);
        if (moved) {
            log.warn("Account deletion request {} postponed: its cancel flow is locked after too many wrong codes",
                    request.id());
        }
        return moved;
    }
}
