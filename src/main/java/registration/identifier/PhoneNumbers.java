package registration.identifier;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import registration.web.ApiException;
import registration.web.ErrorType;

/** Parses phone numbers with libphonenumber into E.164 {@link Phone} values. */
@Component
public class PhoneNumbers {

    private static final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final PhoneSettings settings;
    private final String defaultRegion;
    private final Set<String> smsRegions = new HashSet<>();

    public PhoneNumbers(PhoneSettings settings) {
        this.settings = settings;
        this.defaultRegion = settings.defaultRegion() == null || settings.defaultRegion().isBlank()
                ? null : settings.defaultRegion().trim().toUpperCase(Locale.ROOT);
        if (defaultRegion != null && !util.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalStateException("customer-registration.phone.default-region=" + settings.defaultRegion()
                    + " is not a known ISO 3166 region code");
        }
        for (String region : settings.smsRegions()) {
            String code = region.trim().toUpperCase(Locale.ROOT);
            if (!util.getSupportedRegions().contains(code)) {
                throw new IllegalStateException("customer-registration.phone.sms-regions: " + region
                        + " is not a known ISO 3166 region code");
            }
            smsRegions.add(code);
        }
    }

    /**
     * Refuses a code by SMS to {@code phone} (E.164) unless its region is one of {@code phone.sms-regions}:
     * premium-rate and far-away numbers are how SMS pumping fraud makes a store pay. Callers that must not
     * reveal whether the number has an account check before they look it up.
     *
     * @throws ApiException 400 {@code invalid_data} (code {@code sms_region_not_allowed})
     */
    public void requireSmsRegion(String phone) {
        if (smsRegions.isEmpty()) {
            return;
        }
        String region;
        try {
            region = util.getRegionCodeForNumber(util.parse(phone, null));
        } catch (NumberParseException e) {
            region = null;
        }
        if (region == null || !smsRegions.contains(region)) {
            throw new ApiException(ErrorType.INVALID_DATA, "Codes cannot be sent by SMS to this phone number's country",
                    "sms_region_not_allowed");
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

    /** Whether {@code phone.sms-regions} lets an SMS go to {@code phone} (E.164): always when it lists none. */
    public boolean allowsSmsTo(String phone) {
        if (smsRegions.isEmpty()) {
            return true;
        }
        String region = regionOf(phone);
        return region != null && smsRegions.contains(region);
    }

    /** Whether {@code phone.sms-regions} lists any region (without one, any country may be texted). */
    public boolean restrictsSmsRegions() {
        return !smsRegions.isEmpty();
    }

    /** The ISO 3166 region of {@code phone} (E.164), or null when libphonenumber cannot tell. */
    public String regionOf(String phone) {
        try {
            String region = util.getRegionCodeForNumber(util.parse(phone, null));
            return region == null || "ZZ".equals(region) ? null : region;
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static ApiException invalid() {
        return ApiException.invalid("Invalid request: Field 'phone' must be a valid phone number in international format (e.g. +14155552671)");
    }
}
