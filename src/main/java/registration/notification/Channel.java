package registration.notification;

import registration.identifier.IdentifierKind;

/** How a message travels: to the customer by email or SMS, or to the store's events webhook. */
public enum Channel {
    EMAIL, SMS, EVENT;

    /** The channel that reaches an identifier of {@code kind}: email for an email address, SMS for a phone. */
    public static Channel of(IdentifierKind kind) {
        return switch (kind) {
            case EMAIL -> EMAIL;
            case PHONE -> SMS;
        };
    }
}
