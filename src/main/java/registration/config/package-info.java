/**
 * Shared configuration only, nothing that belongs to one feature: the clock and JSON settings, the data
 * source (request pool limits, the database health of readiness, which database counts as embedded H2), the
 * start-up check of production defaults and the report of refused settings, and the helpers every store uses
 * ({@link registration.config.DbTime}, {@link registration.config.Retention}). Each feature binds and checks its
 * own {@code customer-registration.*} settings. It depends on no feature.
 */
package registration.config;
