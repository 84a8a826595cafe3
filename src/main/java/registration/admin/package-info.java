/**
 * The store operator's side: admin users (table {@code admin_user}, created by the {@code create-admin}
 * command, each with an {@code emailpass} login of auth's, used at {@code POST /auth/user/emailpass}) and the
 * routes that need an admin token: {@code GET /admin/account-deletion-requests}. It reads other features
 * through their public types.
 */
package registration.admin;
