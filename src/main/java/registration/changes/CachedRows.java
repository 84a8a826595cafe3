package registration.changes;

/** The tables whose rows are cached by id; the name is what {@code cache_change.cached} holds. */
public enum CachedRows {

    /** {@code auth_identity}: what every token check reads (credential version, suspension, actor). */
    IDENTITY("identity"),
    /** {@code customer}: what {@code GET /store/customers/me} returns (with its addresses: an address write records its customer). */
    CUSTOMER("customer"),
    /** {@code auth_session}: the cookie sessions of the SDK's session mode, by the hash of the cookie. */
    SESSION("session");

    private final String stored;

    CachedRows(String stored) {
        this.stored = stored;
    }

    String stored() {
        return stored;
    }

    static CachedRows ofStored(String value) {
        for (CachedRows rows : values()) {
            if (rows.stored.equals(value)) {
                return rows;
            }
        }
        return null; // a kind a newer instance records: nothing of ours to evict
    }
}
