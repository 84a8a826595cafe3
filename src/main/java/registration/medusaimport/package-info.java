/**
 * Moving a Medusa store here: {@code java -jar customer-registration.jar import-medusa --from <jdbc url>} reads
 * a Medusa 2.x database (read-only) and copies its registered customers with their {@code emailpass} /
 * {@code phonepass} logins and scrypt-kdf password hashes, which then work at once (auth verifies them and
 * re-hashes to Argon2id at the first login, {@link registration.auth.ScryptKdfHash}). Ids ({@code cus_…}) are
 * kept. An id that exists here (imported before, or erased here) is skipped, never updated; an email or phone
 * another customer holds here is reported per row and skipped; a hash that is not scrypt-kdf is refused. So a
 * second run changes nothing, and a run after new sign-ups in Medusa adds only those. Rows stream from a
 * server-side cursor and are written in batches, one transaction per batch. Serves no HTTP route.
 */
package registration.medusaimport;
