package registration.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import registration.support.HttpTest;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;

/** {@code customer-registration.api-docs.swagger-ui=false}: no Swagger UI, the document is still served. */
@HttpTest
@TestPropertySource(properties = "customer-registration.api-docs.swagger-ui=false")
class ApiDocsSwitchHttpTests {

    @Autowired
    StoreApi api;

    @Test
    void swaggerUiSwitchedOffAnswers404AndTheDocumentStaysOn() {
        Response docs = api.get("/docs", null);
        assertThat(docs.status()).isEqualTo(404);
        assertThat(docs.text("type")).isEqualTo("not_found");
        assertThat(docs.text("message")).isEqualTo("Route not found");
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(404);
        assertThat(api.get("/openapi.json", null).status()).isEqualTo(200);
    }
}
