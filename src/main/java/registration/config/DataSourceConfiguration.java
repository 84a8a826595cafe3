package registration.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * Any embedded H2 URL runs in PostgreSQL mode (SPEC 10 "Any H2 JDBC URL works"): the migrations and queries
 * are written for PostgreSQL ({@code ON CONFLICT}, lower-case names, nulls last), so a plain
 * {@code jdbc:h2:file:/var/lib/cr/db} would start and then answer 500 to every sign-up. The mode settings are
 * appended, replacing any the URL names with other values.
 * <p>
 * Transactions take a pooled connection at their first statement, not when they begin. Code verification
 * counts the attempt in a transaction of its own (so a wrong guess counts even though the use case fails);
 * with eager connections each verify would hold two at once and a burst of verifies could drain the pool
 * while every request waits for its second connection.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfiguration {

    private static final Map<String, String> POSTGRES_MODE = new LinkedHashMap<>();

    static {
        POSTGRES_MODE.put("MODE", "PostgreSQL");
        POSTGRES_MODE.put("DATABASE_TO_LOWER", "TRUE");
        POSTGRES_MODE.put("DEFAULT_NULL_ORDERING", "HIGH");
    }

    /** Checks the production defaults ({@link ProductionDefaultsCheck}) and puts embedded H2 in PostgreSQL mode. */
    @Bean
    static BeanPostProcessor checkedDatabaseSettings(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSourceProperties properties) {
                    ProductionDefaultsCheck.check(properties.getUrl(), Binder.get(environment)
                            .bindOrCreate("customer-registration", ProductionSettings.class));
                    ProductionDefaultsCheck.checkKeys(properties.getUrl(), Binder.get(environment)
                            .bindOrCreate("customer-registration", ProductionKeySettings.class));
                    if (properties.getUrl() != null && DatabaseKind.of(properties.getUrl()) == DatabaseKind.EMBEDDED_H2) {
                        properties.setUrl(inPostgresMode(properties.getUrl()));
                    }
                }
                return bean;
            }
        };
    }

    /** {@code url} with H2's PostgreSQL mode settings, whatever it said about them before. */
    static String inPostgresMode(String url) {
        String[] parts = url.strip().split(";");
        StringBuilder result = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String key = parts[i].split("=", 2)[0].strip().toUpperCase(Locale.ROOT);
            if (!parts[i].isBlank() && !POSTGRES_MODE.containsKey(key)) {
                result.append(';').append(parts[i]);
            }
        }
        POSTGRES_MODE.forEach((key, value) -> result.append(';').append(key).append('=').append(value));
        return result.toString();
    }

    /**
     * The PostgreSQL driver waits forever by default: for a login the server never answers, for a reply on a
     * socket whose peer went silent (hung server, half-open TCP, dropped partition). A pool thread stuck there
     * outlasts the fault (issue 23: requests failed for as long as the stale sockets lived). These bound every
     * wait of the request pool; each one is overridable under {@code spring.datasource.hikari.data-source-properties}
     * (or in the JDBC URL, which wins). Only on PostgreSQL URLs: H2 does not know them.
     */
    static final Map<String, String> POSTGRES_WAITS = Map.of(
            "loginTimeout", "5",      // seconds for connect + authentication
            "connectTimeout", "5",    // seconds for the TCP connect alone
            "socketTimeout", "15",    // seconds without a byte from the server, longer than any request's statement
            "tcpKeepAlive", "true");  // lets the kernel notice a dead peer on an idle pooled connection

    /**
     * Migrations on connections of their own (SPEC §11 "Hashing and connections"): a migration's statement may be
     * silent far longer than a request's (an index built over a big table), and must not be cut by the request
     * pool's {@code socketTimeout}. On PostgreSQL Flyway gets the pool's URL, login and driver settings without the
     * socket timeout (connect and login stay bounded), unless {@code spring.flyway.url} names a database of its own.
     */
    @Bean
    FlywayConfigurationCustomizer migrationsOnTheirOwnConnections(DataSource dataSource) {
        return configuration -> {
            if (configuration.getDataSource() != dataSource) {
                return; // spring.flyway.url / .user: the operator chose
            }
            HikariDataSource pool;
            try {
                pool = dataSource.unwrap(HikariDataSource.class);
            } catch (java.sql.SQLException e) {
                return; // not Hikari: left as configured
            }
            if (pool.getJdbcUrl() == null || !pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
                return;
            }
            Properties properties = new Properties();
            properties.putAll(pool.getDataSourceProperties());
            properties.setProperty("socketTimeout", "0");
            if (pool.getUsername() != null) {
                properties.setProperty("user", pool.getUsername());
            }
            if (pool.getPassword() != null) {
                properties.setProperty("password", pool.getPassword());
            }
            configuration.dataSource(new DriverManagerDataSource(pool.getJdbcUrl(), properties));
        };
    }

    @Bean
    static BeanPostProcessor lazyConnections() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
                        && hikari.getJdbcUrl().startsWith("jdbc:postgresql:")) {
                    POSTGRES_WAITS.forEach((key, value) -> {
                        if (!hikari.getDataSourceProperties().containsKey(key)) {
                            hikari.addDataSourceProperty(key, value);
                        }
                    });
                }
                if (bean instanceof DataSource dataSource && !(bean instanceof LazyConnectionDataSourceProxy)) {
                    return new LazyConnectionDataSourceProxy(dataSource);
                }
                return bean;
            }
        };
    }
}
