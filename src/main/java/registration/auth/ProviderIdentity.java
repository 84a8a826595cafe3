package registration.auth;

/** An identity's login by one provider: its identifier and password hash. */
record ProviderIdentity(AuthIdentity identity, Provider provider, String entityId, String passwordHash) {

    @Override
    public String toString() {
        return "ProviderIdentity[" + identity.id() + ", " + provider.id() + "]";
    }
}
