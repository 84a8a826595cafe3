package registration.identifier;

/** Which identifier a customer signs up or logs in with ({@code registration.identifier}, {@code login.identifier}). */
public enum IdentifierMode {
    EMAIL, PHONE, BOTH;

    public boolean allowsEmail() {
        return this != PHONE;
    }

    public boolean allowsPhone() {
        return this != EMAIL;
    }

    /** Whether this mode accepts identifiers of {@code kind}. */
    public boolean allows(IdentifierKind kind) {
        return switch (kind) {
            case EMAIL -> allowsEmail();
            case PHONE -> allowsPhone();
        };
    }

    /** Every identifier this mode accepts is also accepted by {@code other}. */
    public boolean coveredBy(IdentifierMode other) {
        return other == BOTH || other == this;
    }
}
