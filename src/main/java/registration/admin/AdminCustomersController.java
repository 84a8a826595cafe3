package registration.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import registration.auth.AdminActor;
import registration.customer.VerificationSent;
import registration.web.ApiException;

/**
 * The operator's customer routes (issue 20), admin user token only (a customer's token → 401):
 * {@code GET /admin/customers} (search, filters, Medusa-style paging) and {@code GET /admin/customers/{id}}, and the
 * actions {@code POST /admin/customers/{id}/block|unblock|unlock|revoke-sessions|cancel-deletion|erase|resend-verification}.
 * See docs/operating.md.
 */
@RestController
class AdminCustomersController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    private static final Set<String> PARAMETERS = Set.of("q", "email_verified", "phone_verified", "has_pending_deletion",
            "locked", "blocked", "limit", "offset", "order", "fields");

    private final CustomerSearch search;
    private final CustomerOperations operations;
    private final CustomerDetails details;

    AdminCustomersController(CustomerSearch search, CustomerOperations operations, CustomerDetails details) {
        this.details = details;
        this.search = search;
        this.operations = operations;
    }

    /**
     * Medusa's list shape {@code {customers, count, offset, limit}}; {@code created_at[$gte|$gt|$lte|$lt]} (also
     * without the {@code $}); {@code order} one of {@code created_at}, {@code email}, {@code id}, {@code -} first for
     * descending (default {@code -created_at}); {@code limit} above {@value #MAX_LIMIT} is capped. {@code count} is exact
     * up to {@value CustomerSearch#MAX_COUNT} matches; beyond, it is that number and {@code count_capped} is true.
     */
    /** Medusa's list shape; {@code count_capped}: {@code count} stopped at {@value CustomerSearch#MAX_COUNT}. */
    record CustomerList(List<CustomerSearch.Row> customers, long count, boolean countCapped, int offset, int limit) {
    }

    record CustomerDetailAnswer(CustomerDetail customer) {
    }

    /** Medusa's delete answer, with the deletion request that records the erasure. */
    record Erased(String id, String object, boolean deleted, String deletionRequestId) {
    }

    /** The type and expiry of the code sent; never its OTP token. */
    record VerificationResent(String type, Instant expiresAt) {
    }

    @GetMapping("/admin/customers")
    CustomerList list(AdminActor admin, @RequestParam Map<String, String> params) {
        Instant from = null;
        Instant to = null;
        boolean fromInclusive = true;
        boolean toInclusive = true;
        for (var param : params.entrySet()) {
            String name = param.getKey();
            if (name.startsWith("created_at[") && name.endsWith("]")) {
                String operator = name.substring("created_at[".length(), name.length() - 1).replace("$", "");
                Instant at = instant(name, param.getValue());
                switch (operator) {
                    case "gte", "gt" -> {
                        from = at;
                        fromInclusive = operator.equals("gte");
                    }
                    case "lte", "lt" -> {
                        to = at;
                        toInclusive = operator.equals("lte");
                    }
                    default -> throw ApiException.invalid("Invalid request: Unrecognized operator '" + operator
                            + "' in '" + name + "'; expected $gte, $gt, $lte or $lt");
                }
            } else if (!PARAMETERS.contains(name)) {
                throw ApiException.invalid("Invalid request: Unrecognized field '" + name + "'");
            }
        }
        int limit = number(params, "limit", DEFAULT_LIMIT, 1);
        int offset = number(params, "offset", 0, 0);
        String order = params.getOrDefault("order", "-created_at");
        boolean descending = order.startsWith("-");
        CustomerSearch.Order by = switch (descending ? order.substring(1) : order) {
            case "created_at" -> CustomerSearch.Order.CREATED_AT;
            case "email" -> CustomerSearch.Order.EMAIL;
            case "id" -> CustomerSearch.Order.ID;
            default -> throw ApiException.invalid("Invalid request: Field 'order' must be one of: created_at, email, id"
                    + " (with a leading '-' for descending)");
        };
        var filter = new CustomerSearch.Filter(params.get("q"), flag(params, "email_verified"), flag(params, "phone_verified"),
                flag(params, "has_pending_deletion"), flag(params, "locked"), flag(params, "blocked"), from, to,
                fromInclusive, toInclusive);
        int capped = Math.min(limit, MAX_LIMIT);
        CustomerSearch.Page page = search.search(filter, by, descending, capped, offset);
        return new CustomerList(page.customers(), page.count(), page.capped(), offset, capped);
    }

    @GetMapping("/admin/customers/{id}")
    CustomerDetailAnswer get(AdminActor admin, @PathVariable String id) {
        return new CustomerDetailAnswer(details.of(id));
    }

    @PostMapping("/admin/customers/{id}/block")
    CustomerDetailAnswer block(AdminActor admin, @PathVariable String id) {
        return new CustomerDetailAnswer(operations.block(admin, id));
    }

    @PostMapping("/admin/customers/{id}/unblock")
    CustomerDetailAnswer unblock(AdminActor admin, @PathVariable String id) {
        return new CustomerDetailAnswer(operations.unblock(admin, id));
    }

    @PostMapping("/admin/customers/{id}/unlock")
    CustomerDetailAnswer unlock(AdminActor admin, @PathVariable String id) {
        return new CustomerDetailAnswer(operations.unlock(admin, id));
    }

    @PostMapping("/admin/customers/{id}/revoke-sessions")
    CustomerDetailAnswer revokeSessions(AdminActor admin, @PathVariable String id) {
        return new CustomerDetailAnswer(operations.revokeSessions(admin, id));
    }

    @PostMapping("/admin/customers/{id}/cancel-deletion")
    CustomerDetailAnswer cancelDeletion(AdminActor admin, @PathVariable String id) {
        return new CustomerDetailAnswer(operations.cancelDeletion(admin, id));
    }

    record EraseRequest(@NotNull String confirm) {
    }

    /** Medusa's delete answer, {@code {id, object, deleted}}. */
    @PostMapping("/admin/customers/{id}/erase")
    Erased erase(AdminActor admin, @PathVariable String id, @Valid @RequestBody EraseRequest body) {
        String requestId = operations.erase(admin, id, body.confirm());
        return new Erased(id, "customer", true, requestId);
    }

    record ResendRequest(@NotNull String type) {
    }

    /** The code goes to the customer; the operator gets only its type and expiry, never the OTP token. */
    @PostMapping("/admin/customers/{id}/resend-verification")
    VerificationResent resendVerification(AdminActor admin, @PathVariable String id,
                                          @Valid @RequestBody ResendRequest body) {
        VerificationSent sent = operations.resendVerification(admin, id, body.type());
        return new VerificationResent(sent.type(), sent.expiresAt());
    }

    private static Boolean flag(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalid("Invalid request: Field '" + name + "' must be true or false");
        };
    }

    private static int number(Map<String, String> params, String name, int otherwise, int min) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid("Invalid request: Field '" + name + "' must be a number, at least " + min);
    }

    /** An ISO-8601 instant ({@code 2026-12-01T10:00:00Z}) or a date ({@code 2026-12-01}, midnight UTC). */
    private static Instant instant(String name, String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("Invalid request: Field '" + name + "' must be a date or an ISO-8601 date-time");
        }
    }
}
