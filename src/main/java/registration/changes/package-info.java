/**
 * Token checks from memory (issue 26, SPEC 11 "Token checks from memory vs revocation"). This feature owns the
 * bounded in-process caches ({@link registration.changes.RowCache}) that answer a bearer token's check, a session
 * cookie's check and {@code GET /store/customers/me} (with the customer's addresses) without a database round trip, and their coherence across instances: the
 * table {@code cache_change}, where every write to a cached row leaves the row's id in the writing transaction
 * ({@link registration.changes.RowCaches#changed}), and the poller that reads new rows of it on every instance
 * and evicts those keys. It serves no route; its state shows in the health details ({@code tokenCache}) and in
 * the {@code customer_registration_token_cache_*} metrics.
 */
package registration.changes;
