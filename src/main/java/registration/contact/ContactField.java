package registration.contact;

import java.util.Locale;

import registration.auth.Provider;
import registration.identifier.IdentifierKind;
import registration.notification.Channel;

/** A changeable contact: the customer field, the channel that reaches it and the login provider keyed by it. */
enum ContactField {
    EMAIL(IdentifierKind.EMAIL), PHONE(IdentifierKind.PHONE);

    final IdentifierKind kind;
    final Channel channel;
    final Provider provider;

    ContactField(IdentifierKind kind) {
        this.kind = kind;
        this.channel = Channel.of(kind);
        this.provider = Provider.of(kind);
    }

    /** The JSON field and template value: {@code email} or {@code phone}. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
