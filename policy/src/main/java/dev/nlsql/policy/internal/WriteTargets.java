package dev.nlsql.policy.internal;

import dev.nlsql.policy.PolicyConfig;
import dev.nlsql.policy.PolicyException;
import java.util.Locale;

/**
 * Decides whether a DDL/DML target is a scratch object, and routes unqualified new objects into
 * the scratch schema. Writes aimed at anything else are refused with SQLState 25006 and a message
 * that says how to copy the data into scratch instead.
 */
final class WriteTargets {

    private final PolicyConfig config;
    private final CatalogLookups catalog;

    WriteTargets(PolicyConfig config, CatalogLookups catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    /**
     * @param database catalog/database part or null
     * @param schema schema part (unquoted) or null
     * @param name object name (unquoted)
     * @param creates whether the statement creates the object
     * @return the schema to render (the scratch schema name), never null on success
     */
    String resolve(String database, String schema, String name, String verb, boolean creates)
            throws PolicyException {
        String scratch = config.scratchSchema();
        if (database != null && !database.isEmpty()) {
            throw sourceWrite(verb, (database + "." + schema + "." + name), name);
        }
        if (schema != null && !schema.isEmpty()) {
            if (schema.equalsIgnoreCase(scratch)) {
                return scratch;
            }
            throw sourceWrite(verb, schema + "." + name, name);
        }
        if (creates) {
            return scratch;
        }
        if (catalog.contains(name)) {
            return scratch;
        }
        throw sourceWrite(verb, name, name);
    }

    private PolicyException sourceWrite(String verb, String target, String name) {
        String s = config.scratchSchema();
        String t = name.toLowerCase(Locale.ROOT).equals(name) ? name : name;
        return Refusals.readOnly(verb + " on " + target + " is refused: the source database is read-only and "
                + target + " is not a scratch object. Copy it into scratch and change the copy: "
                + "CREATE TABLE " + s + "." + t + " AS SELECT * FROM " + target, "source-read-only");
    }
}
