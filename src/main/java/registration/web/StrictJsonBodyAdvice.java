package registration.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads every JSON request body strictly before Jackson binds it (SPEC 8a "Strict input", "Limits"):
 * at most 64 KB, a JSON object, no fields the request record does not declare (all of them named in one
 * message), and no type coercion ({@code 5} is not a string). The messages read like Medusa's validator.
 * Every string of the body, nested ones and object keys included, is checked by {@link PlainText} (SPEC 10
 * "Input"): one place for every route, so a new field cannot forget it.
 */
@ControllerAdvice
class StrictJsonBodyAdvice extends RequestBodyAdviceAdapter {

    static final int MAX_BODY_BYTES = 64 * 1024;

    private final JsonMapper json;
    private final Map<Class<?>, Map<String, Class<?>>> fieldsByRecord = new ConcurrentHashMap<>();

    StrictJsonBodyAdvice(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> c && c.isRecord();
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = readLimited(input.getBody());
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.invalid("Invalid request: the body is not valid JSON");
        }
        if (tree == null || tree.isMissingNode()) {
            throw ApiException.invalid("Invalid request: a JSON body is required");
        }
        if (!tree.isObject()) {
            throw ApiException.invalid("Invalid request: the body must be a JSON object");
        }
        PlainText.check(tree); // first: no other message echoes a control character back
        check(tree, fieldsOf((Class<?>) targetType));
        return new CheckedBody(tree, body, input.getHeaders());
    }

    /**
     * A body read and checked here: {@link JsonOnlyConverters} binds the record from its tree, so the bytes are parsed
     * once (parsing them again cost more than binding).
     */
    record CheckedBody(JsonNode tree, byte[] bytes, HttpHeaders headers) implements HttpInputMessage {
        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(ErrorType.PAYLOAD_TOO_LARGE, "Request body is larger than 64 KB");
        }
        return bytes;
    }

    private static void check(JsonNode body, Map<String, Class<?>> fields) {
        List<String> unknown = new ArrayList<>();
        for (String name : body.propertyNames()) {
            if (!fields.containsKey(name)) {
                unknown.add("'" + name + "'");
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.invalid("Invalid request: Unrecognized fields: " + String.join(", ", unknown));
        }
        fields.forEach((name, type) -> {
            JsonNode value = body.get(name);
            if (value != null && !value.isNull() && !matches(value, type)) {
                throw ApiException.invalid("Invalid request: Expected type: '" + jsonType(type) + "' for field '"
                        + name + "', got: '" + (value.isString() ? value.asString() : value.toString()) + "'");
            }
        });
    }

    private static boolean matches(JsonNode value, Class<?> type) {
        if (type == String.class) return value.isString();
        if (type == Boolean.class || type == boolean.class) return value.isBoolean();
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return value.isIntegralNumber();
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return value.isNumber();
        if (Map.class.isAssignableFrom(type)) return value.isObject();
        if (Collection.class.isAssignableFrom(type)) return value.isArray();
        return true; // JsonNode and other free-form fields: the use case decides
    }

    private static String jsonType(Class<?> type) {
        if (type == String.class) return "string";
        if (type == Boolean.class || type == boolean.class) return "boolean";
        if (Map.class.isAssignableFrom(type)) return "object";
        if (Collection.class.isAssignableFrom(type)) return "array";
        return "number";
    }

    /** The component's type; for {@code Optional<T>} (a field that may be absent, null or set), {@code T}'s class. */
    private static Class<?> valueType(RecordComponent component) {
        if (component.getType() == Optional.class
                && component.getGenericType() instanceof ParameterizedType optional) {
            Type value = optional.getActualTypeArguments()[0];
            if (value instanceof ParameterizedType parameterized) {
                value = parameterized.getRawType();
            }
            return value instanceof Class<?> c ? c : Object.class;
        }
        return component.getType();
    }

    private Map<String, Class<?>> fieldsOf(Class<?> record) {
        return fieldsByRecord.computeIfAbsent(record, r -> {
            Map<String, Class<?>> fields = new LinkedHashMap<>();
            for (RecordComponent component : r.getRecordComponents()) {
                // A component named explicitly (address_1: snake_case puts no underscore before a digit) keeps its name.
                var named = component.getAccessor().getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                fields.put(named != null && !named.value().isEmpty() ? named.value() : JsonNames.of(component.getName()),
                        valueType(component));
            }
            return fields;
        });
    }
}
