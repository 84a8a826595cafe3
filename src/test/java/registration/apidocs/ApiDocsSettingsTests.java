package registration.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** Which of {@code /openapi.json} and {@code /docs} are served, by setting and database. */
class ApiDocsSettingsTests {

    @Test
    void swaggerUiIsOnByDefaultOnlyOnTheEmbeddedH2() {
        assertThat(springdoc(new MockEnvironment())).isEqualTo("true/true");
        assertThat(springdoc(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:mem:x"))).isEqualTo("true/true");
        assertThat(springdoc(new MockEnvironment().withProperty("spring.datasource.url",
                "jdbc:postgresql://db:5432/shop"))).isEqualTo("true/false");
    }

    @Test
    void thePropertiesWinOverTheDatabase() {
        assertThat(springdoc(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/shop")
                .withProperty("customer-registration.api-docs.swagger-ui", "true"))).isEqualTo("true/true");
        assertThat(springdoc(new MockEnvironment().withProperty("customer-registration.api-docs.swagger-ui", "false")))
                .isEqualTo("true/false");
        assertThat(springdoc(new MockEnvironment().withProperty("customer-registration.api-docs.enabled", "false")
                .withProperty("customer-registration.api-docs.swagger-ui", "true"))).isEqualTo("false/false");
    }

    @Test
    void anExplicitSpringdocSettingStillWins() {
        assertThat(springdoc(new MockEnvironment().withProperty("springdoc.swagger-ui.enabled", "false"))).isEqualTo("true/false");
    }

    private static String springdoc(MockEnvironment environment) {
        new ApiDocsEnvironment().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty("springdoc.api-docs.enabled") + "/" + environment.getProperty("springdoc.swagger-ui.enabled");
    }
}
