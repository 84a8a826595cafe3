package registration.medusaimport;

/**
 * What {@code import-medusa} was asked to do. {@code fromPassword} never appears in {@link #toString()}.
 *
 * @param unverified import emails as unverified (by default a Medusa emailpass login counts as a verified email)
 */
record ImportOptions(String fromUrl, String fromUser, String fromPassword, boolean dryRun, boolean includeAdmins,
                     boolean unverified, int batchSize) {

    static final int DEFAULT_BATCH_SIZE = 1000;

    ImportOptions {
        if (fromUrl == null || !fromUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--from must be the JDBC URL of the Medusa database "
                    + "(jdbc:postgresql://host:5432/medusa): Medusa runs on PostgreSQL");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("--batch-size must be between 1 and 10000");
        }
    }

    @Override
    public String toString() {
        return "ImportOptions[from=" + fromUrl + ", user=" + fromUser + ", dryRun=" + dryRun + ", includeAdmins="
                + includeAdmins + ", unverified=" + unverified + ", batchSize=" + batchSize + "]";
    }
}
