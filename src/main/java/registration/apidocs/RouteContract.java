package registration.apidocs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import registration.apidocs.RouteErrors.Failure;
import registration.web.ErrorType;

/**
 * What a route needs and how it fails, added to each operation of the generated document: the auth it takes (read
 * from its controller parameters: a {@code CustomerActor} parameter means a customer's login JWT), the publishable
 * key on {@code /store/*}, and one response per error status, with the {@code {type, message, code?}} schema
 * narrowed to the types and codes the route answers with, and an example of each. The errors are those every
 * route of its kind has plus its row in {@link RouteErrors}.
 */
class RouteContract {

    static final String BEARER = "bearer";
    static final String PUBLISHABLE_KEY = "publishable_key";
    static final String ERROR_SCHEMA = "Error";

    /** How a route authenticates its caller. */
    enum Auth {
        NONE(null),
        CUSTOMER("a customer's login JWT"),
        REGISTRATION("the registration JWT of an identity without a customer yet"),
        SESSION("a customer's login JWT or a registration JWT"),
        ADMIN("an admin user's login JWT"),
        LOGIN("a customer's or an admin user's login JWT"),
        LOGOUT("optional: without the session cookie, a customer's login JWT or a registration JWT"),
        RESET("optional: the reset JWT from the password-reset link, when it is not in the body");

        private final String description;

        Auth(String description) {
            this.description = description;
        }
    }

    /** Controller parameter types resolved from the bearer token (by simple name, as the controllers declare them). */
    private static final Map<String, Auth> ACTORS = Map.of("CustomerActor", Auth.CUSTOMER,
            "RegistrationActor", Auth.REGISTRATION, "SessionActor", Auth.SESSION, "AdminActor", Auth.ADMIN);

    /** Routes that read {@code Authorization} themselves rather than through an actor parameter. */
    private static final Map<String, Auth> HEADER_AUTH = Map.of("GET /store/customers/me", Auth.CUSTOMER,
            "POST /auth/customer/emailpass/update", Auth.RESET,
            "POST /auth/session", Auth.LOGIN, "DELETE /auth/session", Auth.LOGOUT);

    /** Routes whose actor may also come from the session cookie (every actor but a registration token's). */
    private static final Set<Auth> COOKIE = Set.of(Auth.CUSTOMER, Auth.SESSION, Auth.ADMIN, Auth.LOGOUT);

    private static final Failure UNAUTHORIZED = RouteErrors.failure(ErrorType.UNAUTHORIZED, null, "Unauthorized");
    private static final Failure SUSPENDED = RouteErrors.failure(ErrorType.FORBIDDEN, "account_deletion_scheduled",
            "This account is scheduled for deletion. Cancel the deletion to use it again.");
    private static final Failure CSRF = RouteErrors.failure(ErrorType.FORBIDDEN, "csrf_check_failed",
            "A request authenticated by the session cookie must be sent with Content-Type: application/json from the storefront's own site");
    private static final Failure ALREADY_CUSTOMER = RouteErrors.failure(ErrorType.INVALID_DATA, null,
            "Request already authenticated as a customer.");
    private static final Failure BAD_BODY = RouteErrors.failure(ErrorType.INVALID_DATA, null,
            "Invalid request: Unrecognized fields: 'x'");
    private static final Failure BAD_PARAMETER = RouteErrors.failure(ErrorType.INVALID_DATA, null,
            "Invalid request: Invalid value for 'limit'");
    private static final Failure TOO_LARGE = RouteErrors.failure(ErrorType.PAYLOAD_TOO_LARGE, null,
            "Request body is larger than 64 KB");
    private static final Failure MEDIA_TYPE = RouteErrors.failure(ErrorType.UNSUPPORTED_MEDIA_TYPE, null,
            "Content-Type must be application/json");
    private static final Failure NO_KEY = RouteErrors.failure(ErrorType.NOT_ALLOWED, null,
            "Publishable API key required in the request header: x-publishable-api-key. You can manage your keys in settings in the dashboard.");
    private static final Failure CROSS_ORIGIN = RouteErrors.failure(ErrorType.FORBIDDEN, null,
            "Cross-origin request from this origin is not allowed");
    private static final Failure UNEXPECTED = RouteErrors.failure(ErrorType.UNEXPECTED_STATE, null,
            "An unexpected error occurred");
    private static final Failure DATABASE = RouteErrors.failure(ErrorType.SERVICE_UNAVAILABLE, "database_unavailable",
            "The service is briefly unavailable; please retry");

