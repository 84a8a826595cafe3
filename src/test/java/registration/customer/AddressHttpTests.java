package registration.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static registration.support.StoreApi.PASSWORD;
import static registration.support.StoreApi.body;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import registration.support.HttpTest;
import registration.support.Mailbox;
import registration.support.StoreApi;
import registration.support.StoreApi.Response;
import tools.jackson.databind.JsonNode;

/**
 * {@code /store/customers/me/addresses}: Medusa's store address routes and shapes, one default of each kind
 * under race, paging, another customer's address as 404, {@code customer.addresses} on {@code /me} (evicted
 * from the cache by every write), the data export and the erasure with the account.
 */
@HttpTest
@TestPropertySource(properties = {"customer-registration.registration.require-verification=false",
        "customer-registration.email-verification.auto-send-on-registration=false",
        "customer-registration.account-deletion-request.scheduled-days=0"})
class AddressHttpTests {

    private static final String ADDRESSES = "/store/customers/me/addresses";

    @Autowired
    StoreApi api;
    @Autowired
    Mailbox mailbox;
    @Autowired
    JdbcClient jdbc;

    record Signed(String email, String customerId, String token) {
    }

    @Test
    void createsReadsUpdatesAndDeletesAnAddressInMedusasShapesAndMeFollowsEveryWrite() {
        Signed ada = signUp();
        assertThat(api.me(ada.token()).body().path("customer").path("addresses").size()).isZero(); // now cached

        Response created = add(ada, body("address_name", "Home", "company", "Engines Ltd", "first_name", "Ada",
                "last_name", "Lovelace", "address_1", "12 St James's Square", "address_2", "Flat 2", "city", "London",
                "country_code", "GB", "province", "Greater London", "postal_code", "SW1Y 4JH", "phone", "+44 20 7946 0000",
                "metadata", body("door", "blue"), "is_default_shipping", true));

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode customer = created.body().path("customer");
        assertThat(customer.path("id").asString()).isEqualTo(ada.customerId());
        JsonNode address = customer.path("addresses").get(0);
        assertThat(customer.path("addresses").size()).isEqualTo(1);
        assertThat(address.propertyNames()).containsExactly("id", "address_name", "is_default_shipping",
                "is_default_billing", "customer_id", "company", "first_name", "last_name", "address_1", "address_2",
                "city", "country_code", "province", "postal_code", "phone", "metadata", "created_at", "updated_at");
        String id = address.path("id").asString();
        assertThat(id).startsWith("cuaddr_");
        assertThat(address.path("address_1").asString()).isEqualTo("12 St James's Square");
        assertThat(address.path("country_code").asString()).isEqualTo("gb"); // stored lower-case, as Medusa does
        assertThat(address.path("is_default_shipping").asBoolean()).isTrue();
        assertThat(address.path("is_default_billing").asBoolean()).isFalse();
        assertThat(address.path("customer_id").asString()).isEqualTo(ada.customerId());
        assertThat(address.path("metadata").path("door").asString()).isEqualTo("blue");

        assertThat(api.me(ada.token()).body().path("customer").path("addresses")).isEqualTo(customer.path("addresses"));
        Response one = api.get(ADDRESSES + "/" + id, ada.token());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().propertyNames()).containsExactly("address");
        assertThat(one.body().path("address")).isEqualTo(address);

        Response updated = api.post(ADDRESSES + "/" + id, body("city", "Cambridge", "company", null), ada.token());
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode changed = updated.body().path("customer").path("addresses").get(0);
        assertThat(changed.path("city").asString()).isEqualTo("Cambridge");
        assertThat(changed.path("company").isNull()).isTrue();
        assertThat(changed.path("address_1").asString()).isEqualTo("12 St James's Square"); // absent: unchanged
        assertThat(changed.path("is_default_shipping").asBoolean()).isTrue();
        assertThat(api.me(ada.token()).body().path("customer").path("addresses").get(0).path("city").asString())
                .isEqualTo("Cambridge");

