package registration.apidocs;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import tools.jackson.databind.PropertyNamingStrategies;

/**
 * Makes every record's schema as strict as the API: no field beyond those listed ({@code additionalProperties:
 * false}; request bodies refuse unknown fields, and an answer with an undocumented field fails the contract test).
 * An answer's field is required unless its record leaves it out when null ({@code @JsonInclude(NON_NULL)}), and may
 * be {@code null} when its Java type allows it (a reference type that is not a collection); a request field is
 * required when the record says {@code @NotNull}/{@code @NotBlank}, and otherwise may be {@code null} or absent.
 */
class StrictSchemas {

    /** The API's own naming (config.JsonConfiguration): {@code firstName} → {@code first_name}. */
    private static final tools.jackson.databind.PropertyNamingStrategy NAMES = PropertyNamingStrategies.SNAKE_CASE;

    private final Routes routes;

    StrictSchemas(Routes routes) {
        this.routes = routes;
    }

    void customise(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Class<?>> requests = new HashMap<>();
        Map<String, Class<?>> answers = new HashMap<>();
        for (HandlerMethod handler : routes.handlers().values()) {
            collect(handler.getReturnType().getGenericParameterType(), answers);
            for (MethodParameter parameter : handler.getMethodParameters()) {
                if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    collect(parameter.getGenericParameterType(), requests);
                }
            }
        }
        prune(api);
        api.getComponents().getSchemas().forEach((name, schema) -> {
            if (answers.containsKey(name)) {
                tighten(schema, answers.get(name), true);
            } else if (requests.containsKey(name)) {
                tighten(schema, requests.get(name), false);
            }
        });
    }

    private static void tighten(Schema<?> schema, Class<?> record, boolean answer) {
        schema.setAdditionalProperties(false);
        if (schema.getProperties() == null) {
            return; // a record without fields (NoBody): {} only
        }
        List<String> required = new ArrayList<>();
        boolean classNonNull = omitsNulls(record.getAnnotation(JsonInclude.class));
        for (RecordComponent component : record.getRecordComponents()) {
            // Jackson's and Bean Validation's annotations do not target record components: they sit on the accessor.
            var accessor = component.getAccessor();
            JsonProperty explicit = accessor.getAnnotation(JsonProperty.class); // address_1: no snake_case of address1
            String name = explicit != null && !explicit.value().isEmpty() ? explicit.value()
                    : NAMES.nameForField(null, null, component.getName());
            Schema<?> property = schema.getProperties().get(name);
            if (property == null) {
                continue;
            }
            boolean primitive = component.getType().isPrimitive();
            boolean collection = Collection.class.isAssignableFrom(component.getType());
            boolean mayBeOmitted = classNonNull || omitsNulls(accessor.getAnnotation(JsonInclude.class));
            boolean demanded = accessor.isAnnotationPresent(NotNull.class) || accessor.isAnnotationPresent(NotBlank.class);
            if (answer ? !mayBeOmitted : (demanded || primitive)) {
                required.add(name);
            }
            // A nested record of an answer ({customer}, {request}) is always there unless it says @Nullable (the
            // deletion of CustomerDetail); a value may be null (a phone, a date).
            boolean alwaysThere = component.getType().isRecord() && !component.getAnnotatedType().isAnnotationPresent(Nullable.class);
            boolean nullable = answer ? !primitive && !collection && !mayBeOmitted && !alwaysThere
                    : !primitive && !demanded;
            if (nullable) {
                schema.getProperties().put(name, orNull(property));
            }
        }
        schema.setRequired(required.isEmpty() ? null : required);
    }

    private static boolean omitsNulls(JsonInclude include) {
        return include != null && include.value() != JsonInclude.Include.ALWAYS
                && include.value() != JsonInclude.Include.USE_DEFAULTS;
    }

    /** The property's schema, with {@code null} allowed too. */
    private static Schema<?> orNull(Schema<?> property) {
        if (property.get$ref() != null || property.getTypes() == null) {
            return new JsonSchema().anyOf(List.of(property, new JsonSchema().typesItem("null")))
                    .description(property.getDescription());
        }
        property.addType("null");
        return property;
    }

    /**
     * Drops the schemas no route refers to: those springdoc made for the parameters resolved from the bearer token
     * ({@code CustomerActor} …), which {@link RouteContract} takes out of the operations.
     */
    private static void prune(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        java.util.Set<String> reached = new java.util.HashSet<>();
        java.util.Deque<String> pending = new java.util.ArrayDeque<>(references(api.getPaths()));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (reached.add(name) && schemas.containsKey(name)) {
                pending.addAll(references(schemas.get(name)));
            }
        }
        schemas.keySet().retainAll(reached);
    }

    private static java.util.List<String> references(Object part) {
        var matcher = REF.matcher(io.swagger.v3.core.util.Json31.pretty(part));
        java.util.List<String> names = new ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static final java.util.regex.Pattern REF = java.util.regex.Pattern.compile("\"#/components/schemas/([^\"]+)\"");

    /** The records a (generic) type reaches, by the simple name springdoc gives their schemas. */
    private static void collect(Type type, Map<String, Class<?>> records) {
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                collect(argument, records);
            }
            collect(parameterized.getRawType(), records);
        } else if (type instanceof Class<?> c && c.isRecord() && records.putIfAbsent(c.getSimpleName(), c) == null) {
            for (RecordComponent component : c.getRecordComponents()) {
                collect(component.getGenericType(), records);
            }
        }
    }

}
