package registration.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Looks for a personal value (an email, a phone number) in every text column of every table of the application's
 * schema, on H2 and PostgreSQL alike: what an erasure must leave nowhere. Case-insensitive, substring match.
 */
public final class PersonalDataScan {

    private PersonalDataScan() {
    }

    /** "table.column" of every text column holding {@code value}, none when it is gone. */
    public static List<String> columnsHolding(JdbcClient jdbc, String value) {
        record Column(String table, String column) {
        }
        List<Column> columns = jdbc.sql("""
                SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE LOWER(table_schema) = 'public' ORDER BY table_name, column_name""")
                .query((rs, n) -> {
                    String type = rs.getString("data_type").toLowerCase(Locale.ROOT);
                    boolean text = type.contains("char") || type.contains("text") || type.contains("clob") || type.contains("json");
                    return text ? new Column(rs.getString("table_name"), rs.getString("column_name")) : null;
                })
                .list().stream().filter(java.util.Objects::nonNull).toList();
        if (columns.isEmpty()) {
            throw new AssertionError("No text column found: the scan would prove nothing");
        }
        String pattern = "%" + value.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<String> holding = new ArrayList<>();
        for (Column c : columns) {
            long found = jdbc.sql("SELECT COUNT(*) FROM \"" + c.table() + "\" WHERE LOWER(CAST(\"" + c.column()
                            + "\" AS VARCHAR(100000))) LIKE :pattern ESCAPE '\\'")
                    .param("pattern", pattern).query(Long.class).single();
            if (found > 0) {
                holding.add(c.table() + "." + c.column());
            }
        }
        return holding;
    }
}