    private final Routes routes;

    RouteContract(Routes routes) {
        this.routes = routes;
    }

    void customise(OpenAPI api) {
        api.getComponents().addSchemas(ERROR_SCHEMA, errorSchema());
        Map<String, HandlerMethod> handlers = routes.handlers();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            HandlerMethod handler = handlers.get(method.name() + " " + path);
            if (handler != null) {
                describe(method.name(), path, operation, handler);
            }
        }));
    }

    private void describe(String method, String path, Operation operation, HandlerMethod handler) {
        Auth auth = HEADER_AUTH.getOrDefault(method + " " + path, Auth.NONE);
        boolean body = false;
        boolean parameters = false;
        Set<String> hidden = new java.util.HashSet<>();
        for (MethodParameter parameter : handler.getMethodParameters()) {
            Auth actor = ACTORS.get(parameter.getParameterType().getSimpleName());
            RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
            if (actor != null) {
                auth = actor;
                hidden.add(parameter.getParameterName());
            } else if (header != null && HttpHeaders.AUTHORIZATION.equalsIgnoreCase(header.name())) {
                hidden.add(HttpHeaders.AUTHORIZATION);
            }
            body |= parameter.hasParameterAnnotation(RequestBody.class);
            parameters |= parameter.hasParameterAnnotation(RequestParam.class);
        }
        if (operation.getParameters() != null) {
            operation.getParameters().removeIf(p -> hidden.contains(p.getName()));
            if (operation.getParameters().isEmpty()) {
                operation.setParameters(null);
            }
        }
        boolean store = path.startsWith("/store/");
        operation.setSecurity(security(auth, store));
        if (auth != Auth.NONE) {
            operation.setDescription(join(operation.getDescription(), "**Auth:** `Authorization: Bearer <JWT>`, "
                    + auth.description + "."));
        }
        operation.setTags(List.of(handler.getBeanType().getPackageName().replaceFirst("^.*\\.", "")));

        List<Failure> failures = new ArrayList<>();
        if (body) {
            failures.addAll(List.of(BAD_BODY, TOO_LARGE, MEDIA_TYPE));
        }
        if (parameters) {
            failures.add(BAD_PARAMETER);
        }
        if (auth == Auth.REGISTRATION) {
            failures.add(ALREADY_CUSTOMER);
        }
        if (auth != Auth.NONE) {
            failures.add(UNAUTHORIZED);
        }
        if (auth == Auth.CUSTOMER || auth == Auth.SESSION || auth == Auth.LOGIN || auth == Auth.LOGOUT) {
            failures.add(SUSPENDED);
        }
        if (COOKIE.contains(auth) && !method.equals("GET")) {
            failures.add(CSRF); // a state-changing request authenticated by the cookie of the SDK's session mode
        }
        if (store) {
            failures.add(NO_KEY);
        }
        if (store || path.startsWith("/auth/")) {
            failures.add(CROSS_ORIGIN);
        }
        failures.addAll(RouteErrors.of(method, path));
        failures.addAll(List.of(UNEXPECTED, DATABASE));
        addErrorResponses(operation, failures);
    }

    private static List<SecurityRequirement> security(Auth auth, boolean store) {
        SecurityRequirement required = new SecurityRequirement();
        boolean optional = auth == Auth.RESET || auth == Auth.LOGOUT;
        if (auth != Auth.NONE && !optional) {
            required.addList(BEARER);
        }
        if (store) {
            required.addList(PUBLISHABLE_KEY);
        }
        List<SecurityRequirement> any = new ArrayList<>(List.of(required)); // {} = no credentials needed
        if (optional) {
            any.add(new SecurityRequirement().addList(BEARER));
        }
        return any;
    }

    private static void addErrorResponses(Operation operation, List<Failure> failures) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Map<Integer, List<Failure>> byStatus = failures.stream().distinct().collect(Collectors.groupingBy(
                f -> f.type().status().value(), TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, group) -> {
            Content content = new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                    new MediaType().schema(errorSchema(group)).examples(examples(group)));
            ApiResponse response = new ApiResponse().description(describe(group)).content(content);
            if (status == 429 || status == 503) {
                response.addHeaderObject(HttpHeaders.RETRY_AFTER, new Header().description("Seconds to wait before retrying")
                        .required(true).schema(new JsonSchema().typesItem("integer")));
            }
            responses.addApiResponse(Integer.toString(status), response);
        });
        operation.setResponses(responses);
    }

    /** {@code {type, message[, code]}}; a 429 of {@code /otp/send} adds the {@code token} and {@code expires_at} of the code already sent. */
    static Schema<?> errorSchema() {
        Schema<Object> type = new JsonSchema().typesItem("string");
        for (ErrorType t : ErrorType.values()) {
            if (type.getEnum() == null || !type.getEnum().contains(t.type())) {
                type.addEnumItemObject(t.type());
            }
        }
        return new JsonSchema().typesItem("object").required(List.of("type", "message")).additionalProperties(false)
                .properties(Map.of(
                        "type", type,
                        "message", new JsonSchema().typesItem("string").description("For people; may change"),
                        "code", new JsonSchema().typesItem("string").description("For programs: the exact case"),
                        "token", new JsonSchema().typesItem("string")
                                .description("`otp_throttled` on `/store/customers/otp/send`: the OTP token of the code already sent"),
                        "expires_at", new JsonSchema().typesItem("string").format("date-time")
                                .description("`otp_throttled` on `/store/customers/otp/send`: when that code expires")));
    }

    /** {@code Error}, with {@code type} and {@code code} narrowed to the values this status has on this route. */
    private static Schema<?> errorSchema(List<Failure> group) {
        Schema<?> narrowed = new JsonSchema();
        Schema<Object> type = new JsonSchema();
        group.stream().map(f -> f.type().type()).distinct().forEach(type::addEnumItemObject);
        narrowed.addProperty("type", type);
        List<String> codes = group.stream().map(Failure::code).filter(Objects::nonNull).distinct().toList();
        Schema<Object> code = new JsonSchema();
        if (codes.isEmpty()) {
            code.not(new JsonSchema()); // this status never carries a code here
        } else {
            codes.forEach(code::addEnumItemObject);
        }
        narrowed.addProperty("code", code);
        return new JsonSchema().allOf(List.of(new JsonSchema().$ref("#/components/schemas/" + ERROR_SCHEMA), narrowed));
    }

    private static String describe(List<Failure> group) {
        return group.stream().map(f -> "- `" + f.type().type() + "`" + (f.code() == null ? "" : " `" + f.code() + "`")
                + ": " + f.example()).distinct().collect(Collectors.joining("\n"));
    }

    private static Map<String, Example> examples(List<Failure> group) {
        Map<String, Example> examples = new LinkedHashMap<>();
        group.stream().sorted(Comparator.comparing(f -> f.code() == null ? "" : f.code())).forEach(f -> {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("type", f.type().type());
            value.put("message", f.example());
            if (f.code() != null) {
                value.put("code", f.code());
            }
            String name = f.code() != null ? f.code() : f.type().type() + (examples.containsKey(f.type().type()) ? "_" + examples.size() : "");
            examples.put(name, new Example().value(value));
        });
        return examples;
    }

    private static String join(String first, String second) {
        return first == null || first.isBlank() ? second : first + "\n\n" + second;
    }
}
