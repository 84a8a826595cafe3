package registration.config;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * Transactions take a pooled connection at their first statement, not when they begin. Code verification
 * counts the attempt in a transaction of its own (so a wrong guess counts even though the use case fails);
 * with eager connections each verify would hold two at once and a burst of verifies could drain the pool
 * while every request waits for its second connection.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfiguration {

    @Bean
    static BeanPostProcessor lazyConnections() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !(bean instanceof LazyConnectionDataSourceProxy)) {
                    return new LazyConnectionDataSourceProxy(dataSource);
                }
                return bean;
            }
        };
    }
}
