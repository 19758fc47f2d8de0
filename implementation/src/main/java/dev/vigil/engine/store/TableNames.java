package dev.vigil.engine.store;

import dev.vigil.engine.InvalidSettingsException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the store's tables live, so that the engine can share a database with an application
 * or with another engine: an optional table-name prefix ({@code vigil_} gives {@code
 * vigil_monitors}, {@code vigil_history}, {@code vigil_schema_version}) and, on PostgreSQL only,
 * a schema that already exists. This record is the one place that builds the tables' names;
 * every statement of the store takes them from here.
 *
 * <p>Both parts are plain lower-case SQL identifiers (letters {@code a-z}, digits and {@code
 * '_'}, starting with a letter): they are written into SQL unquoted, which is safe only because
 * nothing else can pass, and lower case is what PostgreSQL folds unquoted names to, so the names
 * the engine checks in the catalog are the names it created.
 *
 * @param schema      the PostgreSQL schema holding the tables, or empty for the connection's
 *                    current schema ({@code search_path}); must exist, the engine does not
 *                    create schemas
 * @param tablePrefix prepended to every table and index name; empty for none
 */
public record TableNames(Optional<String> schema, String tablePrefix) {
    /** No schema, no prefix: the tables are {@code monitors}, {@code history}, {@code schema_version}. */
    public static final TableNames DEFAULT = new TableNames(Optional.empty(), "");

    /** The longest prefix: the longest table name it makes stays under PostgreSQL's 63-byte limit. */
    public static final int TABLE_PREFIX_LENGTH_MAX = 40;
    /** PostgreSQL's identifier limit (NAMEDATALEN - 1); longer names are silently truncated. */
    public static final int SCHEMA_LENGTH_MAX = 63;

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");
    private static final String RULE = "lower-case letters a-z, digits and '_', starting with a letter";

    /**
     * Validates both parts.
     *
     * @throws InvalidSettingsException naming {@code tablePrefix} or {@code schema}, the value
     *                                  and the rule it breaks
     */
    public TableNames {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(tablePrefix, "tablePrefix");
        if (!tablePrefix.isEmpty() && (tablePrefix.length() > TABLE_PREFIX_LENGTH_MAX || !IDENTIFIER.matcher(tablePrefix).matches())) {
            throw new InvalidSettingsException("tablePrefix", "'" + tablePrefix + "'",
                    "allowed: empty, or 1 … " + TABLE_PREFIX_LENGTH_MAX + " " + RULE + ", e.g. 'vigil_'");
        }
        if (schema.isPresent() && (schema.get().isEmpty() || schema.get().length() > SCHEMA_LENGTH_MAX
                || !IDENTIFIER.matcher(schema.get()).matches())) {
            throw new InvalidSettingsException("schema", "'" + schema.get() + "'",
                    "allowed: 1 … " + SCHEMA_LENGTH_MAX + " " + RULE);
        }
    }

    /**
     * These names with another prefix.
     *
     * @param value the prefix, {@code ""} for none
     * @return the new names
     * @throws InvalidSettingsException if {@code value} is not a valid prefix
     */
    public TableNames withTablePrefix(String value) {
        return new TableNames(schema, value);
    }

    /**
     * These names in a PostgreSQL schema.
     *
     * @param value the schema's name; it must exist when the store is opened
     * @return the new names
     * @throws InvalidSettingsException if {@code value} is not a valid schema name
     */
    public TableNames withSchema(String value) {
        return new TableNames(Optional.of(Objects.requireNonNull(value, "schema")), tablePrefix);
    }

    /**
     * The monitors table, qualified by the schema if there is one.
     *
     * @return e.g. {@code monitors} or {@code app.vigil_monitors}
     */
    public String monitors() {
        return qualified("monitors");
    }

    /**
     * The history table, qualified by the schema if there is one.
     *
     * @return e.g. {@code history} or {@code app.vigil_history}
     */
    public String history() {
        return qualified("history");
    }

    /**
     * The schema-version table, qualified by the schema if there is one.
     *
     * @return e.g. {@code schema_version} or {@code app.vigil_schema_version}
     */
    public String schemaVersion() {
        return qualified("schema_version");
    }

    /**
     * The engine-lease table (schema step 3), qualified by the schema if there is one.
     *
     * @return e.g. {@code engine_lease} or {@code app.vigil_engine_lease}
     */
    public String engineLease() {
        return qualified("engine_lease");
    }

    /**
     * The node table (schema step 4), qualified by the schema if there is one: the live engine
     * nodes of a multi-node store and their heartbeats.
     *
     * @return e.g. {@code engine_nodes} or {@code app.vigil_engine_nodes}
     */
    public String engineNodes() {
        return qualified("engine_nodes");
    }

    /** The history index's name: never qualified, since PostgreSQL creates an index in its table's schema. */
    String historyIndex() {
        return tablePrefix + "history_by_monitor";
    }

    /** The three tables' names without schema, as the catalog lists them: monitors, history, schema version. */
    List<String> unqualifiedTables() {
        return List.of(tablePrefix + "monitors", tablePrefix + "history", tablePrefix + "schema_version");
    }

    /** Every name the store creates, tables and index, without schema. */
    List<String> unqualified() {
        return List.of(tablePrefix + "monitors", tablePrefix + "history", tablePrefix + "schema_version", historyIndex(),
                tablePrefix + "engine_lease", tablePrefix + "engine_nodes");
    }

    /** One JDBC parameter per name of {@link #unqualified}, comma-separated, for an {@code IN (…)} list. */
    String unqualifiedPlaceholders() {
        return String.join(", ", java.util.Collections.nCopies(unqualified().size(), "?"));
    }

    private String qualified(String table) {
        return schema.map(name -> name + ".").orElse("") + tablePrefix + table;
    }
}
