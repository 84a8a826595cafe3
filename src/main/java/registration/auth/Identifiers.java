package registration.auth;

import org.springframework.stereotype.Component;

import registration.identifier.Email;
import registration.identifier.PhoneNumbers;

/** Normalises what a customer types as identifier into the provider's entity id (lower-case email, E.164 phone). */
@Component
class Identifiers {

    private final PhoneNumbers phones;

    Identifiers(PhoneNumbers phones) {
        this.phones = phones;
    }

    String normalise(Provider provider, String raw) {
        return provider == Provider.EMAILPASS ? Email.of(raw).value() : phones.parse(raw).value();
    }
}
