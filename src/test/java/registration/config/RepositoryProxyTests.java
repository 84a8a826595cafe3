package registration.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.Advised;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.annotation.PersistenceExceptionTranslationAdvisor;
import org.springframework.stereotype.Repository;

import registration.support.HttpTest;

/**
 * Repositories are called directly, not through a proxy: JdbcClient already translates SQL errors, and the
 * translation proxy Boot adds to every {@code @Repository} costs a reflective call per query (it is switched
 * off in application.yml under a key Boot 4 renamed once already — this fails if it takes effect again).
 */
@HttpTest
class RepositoryProxyTests {

    @Autowired
    ApplicationContext context;

    @Test
    void repositoriesAreNotWrappedInExceptionTranslationProxies() {
        var repositories = context.getBeansWithAnnotation(Repository.class);

        assertThat(repositories).hasSizeGreaterThan(5);
        assertThat(repositories.values()).allSatisfy(repository -> {
            if (repository instanceof Advised proxy) { // e.g. for a @Transactional method of its own
                assertThat(proxy.getAdvisors()).noneMatch(PersistenceExceptionTranslationAdvisor.class::isInstance);
            }
        });
    }
}
