package registration.auth;

/** Who an auth identity belongs to: a storefront customer or an admin user. */
public enum ActorType {
    CUSTOMER("customer"), USER("user");

    private final String id;

    ActorType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static ActorType ofId(String id) {
        return "user".equals(id) ? USER : CUSTOMER;
    }
}
