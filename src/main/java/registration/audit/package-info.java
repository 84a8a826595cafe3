/**
 * The audit trail (issue 20): an append-only record of every security-relevant event, {@link
 * registration.audit.AuditedEvent}. Features publish their past-tense event records; this package records them in
 * the publishing transaction. It depends on no feature, so every feature may publish to it.
 */
package registration.audit;
