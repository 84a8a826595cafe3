package registration.apidocs;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import registration.config.DatabaseKind;

/**
 * Turns {@link ApiDocsSettings} into springdoc's switches before the auto-configuration reads them, so that a
 * switched-off document or Swagger UI costs no bean and no route at all. Added last: a {@code springdoc.*} value
 * set explicitly still wins.
 */
class ApiDocsEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        ApiDocsSettings settings = binder.bindOrCreate(ApiDocsSettings.PREFIX, ApiDocsSettings.class);
        boolean embedded = DatabaseKind.of(environment.getProperty("spring.datasource.url")) == DatabaseKind.EMBEDDED_H2;
        environment.getPropertySources().addLast(new MapPropertySource("customer-registration-api-docs", Map.of(
                "springdoc.api-docs.enabled", Boolean.toString(settings.enabled()),
                "springdoc.swagger-ui.enabled", Boolean.toString(settings.swaggerUiOn(embedded)))));
    }
}
