/**
 * The HTTP edge shared by every feature: the one {@link registration.web.ApiException} and its
 * {@link registration.web.ErrorType}s rendered as {@code {type, message[, code]}} (also for errors Spring and
 * Tomcat answer themselves), strict JSON bodies, the publishable-key and CORS filters of the store routes,
 * {@code Cache-Control: no-store}, and which actuator probes the public port shows. It depends on no feature.
 */
package registration.web;
