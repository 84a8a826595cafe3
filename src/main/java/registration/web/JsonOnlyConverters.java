package registration.web;

import java.io.IOException;
import java.util.Map;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.converter.xml.Jaxb2RootElementHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API speaks JSON through Jackson 3 only, and parses a request body once. JAXB and Jackson 2 are on the
 * classpath for the OpenAPI document's libraries, so Spring MVC would also register their converters and ask each of
 * them, on every request, whether it can read the body or write the answer: the JAXB one looks for an annotation on
 * the class each time (2–3 % of a write route's CPU in bench/HISTORY.md, session 11; Spring Framework 7.1 stops
 * registering it for servers for that reason). The JSON converter binds a body {@link StrictJsonBodyAdvice} already
 * parsed from its tree instead of parsing the bytes again.
 */
@Configuration(proxyBeanMethods = false)
class JsonOnlyConverters implements WebMvcConfigurer {

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(converters -> {
            converters.removeIf(converter -> converter instanceof Jaxb2RootElementHttpMessageConverter
                    || converter.getClass().getSimpleName().startsWith("MappingJackson2"));
            converters.replaceAll(converter -> converter.getClass() == JacksonJsonHttpMessageConverter.class
                    ? new CheckedBodyConverter(((JacksonJsonHttpMessageConverter) converter).getMapper()) : converter);
        });
    }

    /** Jackson 3's JSON converter, binding a {@link StrictJsonBodyAdvice.CheckedBody} from its parsed tree. */
    static final class CheckedBodyConverter extends JacksonJsonHttpMessageConverter {

        CheckedBodyConverter(JsonMapper mapper) {
            super(mapper);
        }

        @Override
        public Object read(ResolvableType type, HttpInputMessage input, Map<String, Object> hints) throws IOException {
            if (!(input instanceof StrictJsonBodyAdvice.CheckedBody checked)) {
                return super.read(type, input, hints);
            }
            try {
                return getMapper().readerFor(getMapper().constructType(type.getType())).readValue(checked.tree());
            } catch (JacksonException e) {
                throw new HttpMessageNotReadableException("JSON parse error: " + e.getOriginalMessage(), e, input);
            }
        }
    }
}
