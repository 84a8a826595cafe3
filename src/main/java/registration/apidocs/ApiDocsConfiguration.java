package registration.apidocs;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The document's frame: title, the two credentials ({@code bearer} JWT, Medusa's publishable key), the shared
 * {@code Error} schema, snake_case property names, and the customizers that add auth, errors and strictness.
 * springdoc builds the document on the first {@code GET /openapi.json}, not at start-up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "springdoc.api-docs.enabled", havingValue = "true", matchIfMissing = true)
class ApiDocsConfiguration {


    @Bean
    static LazyApiDocs lazyApiDocs() {
        return new LazyApiDocs();
    }

    @Bean
    OpenAPI customerRegistrationApi() {
        return new OpenAPI()
                .info(new Info().title("customer-registration").version("1")
                        .description("Storefront customer sign-up and sign-in; the HTTP API of the Medusa v2 plugin "
                                + "`customer-registration`. Every error is `{type, message[, code]}`. Guide: docs/api.md."))
                .components(new Components()
                        .addSecuritySchemes(RouteContract.BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("A JWT from the `/auth` routes; each route says which kind it takes."))
                        .addSecuritySchemes(RouteContract.PUBLISHABLE_KEY, new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("x-publishable-api-key")
                                .description("Medusa's publishable key: needed on every `/store` route when the service is "
                                        + "configured with `customer-registration.store.publishable-keys`, ignored otherwise.")));
    }

    /** Property names as the API writes them (snake_case; springdoc's own mapper would say camelCase). */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        // Free-form fields (UpdateCustomerRequest's email/phone, read only to refuse them): any JSON, not JsonNode's getters.
        org.springdoc.core.utils.SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.JsonNode.class, new JsonSchema());
        return new ModelResolver(Json31.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .openapi31(true);
    }

    @Bean
    Routes apiRoutes(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
        return new Routes(mapping);
    }

    /** Auth and errors first (they take the token-resolved parameters out), then the schemas are tightened and pruned. */
    @Bean
    @DependsOn("modelConverterRegistrar") // springdoc's registrar of our ModelResolver: lazy too, and needed by no one else
    OpenApiCustomizer routeContractAndStrictSchemas(Routes routes) {
        RouteContract contract = new RouteContract(routes);
        StrictSchemas schemas = new StrictSchemas(routes);
        return api -> {
            contract.customise(api);
            schemas.customise(api);
        };
    }
}
