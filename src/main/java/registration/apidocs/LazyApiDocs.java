package registration.apidocs;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Start-up budget (ready ≤ 4 s, idle RSS ≤ 200 MiB): springdoc's beans and ours are created when something first
 * needs them — the first {@code GET /openapi.json} or {@code /docs} — not at start-up. The few that Spring MVC
 * collects at start-up (its {@code WebMvcConfigurer}s, the controllers' types) are still found: a lazy bean is
 * created as soon as another bean injects it.
 */
class LazyApiDocs implements BeanFactoryPostProcessor {

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) {
        for (String name : factory.getBeanDefinitionNames()) {
            BeanDefinition definition = factory.getBeanDefinition(name);
            if (ours(definition) || (definition.getFactoryBeanName() != null
                    && factory.containsBeanDefinition(definition.getFactoryBeanName())
                    && ours(factory.getBeanDefinition(definition.getFactoryBeanName())))) {
                definition.setLazyInit(true);
            }
        }
    }

    private static boolean ours(BeanDefinition definition) {
        String type = definition.getBeanClassName();
        return type != null && (type.startsWith("org.springdoc.") || type.startsWith(LazyApiDocs.class.getPackageName() + "."));
    }
}
