package registration.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Real services for the HTTP tests. The database is chosen by {@code -Dtest.db} ({@code h2} by default,
 * {@code postgres} for the second Surefire run): each test JVM gets a database of its own, created here and
 * dropped when the JVM exits. Without PostgreSQL the postgres run is skipped — unless the environment
 * variable {@code CI_REQUIRE_SERVICES} is set (as {@code .ci/run} does), where its absence fails the build.
 */
public class TestServices implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String JWT_SECRET = "test-secret-test-secret-test-secret-0123456789";
    public static final String SMS_WEBHOOK_SECRET = "test-webhook-secret";
    /** The master key of service keys (issue 18), independent of the JWT secret. */
    public static final String SECRET_KEY = "test-master-secret-key-test-master-secret-key";
    /** The service's public URL: the issuer of its tokens. */
    public static final String PUBLIC_URL = "https://auth.test.example";
    static final String RATE_LIMIT_ENABLED = "customer-registration.rate-limit.enabled";
    static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private static final String INLINED_TEST_PROPERTIES = "Inlined Test Properties";
    private static String databaseUrl;
    private static String postgresDatabase;

    public static boolean onPostgres() {
        return "postgres".equals(System.getProperty("test.db", "h2"));
    }

    public static boolean servicesRequired() {
        String required = System.getenv("CI_REQUIRE_SERVICES");
        return required != null && !required.isBlank() && !"0".equals(required);
    }

    /** The JDBC URL of this JVM's test database (created on first use). */
    public static synchronized String databaseUrl() {
        if (databaseUrl == null) {
            databaseUrl = onPostgres() ? createPostgresDatabase() : "jdbc:h2:file:./target/test-db/" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        }
        return databaseUrl;
    }

    /** Properties every HTTP test context gets: database, secret, SMTP and SMS webhook providers. */
    public static List<String> properties() {
        List<String> p = new ArrayList<>();
        p.add("spring.datasource.url=" + databaseUrl());
        p.add("spring.datasource.username=" + (onPostgres() ? "postgres" : "sa"));
        p.add("spring.datasource.password=");
        // Every cached test context keeps its pool: let idle ones shrink to one connection after 10 s, or a
        // full run (plus other JVMs) exceeds PostgreSQL's 100 connections and later suites skip themselves.
        p.add("spring.datasource.hikari.minimum-idle=1");
        p.add("spring.datasource.hikari.idle-timeout=10000");
        p.add("customer-registration.jwt.secret=" + JWT_SECRET);
        p.add("customer-registration.secret-key=" + SECRET_KEY);
        p.add("customer-registration.public-url=" + PUBLIC_URL);
        p.add("customer-registration.notifications.email.provider=smtp");
        p.add("spring.mail.host=127.0.0.1");
        p.add("spring.mail.port=" + Mailbox.smtpPort());
        p.add("customer-registration.notifications.sms.provider=webhook");
        p.add("customer-registration.notifications.sms.webhook.url=" + SmsInbox.url());
        p.add("customer-registration.notifications.sms.webhook.secret=" + SMS_WEBHOOK_SECRET);
        p.add("logging.level.root=WARN");
        if (onPostgres()) {
            // A production database: the storefront of the tests is the default localhost one (SPEC 10).
            p.add("customer-registration.allow-localhost-storefront=true");
        }
        return p;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        List<String> p = properties();
        // Rate limits count per client IP and every test comes from 127.0.0.1: off unless a test class turns them on.
        p.add(RATE_LIMIT_ENABLED + "=false");
        Map<String, Object> map = new LinkedHashMap<>();
        p.forEach(entry -> map.put(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1)));
        // Below a test class's own @TestPropertySource, above application.yml.
        var sources = context.getEnvironment().getPropertySources();
        var source = new MapPropertySource("test-services", map);
        if (sources.contains(INLINED_TEST_PROPERTIES)) {
            sources.addAfter(INLINED_TEST_PROPERTIES, source);
        } else {
            sources.addFirst(source);
        }
    }

    public static boolean postgresAnswers() {
        try (Connection ignored = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String createPostgresDatabase() {
        String name = "cr_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "")) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the PostgreSQL test database", e);
        }
        postgresDatabase = name;
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    /**
     * Ends the test session ({@link TestSession}): closes every application context the tests started (their
     * pools, schedulers and dispatchers with them), stops the SMTP server and the SMS webhook, and only then
     * drops this JVM's PostgreSQL database. In that order nothing is left trying to reach a database that is
     * gone, and the JVM exits at once instead of waiting for a shutdown hook race to time out.
     */
    static void closeAll() {
        TestContexts.closeAll();
        Mailbox.stop();
        SmsInbox.stop();
        if (postgresDatabase != null) {
            try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "")) {
                c.createStatement().execute("DROP DATABASE IF EXISTS " + postgresDatabase + " WITH (FORCE)");
            } catch (SQLException ignored) {
                // best effort: a leftover test database is harmless
            }
            postgresDatabase = null;
        }
    }

    /**
     * Disables a test class or method with {@code reason}, and says so in one line of the build log (Surefire
     * counts skipped tests but prints no reason).
     */
    public static ConditionEvaluationResult skipped(ExtensionContext context, String reason) {
        String what = context.getRequiredTestClass().getName() + context.getTestMethod().map(m -> "#" + m.getName()).orElse("");
        System.out.println("[skipped] " + what + ": " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    /** Skips the PostgreSQL run when no PostgreSQL answers — or fails it when CI requires the services. */
    public static class RequiredServices implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (!onPostgres() || postgresAnswers()) {
                return ConditionEvaluationResult.enabled("database available");
            }
            if (servicesRequired()) {
                throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 is required (CI_REQUIRE_SERVICES) but does not answer");
            }
            return skipped(context, "PostgreSQL does not answer on 127.0.0.1:5432");
        }
    }
}
