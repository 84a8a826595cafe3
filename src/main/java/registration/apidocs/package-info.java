/**
 * The API described (issue 19): {@code GET /openapi.json}, an OpenAPI 3.1 document generated from the controllers
 * on its first request, and Swagger UI at {@code /docs}. The routes say what they take and answer; this package
 * adds what the code does not say in types: the auth each route needs, the errors each route answers with their
 * codes ({@link registration.apidocs.RouteErrors}), and schemas as strict as the API (required and nullable
 * fields, no unknown fields). It depends on {@code web} and reads the controllers; no feature depends on it.
 * See {@code docs/api.md}.
 */
package registration.apidocs;
