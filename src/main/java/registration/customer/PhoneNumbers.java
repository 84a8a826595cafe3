package registration.customer;

import java.util.Locale;

import org.springframework.stereotype.Component;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import registration.web.ApiException;

/** Parses phone numbers with libphonenumber into E.164 {@link Phone} values. */
@Component
public class PhoneNumbers {

    private static final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final PhoneSettings settings;
    private final String defaultRegion;

    PhoneNumbers(PhoneSettings settings) {
        this.settings = settings;
        this.defaultRegion = settings.defaultRegion() == null || settings.defaultRegion().isBlank()
                ? null : settings.defaultRegion().trim().toUpperCase(Locale.ROOT);
        if (defaultRegion != null && !util.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalStateException("customer-registration.phone.default-region=" + settings.defaultRegion()
                    + " is not a known ISO 3166 region code");
        }
    }

    public Phone parse(String raw) {
        String input = raw == null ? "" : raw.trim();
        if (input.isEmpty() || input.length() > 32 || (!input.startsWith("+") && defaultRegion == null)) {
            throw invalid();
        }
        try {
            Phonenumber.PhoneNumber number = util.parse(input, input.startsWith("+") ? null : defaultRegion);
            boolean ok = settings.validation() == PhoneSettings.Validation.STRICT
                    ? util.isValidNumber(number) : util.isPossibleNumber(number);
            if (!ok) {
                throw invalid();
            }
            return new Phone(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.invalid("Invalid request: Field 'phone' must be a valid phone number in international format (e.g. +14155552671)");
    }
}
