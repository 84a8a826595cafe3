package registration.config;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports a setting refused by validation under the key it is set with
 * ({@code customer-registration.account-deletion-request.scheduled-days}), where Spring Boot's own report
 * names the Java field ({@code …scheduledDays}). Values are left out: the refused one may be a secret.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidSettingsFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        ValidationErrors errors = cause.getValidationErrors();
        StringBuilder description = new StringBuilder("Invalid configuration:\n");
        for (ObjectError error : errors.getAllErrors()) {
            String key = errors.getName().toString();
            if (error instanceof FieldError field) {
                key += "." + DataObjectPropertyName.toDashedForm(field.getField());
            }
            description.append("    ").append(key).append(": ").append(error.getDefaultMessage()).append('\n');
        }
        return new FailureAnalysis(description.toString(),
                "Correct the setting(s) above; docs/configuration.md lists every key with its default and meaning.", cause);
    }
}
