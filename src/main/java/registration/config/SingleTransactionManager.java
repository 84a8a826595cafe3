package registration.config;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * Hands {@code @Transactional} its one transaction manager directly. Left with the bean factory, Spring looks for a
 * {@code @Qualifier} on the target class at every call (to pick among several managers) by scanning its annotations:
 * about 3 % of a write request's CPU in the profiles of bench/HISTORY.md (session 11). The service has exactly one
 * manager, the request pool's; a second one would need this removed and a qualifier on each use.
 */
@Component
class SingleTransactionManager implements SmartInitializingSingleton {

    private final ObjectProvider<TransactionInterceptor> interceptors;
    private final PlatformTransactionManager manager;

    SingleTransactionManager(ObjectProvider<TransactionInterceptor> interceptors, PlatformTransactionManager manager) {
        this.interceptors = interceptors;
        this.manager = manager;
    }

    /** Before the server takes requests: without a bean factory, the interceptor uses the manager it was given. */
    @Override
    public void afterSingletonsInstantiated() {
        interceptors.forEach(interceptor -> {
            interceptor.setTransactionManager(manager);
            interceptor.setBeanFactory(null);
        });
    }
}
