/**
 * Authentication: owns the auth identities and their provider logins ({@code auth_identity},
 * {@code provider_identity}: {@code emailpass} and {@code phonepass}), password hashing (Argon2id, and the
 * scrypt-kdf hashes imported from Medusa), the JWTs ({@link registration.auth.Jwts}, with the token kinds and
 * the credential version that revokes them) and the actor parameters a controller declares to require a token
 * ({@link registration.auth.CustomerActor}, {@link registration.auth.RegistrationActor},
 * {@link registration.auth.AdminActor}). Serves {@code POST /auth/customer/{emailpass|phonepass}/register},
 * {@code POST /auth/customer/{emailpass|phonepass}}, {@code POST /auth/user/emailpass},
 * {@code POST /auth/token/refresh} and {@code DELETE /auth/session}.
 *
 * <p>Password hashing ({@link registration.auth.Passwords}) runs on a bounded queue of its own threads and answers
 * futures: the routes that hash (here, and the reset and admin-user routes of other features) hold no request
 * thread while they wait, and past the queue answer 503 {@code overloaded} with {@code Retry-After} (docs/faults.md).
 *
 * <p>It depends on no customer type: the verified flags the {@code require-verification} gate needs come
 * through {@link registration.auth.CustomerVerification}, which the customer feature implements.
 */
package registration.auth;
