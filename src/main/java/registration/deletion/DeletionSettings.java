package registration.deletion;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/**
 * {@code customer-registration.account-deletion-request.*} as far as the lifecycle is concerned (its
 * {@code template} and {@code subject} belong to the notification feature, which binds the same prefix).
 *
 * @param scheduledDays how long a confirmed deletion waits before it is carried out; fractions allowed,
 *                      0 = at the next sweep
 * @param sweepInterval how often the completion job looks for due deletions
 */
@Validated
@ConfigurationProperties("customer-registration.account-deletion-request")
record DeletionSettings(@DefaultValue("7") @DecimalMin("0") @DecimalMax("36500") double scheduledDays,
                        @DefaultValue("1m") @NotNull @DurationMin(millis = 100) Duration sweepInterval) {

    DeletionSettings {
        if (Double.isNaN(scheduledDays)) {
            throw new IllegalArgumentException(
                    "customer-registration.account-deletion-request.scheduled-days must be a number of days >= 0");
        }
    }

    /** {@code scheduled-days} as a duration, to the millisecond. */
    Duration gracePeriod() {
        return Duration.ofMillis(Math.round(scheduledDays * Duration.ofDays(1).toMillis()));
    }
}
