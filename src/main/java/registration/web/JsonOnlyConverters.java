package registration.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.xml.Jaxb2RootElementHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API speaks JSON through Jackson 3 only. JAXB and Jackson 2 are on the classpath for the OpenAPI document's
 * libraries, so Spring MVC would also register their converters, and ask each of them, on every request, whether it
 * can read the body or write the answer: the JAXB one looks for an annotation on the class each time (2–3 % of a write
 * route's CPU in bench/HISTORY.md, session 11; Spring Framework 7.1 stops registering it for servers for that reason).
 */
@Configuration(proxyBeanMethods = false)
class JsonOnlyConverters implements WebMvcConfigurer {

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(converters -> converters.removeIf(converter ->
                converter instanceof Jaxb2RootElementHttpMessageConverter
                        || converter.getClass().getSimpleName().startsWith("MappingJackson2")));
    }
}
