package registration.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the table of {@code docs/configuration.md} from the metadata that spring-boot-configuration-processor
 * generates at compile time ({@code target/classes/META-INF/spring-configuration-metadata.json}: every
 * {@code @ConfigurationProperties} record, its {@code @DefaultValue}s and the {@code @param} docs of its
 * components, plus {@code src/main/resources/META-INF/additional-spring-configuration-metadata.json}).
 * Only the part between {@link #BEGIN} and {@link #END} is generated; the text around it is kept.
 * {@link ConfigurationReferenceTests} fails when the file is out of date and, run with
 * {@code -Dconfiguration-reference=write}, rewrites it ({@link #REGENERATE}).
 */
final class ConfigurationReference {

    static final Path DOC = Path.of("docs/configuration.md");
    static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    static final String BEGIN = "<!-- BEGIN generated from the configuration metadata; regenerate, do not edit -->";
    static final String END = "<!-- END generated -->";
    static final String REGENERATE = "mvn -q test-compile surefire:test@default-test "
            + "-Dtest=ConfigurationReferenceTests -Dconfiguration-reference=write";

    private ConfigurationReference() {
    }

    /** One row per property name, sorted by name. */
    record Property(String name, String type, String defaultValue, String description) {
    }

    static List<Property> properties() throws IOException {
        JsonNode metadata = JsonMapper.builder().build().readTree(Files.readString(METADATA));
        Map<String, Property> byName = new TreeMap<>();
        for (JsonNode node : metadata.path("properties")) {
            Property property = new Property(node.path("name").asString(), type(node.path("type").asString("")),
                    defaultValue(node.path("defaultValue")), prose(node.path("description").asString("")));
            // Two records may bind one key (storefront-url): keep the fuller description.
            byName.merge(property.name(), property,
                    (a, b) -> a.description().length() >= b.description().length() ? a : b);
        }
        return new ArrayList<>(byName.values());
    }

    static String table(List<Property> properties) {
        StringBuilder table = new StringBuilder("| Key | Type | Default | Meaning |\n|---|---|---|---|\n");
        for (Property p : properties) {
            table.append("| `").append(p.name()).append("` | ").append(cell(p.type())).append(" | ")
                    .append(cell(p.defaultValue())).append(" | ").append(cell(p.description())).append(" |\n");
        }
        return table.toString();
    }

    /** {@code doc} with the part between the markers replaced by {@code table}. */
    static String withTable(String doc, String table) {
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(DOC + " lacks the markers " + BEGIN + " … " + END);
        }
        return doc.substring(0, begin + BEGIN.length()) + "\n" + table + doc.substring(end);
    }

    /** The generated part of {@code doc}, as {@link #withTable} writes it. */
    static String tableIn(String doc) {
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        return begin < 0 || end < begin ? "" : doc.substring(begin + BEGIN.length() + 1, end);
    }

    private static String type(String javaType) {
        String simple = javaType.replaceAll("\\b(?:[a-z]\\w*\\.)+", "").replaceAll("\\w+\\$", "");
        try {
            Class<?> type = Class.forName(javaType);
            if (type.isEnum()) {
                return Arrays.stream(type.getEnumConstants())
                        .map(c -> "`" + c.toString().toLowerCase(Locale.ROOT).replace('_', '-') + "`")
                        .collect(Collectors.joining(" / "));
            }
        } catch (ClassNotFoundException | LinkageError notAPlainClass) {
            // a generic type such as List<String>: its simple name is enough
        }
        return simple;
    }

    private static String defaultValue(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asString()));
            return items.isEmpty() ? "" : "`" + String.join(",", items) + "`";
        }
        return "`" + value.asString() + "`";
    }

    /** Javadoc inline tags as Markdown: {@code {@code x}} as {@code `x`}, {@code {@link X}} as X. */
    static String prose(String javadoc) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < javadoc.length()) {
            boolean code = javadoc.startsWith("{@code ", i);
            boolean link = javadoc.startsWith("{@link ", i);
            if (!code && !link) {
                out.append(javadoc.charAt(i++));
                continue;
            }
            int start = i + 7;
            int depth = 1;
            int j = start;
            while (j < javadoc.length() && depth > 0) {
                char c = javadoc.charAt(j++);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            String inner = javadoc.substring(start, depth == 0 ? j - 1 : j);
            out.append(code ? "`" + inner + "`" : inner);
            i = j;
        }
        return out.toString().replaceAll("\\s+", " ").strip();
    }

    private static String cell(String text) {
        return text.isEmpty() ? "—" : text.replace("|", "\\|");
    }
}
