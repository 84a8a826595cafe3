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

    /** Every identifier this mode accepts is also accepted by {@code other}. */
    public boolean coveredBy(IdentifierMode other) {
        return other == BOTH || other == this;
    }
}
