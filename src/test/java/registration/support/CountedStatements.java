package registration.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Counts the statements the application sends to its real database while it serves an HTTP request (the
 * request threads; background pollers and schedulers are left out), and can make statements whose SQL
 * contains a given text fail as a broken table would. Not a mock: every statement still goes to the database.
 * Import it into a test context; read it with {@link #of(DataSource)}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CountedStatements {

    /** Wraps the pool before the application's own wrappers (its lazy-connection proxy) see it. */
    @Bean
    static BeanPostProcessor countingDataSource() {
        return new Wrapper();
    }

    /** The counter of a context's {@code DataSource} bean. */
    public static Counting of(DataSource dataSource) {
        try {
            return dataSource.unwrap(Counting.class);
        } catch (SQLException e) {
            throw new IllegalStateException("The context was started without CountedStatements: " + dataSource.getClass()
                    + (dataSource instanceof DelegatingDataSource d ? " of " + d.getTargetDataSource().getClass() : ""), e);
        }
    }

    private static final class Wrapper implements BeanPostProcessor, PriorityOrdered {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof DelegatingDataSource wrapper && !(bean instanceof Counting)
                    && wrapper.getTargetDataSource() != null && !(wrapper.getTargetDataSource() instanceof Counting)) {
                wrapper.setTargetDataSource(new Counting(wrapper.getTargetDataSource())); // wrapped before this saw it
                return bean;
            }
            if (bean instanceof DataSource dataSource && !(bean instanceof DelegatingDataSource)) {
                return new Counting(dataSource);
            }
            return bean;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /** A {@code DataSource} that counts request-thread statements and fails those that contain {@link #failing}. */
    public static final class Counting extends DelegatingDataSource {

        private final AtomicLong requestStatements = new AtomicLong();
        private volatile String failing;

        Counting(DataSource target) {
            super(target);
        }

        /** Statements prepared or created on request threads since the start or the last {@link #reset}. */
        public long requestStatements() {
            return requestStatements.get();
        }

        public void reset() {
            requestStatements.set(0);
        }

        /** From now on, statements whose SQL contains {@code sqlText} fail (null: none do). */
        public void failStatementsContaining(String sqlText) {
            this.failing = sqlText;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return counted(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return counted(super.getConnection(username, password));
        }

        private Connection counted(Connection connection) {
            InvocationHandler handler = (proxy, method, args) -> {
                String name = method.getName();
                if (name.equals("prepareStatement") || name.equals("prepareCall") || name.equals("createStatement")) {
                    String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : "";
                    String fail = failing;
                    if (fail != null && sql.contains(fail)) {
                        throw new SQLTransientConnectionException("Refused by the test: " + fail);
                    }
                    if (RequestContextHolder.getRequestAttributes() != null) {
                        requestStatements.incrementAndGet();
                    }
                }
                try {
                    return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[]{Connection.class}, handler);
        }
    }
}
