package registration.customer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code customer-registration.phone.*}: {@code default-region} (ISO 3166 code, none by default) lets
 * national numbers in; {@code validation} is {@code strict} (a real, assigned number) or {@code possible}
 * (right length for the region, for QA with fictional numbers).
 */
@ConfigurationProperties("customer-registration.phone")
record PhoneSettings(String defaultRegion, @DefaultValue("strict") Validation validation) {

    enum Validation { STRICT, POSSIBLE }
}
