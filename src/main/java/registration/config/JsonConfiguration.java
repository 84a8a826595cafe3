package registration.config;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * One JSON convention for the whole API: snake_case names (as Medusa answers) and every instant as
 * ISO-8601 UTC with milliseconds ({@code 2026-03-12T10:15:00.000Z}, SPEC 8a "Times"); strict input.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Bean
    JsonMapperBuilderCustomizer apiJsonConventions() {
        var instants = new SimpleModule("iso-millis-instants").addSerializer(Instant.class, new ValueSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeString(ISO_MILLIS.format(value));
            }
        });
        // A key given twice is refused (400) rather than silently taking the last value.
        return builder -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).addModule(instants)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
