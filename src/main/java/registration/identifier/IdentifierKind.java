package registration.identifier;

import java.util.Locale;

/**
 * The two kinds of identifier a customer signs up, logs in and is reached with: an email address or a phone
 * number. Where code used to ask "email or phone?" it holds one of these, and the type of each feature answers
 * for it: the login provider ({@code auth.Provider#identifier}, {@code Provider.of}), the channel that reaches it
 * ({@code notification.Channel.of}), the verification purpose and its resend interval ({@code otp.OtpPurpose#verifying},
 * {@code otp.ResendIntervals}), the address and verified flag of a customer ({@code customer.Customer#address},
 * {@code #isVerified}). The mapping lives with the type that owns the concept, so this package depends on no
 * feature.
 */
public enum IdentifierKind {
    EMAIL, PHONE;

    /** The JSON field and customer attribute, also the word in messages: {@code email} or {@code phone}. */
    public String field() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code Email} or {@code Phone}, to start a sentence. */
    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    /** The kind a customer who has this one may also have (the second login in {@code both} mode). */
    public IdentifierKind other() {
        return this == EMAIL ? PHONE : EMAIL;
    }

    /** The kind of a normalised identifier: an email always has an {@code @}, an E.164 phone never. */
    public static IdentifierKind of(String normalised) {
        return normalised.contains("@") ? EMAIL : PHONE;
    }
}
