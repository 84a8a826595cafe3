package registration.config;

import java.time.Instant;
import java.util.Optional;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.ext.jdk8.Jdk8OptionalDeserializer;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.module.SimpleDeserializers;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.ReferenceType;

/**
 * One JSON convention for the whole API: snake_case names (as Medusa answers) and every instant as
 * ISO-8601 UTC with milliseconds ({@code 2026-03-12T10:15:00.000Z}, SPEC 8a "Times"); strict input.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer apiJsonConventions() {
        var instants = new SimpleModule("iso-millis-instants").addSerializer(Instant.class, new ValueSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeString(ApiTime.format(value));
            }
        });
        // An absent Optional field reads as null, a JSON null as Optional.empty(): a request record can tell
        // "leave unchanged" from "clear" (PATCH /store/customers/me, as in Medusa).
        var absentOptionals = new SimpleModule("absent-optional-is-null").setDeserializers(new SimpleDeserializers() {
            @Override
            public ValueDeserializer<?> findReferenceDeserializer(ReferenceType type, DeserializationConfig config,
                                                                  BeanDescription.Supplier description,
                                                                  TypeDeserializer contentTypes, ValueDeserializer<?> content) {
                return type.hasRawClass(Optional.class) ? new AbsentOptionalIsNull(type, contentTypes, content) : null;
            }
        });
        // A key given twice is refused (400) rather than silently taking the last value.
        return builder -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).addModule(instants)
                .addModule(absentOptionals).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    private static final class AbsentOptionalIsNull extends Jdk8OptionalDeserializer {

        AbsentOptionalIsNull(JavaType type, TypeDeserializer contentTypes, ValueDeserializer<?> content) {
            super(type, null, contentTypes, content);
        }

        @Override
        public AbsentOptionalIsNull withResolved(TypeDeserializer contentTypes, ValueDeserializer<?> content) {
            return new AbsentOptionalIsNull(_fullType, contentTypes, content);
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return null;
        }
    }
}