        Response deleted = api.call("DELETE", ADDRESSES + "/" + id, null, ada.token(), Map.of());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().propertyNames()).containsExactly("id", "object", "deleted", "parent");
        assertThat(deleted.text("id")).isEqualTo(id);
        assertThat(deleted.text("object")).isEqualTo("address");
        assertThat(deleted.body().path("deleted").asBoolean()).isTrue();
        assertThat(deleted.body().path("parent").path("id").asString()).isEqualTo(ada.customerId());
        assertThat(deleted.body().path("parent").path("addresses").size()).isZero();
        assertThat(api.me(ada.token()).body().path("customer").path("addresses").size()).isZero();
        Response gone = api.get(ADDRESSES + "/" + id, ada.token());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.text("type")).isEqualTo("not_found");
        assertThat(gone.text("message")).isEqualTo("Address with id: " + id + " was not found");
    }

    @Test
    void aNewDefaultTakesThatRoleFromTheOldOneOfTheSameKindOnly() {
        Signed ada = signUp();
        String first = idOfLast(add(ada, body("city", "London", "is_default_shipping", true, "is_default_billing", true)));
        String second = idOfLast(add(ada, body("city", "Paris", "is_default_shipping", true)));

        JsonNode list = api.get(ADDRESSES, ada.token()).body().path("addresses");
        assertThat(flags(list)).containsExactly(first + ":false:true", second + ":true:false");

        JsonNode after = api.post(ADDRESSES + "/" + first, body("is_default_shipping", true), ada.token())
                .body().path("customer").path("addresses");
        assertThat(flags(after)).containsExactly(first + ":true:true", second + ":false:false");

        JsonNode none = api.post(ADDRESSES + "/" + first, body("is_default_billing", false), ada.token())
                .body().path("customer").path("addresses");
        assertThat(flags(none)).containsExactly(first + ":true:false", second + ":false:false");
    }

    @Test
    void ofManyRequestsMakingADefaultAtOnceExactlyOneEndsAsTheDefault() throws Exception {
        Signed ada = signUp();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(idOfLast(add(ada, body("city", "City " + i))));
        }
        var start = new CountDownLatch(1);
        var updates = ids.stream().map(id -> CompletableFuture.supplyAsync(() -> {
            await(start);
            return api.post(ADDRESSES + "/" + id, body("is_default_shipping", true, "is_default_billing", true), ada.token());
        })).toList();
        var creates = IntStream.range(0, 4).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            await(start);
            return add(ada, body("city", "New " + i, "is_default_shipping", true, "is_default_billing", true));
        })).toList();
        start.countDown();
        for (var answer : updates) {
            assertThat(answer.get().status()).as(answer.get().toString()).isEqualTo(200);
        }
        for (var answer : creates) {
            assertThat(answer.get().status()).as(answer.get().toString()).isEqualTo(200);
        }

        JsonNode list = api.get(ADDRESSES + "?limit=100", ada.token()).body().path("addresses");
        assertThat(list.size()).isEqualTo(10);
        long shipping = 0;
        long billing = 0;
        for (JsonNode address : list) {
            shipping += address.path("is_default_shipping").asBoolean() ? 1 : 0;
            billing += address.path("is_default_billing").asBoolean() ? 1 : 0;
        }
        assertThat(shipping).isEqualTo(1);
        assertThat(billing).isEqualTo(1);
    }

    @Test
    void listsPagesWithMedusasLimitOffsetAndCount() {
        Signed ada = signUp();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(idOfLast(add(ada, body("city", "City " + i))));
        }

        Response page = api.get(ADDRESSES + "?limit=2&offset=1", ada.token());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().propertyNames()).containsExactly("addresses", "count", "offset", "limit");
        assertThat(page.body().path("count").asInt()).isEqualTo(5);
        assertThat(page.body().path("offset").asInt()).isEqualTo(1);
        assertThat(page.body().path("limit").asInt()).isEqualTo(2);
        assertThat(page.body().path("addresses").findValuesAsString("id")).containsExactly(ids.get(1), ids.get(2));

        Response all = api.get(ADDRESSES, ada.token());
        assertThat(all.body().path("limit").asInt()).isEqualTo(50);
        assertThat(all.body().path("offset").asInt()).isZero();
        assertThat(all.body().path("addresses").findValuesAsString("id")).containsExactlyElementsOf(ids);
        assertThat(api.get(ADDRESSES + "?offset=5", ada.token()).body().path("addresses").size()).isZero();

        for (String bad : new String[] {"?limit=0", "?limit=101", "?limit=abc", "?offset=-1"}) {
            Response refused = api.get(ADDRESSES + bad, ada.token());
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.text("type")).isEqualTo("invalid_data");
            assertThat(refused.text("message")).as(bad).startsWith("Invalid request: Field '" + bad.substring(1, bad.indexOf('=')) + "'");
        }
        assertThat(api.get(ADDRESSES, null).status()).isEqualTo(401);
    }

    @Test
    void anotherCustomersAddressIsNotFoundAndStaysAsItIs() {
        Signed ada = signUp();
        Signed eve = signUp();
        String id = idOfLast(add(ada, body("city", "London", "is_default_shipping", true)));

        for (Response answer : List.of(api.get(ADDRESSES + "/" + id, eve.token()),
                api.post(ADDRESSES + "/" + id, body("city", "Elsewhere"), eve.token()),
                api.call("DELETE", ADDRESSES + "/" + id, null, eve.token(), Map.of()))) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            assertThat(answer.text("type")).isEqualTo("not_found");
        }
        assertThat(api.get(ADDRESSES, eve.token()).body().path("count").asInt()).isZero();
        JsonNode still = api.get(ADDRESSES + "/" + id, ada.token()).body().path("address");
        assertThat(still.path("city").asString()).isEqualTo("London");
        assertThat(still.path("is_default_shipping").asBoolean()).isTrue();
    }

    @Test
    void refusesInvalidFieldsWithInvalidDataAndStoresNothing() {
        Signed ada = signUp();
        String id = idOfLast(add(ada, body("city", "London")));
        for (Map<String, Object> bad : List.of(body("country_code", "usa"), body("city", "x".repeat(256)),
                body("unknown_field", "x"), body("is_default_shipping", "maybe"), body("metadata", "text"),
                body("metadata", body("big", "x".repeat(17 * 1024))))) {
            Response created = add(ada, bad);
            assertThat(created.status()).as(bad.keySet().toString()).isEqualTo(400);
            assertThat(created.text("type")).isEqualTo("invalid_data");
            assertThat(created.text("message")).as(created.toString()).contains("'" + bad.keySet().iterator().next());
            Response updated = api.post(ADDRESSES + "/" + id, bad, ada.token());
            assertThat(updated.status()).isEqualTo(400);
            assertThat(updated.text("type")).isEqualTo("invalid_data");
        }
        JsonNode list = api.get(ADDRESSES, ada.token()).body();
        assertThat(list.path("count").asInt()).isEqualTo(1);
        assertThat(list.path("addresses").get(0).path("city").asString()).isEqualTo("London");
        assertThat(list.path("addresses").get(0).path("country_code").isNull()).isTrue();
    }

    @Test
    void theExportHoldsTheAddressesAndTheErasureRemovesThem() {
        Signed ada = signUp();
        String id = idOfLast(add(ada, body("address_1", "12 St James's Square", "city", "London")));

        Response export = api.get("/store/customers/me/export", ada.token());
        assertThat(export.status()).isEqualTo(200);
        JsonNode exported = export.body().path("customer").path("addresses");
        assertThat(exported.size()).isEqualTo(1);
        assertThat(exported.get(0).path("id").asString()).isEqualTo(id);
        assertThat(exported.get(0).path("address_1").asString()).isEqualTo("12 St James's Square");

        String requestToken = api.requestDeletion(ada.token(), body()).text("token");
        assertThat(api.confirmDeletion(requestToken, mailbox.code(ada.email(), 1)).status()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (addressRows(ada.customerId()) > 0 && System.nanoTime() < deadline) {
            sleep(100);
        }
        assertThat(addressRows(ada.customerId())).isZero();
        assertThat(jdbc.sql("SELECT deleted_at FROM customer WHERE id = :id").param("id", ada.customerId())
                .query(java.time.OffsetDateTime.class).single()).isNotNull();
    }

    private long addressRows(String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM customer_address WHERE customer_id = :id").param("id", customerId)
                .query(Long.class).single();
    }

    private Signed signUp() {
        String email = StoreApi.newEmail();
        String registration = api.registerEmail(email, PASSWORD).text("token");
        String customerId = api.createCustomer(registration, body("email", email)).body().path("customer").path("id").asString();
        return new Signed(email, customerId, api.loginEmail(email, PASSWORD).text("token"));
    }

    private Response add(Signed customer, Map<String, Object> address) {
        return api.post(ADDRESSES, address, customer.token());
    }

    /** The id of the newest address in a {@code {customer}} answer. */
    private static String idOfLast(Response answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode addresses = answer.body().path("customer").path("addresses");
        return addresses.get(addresses.size() - 1).path("id").asString();
    }

    private static List<String> flags(JsonNode addresses) {
        List<String> flags = new ArrayList<>();
        addresses.forEach(a -> flags.add(a.path("id").asString() + ":" + a.path("is_default_shipping").asBoolean()
                + ":" + a.path("is_default_billing").asBoolean()));
        return flags;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
