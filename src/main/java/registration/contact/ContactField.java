package registration.contact;

import java.util.Locale;

import registration.auth.Provider;
import registration.notification.Channel;

/** A changeable contact: the customer field, the channel that reaches it and the login provider keyed by it. */
enum ContactField {
    EMAIL(Channel.EMAIL, Provider.EMAILPASS), PHONE(Channel.SMS, Provider.PHONEPASS);

    final Channel channel;
    final Provider provider;

    ContactField(Channel channel, Provider provider) {
        this.channel = channel;
        this.provider = provider;
    }

    /** The JSON field and template value: {@code email} or {@code phone}. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
