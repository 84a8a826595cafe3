package registration.web;

/**
 * The body of a route that takes none ({@code POST /auth/token/refresh}, {@code DELETE /auth/session}):
 * nothing or {@code {}}; any field is refused as unknown, as on every other route (SPEC 8a "Strict input").
 * Declare it as {@code @RequestBody(required = false) NoBody none}.
 */
public record NoBody() {
}
