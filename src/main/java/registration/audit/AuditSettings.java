package registration.audit;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customer-registration.audit.*}.
 *
 * @param retention    how long a security event is kept before the hourly purge deletes it
 * @param webhookTypes event types (as in {@code docs/audit.md}) also sent to the events webhook
 *                     ({@code notifications.events.url}), beyond the events it always receives; none by default
 */
@Validated
@ConfigurationProperties("customer-registration.audit")
public record AuditSettings(@DefaultValue("180d") Duration retention,
                            @DefaultValue List<String> webhookTypes) {

    public AuditSettings {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalStateException("customer-registration.audit.retention must be positive");
        }
        webhookTypes = List.copyOf(webhookTypes);
    }

    /** Whether events of {@code type} go to the events webhook as well. */
    public boolean sentToWebhook(String type) {
        return webhookTypes.contains(type);
    }
}
