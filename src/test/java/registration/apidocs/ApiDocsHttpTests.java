package registration.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import registration.support.HttpTest;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;

/**
 * Swagger UI at {@code /docs} (issue 19): the page loads, its scripts and styles are served, and the document it
 * points at lists the routes. Switched on explicitly here, as the suite also runs on PostgreSQL (where it is off
 * by default).
 */
@HttpTest
@TestPropertySource(properties = "customer-registration.api-docs.swagger-ui=true")
class ApiDocsHttpTests {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"\\./([^\"]+)\"");
    private static final Pattern CONFIG_URL = Pattern.compile("configUrl\\s*[:=]\\s*\"([^\"]+)\"|\"configUrl\"\\s*:\\s*\"([^\"]+)\"");

    @Autowired
    StoreApi api;

    @Test
    void swaggerUiLoadsWithItsAssetsAndTheDocumentItPointsAt() {
        Response docs = api.get("/docs", null);
        assertThat(docs.status()).as(docs.toString()).isEqualTo(302);
        String page = URI.create(docs.header("Location").orElseThrow()).getPath();
        assertThat(page).isEqualTo("/swagger-ui/index.html");

        Response html = api.get(page, null);
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.raw().body()).contains("<div id=\"swagger-ui\">");
        String folder = page.substring(0, page.lastIndexOf('/') + 1);
        Matcher assets = ASSET.matcher(html.raw().body());
        int served = 0;
        while (assets.find()) {
            Response asset = api.get(folder + assets.group(1), null);
            assertThat(asset.status()).as(assets.group(1)).isEqualTo(200);
            assertThat(asset.raw().body()).as(assets.group(1)).isNotEmpty();
            served++;
        }
        assertThat(served).as("scripts and styles of the page").isGreaterThanOrEqualTo(3);

        Response initializer = api.get(folder + "swagger-initializer.js", null);
        assertThat(initializer.status()).isEqualTo(200);
        Matcher configUrl = CONFIG_URL.matcher(initializer.raw().body());
        assertThat(configUrl.find()).as(initializer.raw().body()).isTrue();
        Response config = api.get(configUrl.group(1) != null ? configUrl.group(1) : configUrl.group(2), null);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.text("url")).isEqualTo("/openapi.json");

        Response document = api.get(config.text("url"), null);
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.text("openapi")).startsWith("3.1.");
        assertThat(document.body().path("paths").propertyNames()).contains("/store/customers", "/store/customers/me",
                "/auth/customer/emailpass", "/admin/account-deletion-requests");
    }

    @Test
    void theDocumentNeedsNoKeyAndIsNotCached() {
        Response document = api.get("/openapi.json", null);
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.header("Content-Type").orElse("")).startsWith("application/json");
        assertThat(document.header("Cache-Control")).contains("no-store");
        assertThat(document.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theRoutesOfTheStorefrontAreUntouched() {
        assertThat(api.get("/store/customers/me", null).status()).isEqualTo(401);
        assertThat(api.get("/swagger-ui/no-such-asset.js", null).status()).isEqualTo(404);
    }
}
