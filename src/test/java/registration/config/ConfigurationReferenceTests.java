package registration.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} lists every key of the configuration metadata with its type, default and
 * meaning, as {@link ConfigurationReference} renders them. A new or changed setting fails here until the
 * reference is regenerated ({@link ConfigurationReference#REGENERATE}).
 */
class ConfigurationReferenceTests {

    private static final String HOW = "docs/configuration.md is out of date with the @ConfigurationProperties "
            + "records; regenerate it with: " + ConfigurationReference.REGENERATE;

    @Test
    void everyKeyOfTheMetadataIsInTheReferenceAsGenerated() throws Exception {
        List<ConfigurationReference.Property> properties = ConfigurationReference.properties();
        String table = ConfigurationReference.table(properties);
        String doc = Files.readString(ConfigurationReference.DOC);
        if ("write".equals(System.getProperty("configuration-reference"))) {
            doc = ConfigurationReference.withTable(doc, table);
            Files.writeString(ConfigurationReference.DOC, doc);
        }
        String documented = ConfigurationReference.tableIn(doc);
        assertThat(properties).as("the configuration metadata").hasSizeGreaterThan(50);
        assertThat(properties).as(HOW)
                .allSatisfy(p -> assertThat(documented).as(HOW).contains("| `" + p.name() + "` |"));
        assertThat(documented).as(HOW).isEqualTo(table);
    }

    @Test
    void everyKeyHasAMeaning() throws Exception {
        assertThat(ConfigurationReference.properties())
                .as("settings without a description: document each component with @param in its record's Javadoc")
                .allSatisfy(p -> assertThat(p.description()).as(p.name()).isNotBlank());
    }

    @Test
    void javadocTagsBecomeMarkdown() {
        assertThat(ConfigurationReference.prose("POST {@code {to, message}} to {@code sms.webhook.url}, see {@link Senders}"))
                .isEqualTo("POST `{to, message}` to `sms.webhook.url`, see Senders");
    }
}
