package registration.auth;

import registration.identifier.IdentifierKind;

/** The auth providers: {@code emailpass} (entity id = email) and {@code phonepass} (entity id = E.164 phone). */
public enum Provider {
    EMAILPASS("emailpass", IdentifierKind.EMAIL), PHONEPASS("phonepass", IdentifierKind.PHONE);

    private final String id;
    private final IdentifierKind identifier;

    Provider(String id, IdentifierKind identifier) {
        this.id = id;
        this.identifier = identifier;
    }

    public String id() {
        return id;
    }

    /** The JSON field and customer attribute that holds this provider's identifier: {@code email} or {@code phone}. */
    public String field() {
        return identifier.field();
    }

    /** The kind of identifier this provider's entity id is. */
    public IdentifierKind identifier() {
        return identifier;
    }

    /** The provider whose entity id is an identifier of {@code kind}. */
    public static Provider of(IdentifierKind kind) {
        return switch (kind) {
            case EMAIL -> EMAILPASS;
            case PHONE -> PHONEPASS;
        };
    }

    public static Provider ofId(String id) {
        for (Provider p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown provider " + id);
    }
}
