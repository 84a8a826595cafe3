/**
 * Service keys (issue 18): the keys that protect stored data and outgoing calls — OTP code hashes, identifier
 * subjects (decoy ids), password-reset lookup ids, send-budget keys, outbox payload encryption and derived webhook
 * secrets. Each purpose gets its own key, derived by HKDF-SHA256 from the master {@code customer-registration.secret-key}
 * (never from a JWT signing key), and every key has an id, so rows record which key made them and a rotated master
 * keeps old rows readable until they expire. Rows from before the upgrade are read with the legacy key derived from
 * {@code customer-registration.jwt.secret} exactly as the service did before. Also the {@code keys} command line
 * ({@link registration.keys.KeysCommand}). It depends on nothing but {@code config}; see docs/signing-keys.md.
 */
package registration.keys;
