/**
 * Account deletion: a customer asks to delete the account ({@code POST /store/customers/account-deletion/request},
 * customer JWT) and confirms it with a one-time code ({@code …/confirm}); the account is then suspended and
 * deleted {@code scheduled-days} later unless the customer cancels with a code sent to their current email or
 * phone ({@code …/cancel-request}, {@code …/cancel-confirm}). {@link registration.deletion.DeletionJob}, a
 * cluster-safe db-scheduler task, carries out what is due: it removes the auth identities and erases the
 * customer's personal data. The feature owns the {@code account_deletion_request} table; the admin list
 * ({@code GET /admin/account-deletion-requests}) reads it through {@link registration.deletion.DeletionRequests}.
 *
 * <p>The lifecycle (pending → confirmed → completed | cancelled) is drawn in
 * <a href="../../../../../docs/account-deletion.md">docs/account-deletion.md</a>.
 */
package registration.deletion;
