package registration.identifier;

import org.springframework.stereotype.Component;

import registration.web.ApiException;

/** Normalises what a customer types as identifier: a lower-case {@link Email}, an E.164 {@link Phone}. */
@Component
public class Identifiers {

    private final PhoneNumbers phones;

    public Identifiers(PhoneNumbers phones) {
        this.phones = phones;
    }

    /**
     * The normalised {@code kind} of {@code raw}.
     *
     * @throws ApiException 400 {@code invalid_data} naming the field when {@code raw} is no valid identifier of that kind
     */
    public String normalise(IdentifierKind kind, String raw) {
        return switch (kind) {
            case EMAIL -> Email.of(raw).value();
            case PHONE -> phones.parse(raw).value();
        };
    }

    /** {@link #normalise} of an identifier of either kind, told apart by its {@code @} (configured QA identifiers). */
    public String normaliseEither(String raw) {
        return normalise(IdentifierKind.of(raw), raw);
    }
}
