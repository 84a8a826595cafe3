package registration.identifier;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code customer-registration.phone.*}: {@code default-region} (ISO 3166 code, none by default) lets
 * national numbers in; {@code validation} is {@code strict} (a real, assigned number) or {@code possible}
 * (right length for the region, for QA with fictional numbers); {@code sms-regions} (ISO 3166 codes, empty =
 * all) are the regions codes may be texted to — SMS toll-fraud control (SPEC 9).
 *
 * @param defaultRegion ISO 3166 region of numbers typed without {@code +} (none: such numbers are refused)
 * @param validation    {@code strict} (a real, assigned number) or {@code possible} (the right length for its
 *                      region, for QA with fictional numbers)
 * @param smsRegions    ISO 3166 codes of the countries codes and notices may be texted to (empty = all); SMS
 *                      toll-fraud control
 */
@ConfigurationProperties("customer-registration.phone")
public record PhoneSettings(String defaultRegion, @DefaultValue("strict") Validation validation,
                     @DefaultValue List<String> smsRegions) {

    public enum Validation { STRICT, POSSIBLE }
}
