package registration.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code template} (a Mustache file path overriding the shipped default) and {@code subject} of each
 * message purpose, under the keys of SPEC section 6: {@code customer-registration.email-verification.subject},
 * {@code customer-registration.password-reset.template}, … and {@code storefront-url}, which every template may
 * link to as {@code {{storefront_url}}} (without a trailing slash).
 *
 * @param storefrontUrl the storefront, {@code {{storefront_url}}} in every template
 */
@ConfigurationProperties("customer-registration")
record MessageSettings(@DefaultValue Message emailVerification,
                       @DefaultValue Message phoneVerification,
                       @DefaultValue Message contactChange,
                       @DefaultValue Message passwordReset,
                       @DefaultValue Message accountDeletionRequest,
                       @DefaultValue Message accountDeletionCancel,
                       @DefaultValue Message contactChangedNotice,
                       @DefaultValue Message passwordChangedNotice,
                       @DefaultValue Message accountDeletionScheduledNotice,
                       @DefaultValue Message accountDeletionCancelledNotice,
                       @DefaultValue Message otpLockedNotice,
                       @DefaultValue("http://localhost:8000") String storefrontUrl) {

    /**
     * @param template path of a Mustache file replacing the shipped template of this purpose on every channel
     *                 (a {@code .html} file is sent as HTML mail, with values escaped)
     * @param subject  the email subject of this purpose (unset: the shipped one)
     */
    record Message(String template, String subject) {
    }
}
