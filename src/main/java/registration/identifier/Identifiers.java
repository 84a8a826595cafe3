package registration.identifier;

import org.springframework.stereotype.Component;

import registration.auth.Provider;

/** Normalises what a customer types as identifier into the provider's entity id (lower-case email, E.164 phone). */
@Component
public class Identifiers {

    private final PhoneNumbers phones;

    public Identifiers(PhoneNumbers phones) {
        this.phones = phones;
    }

    public String normalise(Provider provider, String raw) {
        return provider == Provider.EMAILPASS ? Email.of(raw).value() : phones.parse(raw).value();
    }
}
