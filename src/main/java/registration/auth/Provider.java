package registration.auth;

/** The auth providers: {@code emailpass} (entity id = email) and {@code phonepass} (entity id = E.164 phone). */
public enum Provider {
    EMAILPASS("emailpass", "email"), PHONEPASS("phonepass", "phone");

    private final String id;
    private final String field;

    Provider(String id, String field) {
        this.id = id;
        this.field = field;
    }

    public String id() {
        return id;
    }

    /** The JSON field and customer attribute that holds this provider's identifier: {@code email} or {@code phone}. */
    public String field() {
        return field;
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
