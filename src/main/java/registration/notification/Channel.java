package registration.notification;

/** How a message travels: to the customer by email or SMS, or to the store's events webhook. */
public enum Channel {
    EMAIL, SMS, EVENT
}
