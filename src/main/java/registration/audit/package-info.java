/**
 * The audit trail (issue 20): an append-only record of every security-relevant event, {@link
 * registration.audit.AuditedEvent}. Features publish their past-tense event records; this package records them in
 * the publishing transaction ({@code security_event}: {@link registration.audit.AuditTrail}), masks identifiers,
 * scrubs an erased customer's events, deletes them after {@code audit.retention}, counts them as metrics, and
 * answers searches ({@link registration.audit.AuditLog}, served by {@code GET /admin/audit} in {@code admin}). It
 * depends on no feature, so every feature may publish to it. See {@code docs/audit.md}.
 */
package registration.audit;
