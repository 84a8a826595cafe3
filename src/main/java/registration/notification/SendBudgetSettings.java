package registration.notification;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * {@code customer-registration.notifications.budgets.*}: how many messages may go out, counted in the database so
 * that every instance shares them (SPEC §10 "Send budgets"). Their own switch: {@code rate-limit.enabled=false}
 * does not turn them off.
 *
 * @param enabled                    {@code false} turns every budget off
 * @param smsPerDestination          codes by SMS to one number per {@code destination-window} (an attacker who
 *                                   texts a victim's number, or pumps SMS to a number he is paid for)
 * @param emailsPerDestination       codes by email to one address per {@code destination-window}
 * @param destinationWindow          the window of the two per-destination budgets
 * @param smsPerCountryPerHour       SMS (codes and notices) to one country per hour; 0 = off (the default)
 * @param smsPerHour                 all SMS per hour, the store's ceiling on SMS spend; 0 = off (the default)
 * @param smsPerHourByCountry        per-country exceptions to {@code sms-per-country-per-hour}, e.g. {@code US: 2000}
 *                                   (a country listed here is limited even when the general value is 0)
 */
@Validated
@ConfigurationProperties("customer-registration.notifications.budgets")
record SendBudgetSettings(@DefaultValue("true") boolean enabled,
                          @DefaultValue("10") @Min(1) int smsPerDestination,
                          @DefaultValue("20") @Min(1) int emailsPerDestination,
                          @DefaultValue("24h") Duration destinationWindow,
                          @DefaultValue("0") @Min(0) int smsPerCountryPerHour,
                          @DefaultValue Map<String, @Min(0) Integer> smsPerHourByCountry,
                          @DefaultValue("0") @Min(0) int smsPerHour) {

    SendBudgetSettings {
        // Country codes as PhoneNumbers reports them, however the keys were written (env vars come lower-cased).
        smsPerHourByCountry = smsPerHourByCountry.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                e -> e.getKey().trim().toUpperCase(java.util.Locale.ROOT), Map.Entry::getValue));
        if (destinationWindow.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalStateException("customer-registration.notifications.budgets.destination-window must be at least 1m");
        }
    }

    /** The hourly budget of SMS to {@code region} (ISO 3166 code), 0 when unlimited. */
    int smsPerHourTo(String region) {
        Integer specific = region == null ? null : smsPerHourByCountry.get(region);
        return specific != null ? specific : smsPerCountryPerHour;
    }
}
