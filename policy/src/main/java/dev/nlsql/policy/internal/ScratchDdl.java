package dev.nlsql.policy.internal;

import dev.nlsql.policy.Engine;
import dev.nlsql.policy.PolicyConfig;
import dev.nlsql.policy.PolicyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.select.Select;

/**
 * The DDL rules for a user's own scratch objects beyond plain tables and views: column options of
 * {@code CREATE TABLE} (DEFAULT literals, generated columns, foreign keys) and {@code CREATE/DROP
 * INDEX}. Everything it allows creates or drops objects inside the scratch schema only:
 * <ul>
 *   <li>a foreign key may reference only a scratch table (qualified with the scratch schema, the
 *       table being created, or an unqualified name the scratch catalog knows); rendered unqualified
 *       on SQLite and DuckDB (both resolve it in the child table's own database, and neither accepts a
 *       qualified name there) and scratch-qualified on H2 and PostgreSQL; no ON DELETE/UPDATE actions;</li>
 *   <li>a generated column's expression is parsed by JSqlParser and walked like a SELECT's (allow- and
 *       deny-listed functions, no subqueries); the re-rendered expression replaces the text;</li>
 *   <li>an index is created on a scratch table and in scratch (plain columns, ASC/DESC, UNIQUE,
 *       IF NOT EXISTS; no expressions, WHERE, USING, INCLUDE, storage options, tablespaces);
 *       {@code DROP INDEX} names are always rendered scratch-qualified.</li>
 * </ul>
 * Refusals are 42501 (rules {@code scratch-foreign-key}, {@code scratch-generated-column},
 * {@code scratch-index}, {@code create-table-column-options}).
 */
final class ScratchDdl {

    private static final Pattern SAFE_COLUMN_SPEC = Pattern.compile(
            "(?i)NOT|NULL|PRIMARY|KEY|UNIQUE|DEFAULT|AUTOINCREMENT|AUTO_INCREMENT|ASC|DESC|COLLATE|NOCASE|BINARY"
                    + "|RTRIM|TRUE|FALSE|CURRENT_TIMESTAMP|CURRENT_DATE|-?[0-9]+(\\.[0-9]+)?|'([^'\\\\]|'')*'");
    /** What may follow a generated column's expression. */
    private static final Pattern GENERATED_KIND = Pattern.compile("(?i)STORED|VIRTUAL");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|\"[^\"]+\"|\\[[^\\]]+\\]|`[^`]+`");
    private static final Pattern ORDER = Pattern.compile("(?i)ASC|DESC");

    private final PolicyConfig config;
    private final CatalogLookups catalog;
    private final Consumer<Object> walk;

    /**
     * @param walk checks every node under the object it is given as a SELECT's nodes are checked
     *     (throws {@link PolicyViolation} on a refused one)
     */
    ScratchDdl(PolicyConfig config, CatalogLookups catalog, Consumer<Object> walk) {
        this.config = config;
        this.catalog = catalog;
        this.walk = walk;
    }

    /** Checks the column options and FOREIGN KEY constraints of a CREATE TABLE and re-renders them in place. */
    void checkColumnsAndConstraints(CreateTable ct) throws PolicyException {
        String created = ct.getTable().getUnquotedName();
        if (ct.getColumnDefinitions() != null) {
            for (ColumnDefinition cd : ct.getColumnDefinitions()) {
                if (cd.getColumnSpecs() != null) {
                    cd.setColumnSpecs(columnSpecs(cd.getColumnSpecs(), created));
                }
            }
        }
        if (ct.getIndexes() != null) {
            for (Index ix : ct.getIndexes()) {
                if (ix instanceof ForeignKeyIndex fk) {
                    reference(fk, created);
                    continue;
                }
                String type = String.valueOf(ix.getType()).toUpperCase(Locale.ROOT);
                if (!type.contains("PRIMARY") && !type.contains("UNIQUE") && !type.equals("INDEX")
                        && !type.equals("KEY")) {
                    throw Refusals.forbidden("table constraint " + type + " is refused", "create-table-constraint");
                }
            }
        }
    }

    private List<String> columnSpecs(List<String> specs, String created) throws PolicyException {
        List<String> out = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            String spec = specs.get(i);
            String upper = spec.toUpperCase(Locale.ROOT);
            if (upper.startsWith("REFERENCES ") || upper.startsWith("REFERENCES\t")) {
                out.add(columnReference(spec, created));
            } else if (upper.equals("GENERATED") && i + 3 < specs.size()
                    && specs.get(i + 1).equalsIgnoreCase("ALWAYS") && specs.get(i + 2).equalsIgnoreCase("AS")
                    && specs.get(i + 3).startsWith("(")) {
                out.add("GENERATED");
                out.add("ALWAYS");
                out.add("AS");
                out.add(generated(specs.get(i + 3)));
                i += 3;
            } else if (upper.equals("AS") && i + 1 < specs.size() && specs.get(i + 1).startsWith("(")) {
                out.add("AS");
                out.add(generated(specs.get(i + 1)));
                i += 1;
            } else if (GENERATED_KIND.matcher(spec).matches() && i > 0 && out.get(out.size() - 1).startsWith("(")) {
                out.add(upper);
            } else if (SAFE_COLUMN_SPEC.matcher(spec).matches()) {
                out.add(spec);
            } else {
                throw Refusals.forbidden("column option '" + spec + "' is refused (only NOT NULL, PRIMARY KEY,"
                        + " UNIQUE, DEFAULT literal, COLLATE, REFERENCES a scratch table, GENERATED ALWAYS AS"
                        + " (expression))", "create-table-column-options");
            }
        }
        return out;
    }

    /** A generated column's expression, parsed, checked as a SELECT's expressions are, re-rendered. */
    private String generated(String text) throws PolicyException {
        Expression e;
        try {
            e = CCJSqlParserUtil.parseExpression(text, false, this::configure);
        } catch (Exception | StackOverflowError ex) {
            throw Refusals.forbidden("generated column expression " + text + " cannot be read", "scratch-generated-column");
        }
        AstWalker.walk(e, n -> {
            if (n instanceof Select) {
                throw new PolicyViolation(Refusals.forbidden("a subquery in a generated column is refused",
                        "scratch-generated-column"));
            }
        });
        walk.accept(e);
        String r = e.toString();
        return r.startsWith("(") ? r : "(" + r + ")";
    }

    private void configure(CCJSqlParser p) {
        boolean brackets = config.engine() == Engine.SQLITE || config.engine() == Engine.SQLSERVER;
        p.withSquareBracketQuotation(brackets).withAllowComplexParsing(false);
    }

    /**
     * A column-level {@code REFERENCES ...} option is kept by JSqlParser as text; it is read by
     * JSqlParser again as the table-level constraint {@code FOREIGN KEY (c) REFERENCES ...} and
     * rendered from that tree.
     */
    private String columnReference(String spec, String created) throws PolicyException {
        ForeignKeyIndex fk;
        try {
            CCJSqlParser p = CCJSqlParserUtil.newParser("CREATE TABLE x (c INT, FOREIGN KEY (c) " + spec + ")");
            configure(p);
            Statement st = p.Statement();
            if (!(st instanceof CreateTable ct) || ct.getIndexes() == null || ct.getIndexes().size() != 1
                    || ct.getColumnDefinitions().size() != 1 || !(ct.getIndexes().get(0) instanceof ForeignKeyIndex f)) {
                throw new IllegalStateException("not one foreign key");
            }
            fk = f;
        } catch (Exception | StackOverflowError ex) {
            throw Refusals.forbidden("column option '" + spec + "' cannot be read as a foreign key", "scratch-foreign-key");
        }
        reference(fk, created);
        String r = fk.toString();
        int at = r.toUpperCase(Locale.ROOT).indexOf("REFERENCES");
        return r.substring(at);
    }

    /** The referenced table must be a scratch table; it is re-qualified for the engine. */
    private void reference(ForeignKeyIndex fk, String created) throws PolicyException {
        Table t = fk.getTable();
        if (t == null) {
            throw Refusals.forbidden("a foreign key without a referenced table is refused", "scratch-foreign-key");
        }
        String db = t.getUnquotedDatabaseName();
        String schema = t.getUnquotedSchemaName();
        String name = t.getUnquotedName();
        boolean scratch;
        if (db != null && !db.isEmpty()) {
            scratch = false;
        } else if (schema != null && !schema.isEmpty()) {
            scratch = schema.equalsIgnoreCase(config.scratchSchema());
        } else {
            scratch = name != null && (name.equalsIgnoreCase(created) || catalog.contains(name));
        }
        if (!scratch) {
            throw Refusals.forbidden("a foreign key to " + t.getFullyQualifiedName() + " is refused: a scratch table"
                    + " may reference only scratch tables (" + config.scratchSchema() + ".name)", "scratch-foreign-key");
        }
        if (fk.getOnDeleteReferenceOption() != null || fk.getOnUpdateReferenceOption() != null) {
            // the render check refuses the bare keywords DELETE/UPDATE inside a statement anyway; say why here
            throw Refusals.forbidden("foreign key actions (ON DELETE / ON UPDATE ...) are refused: declare the"
                    + " reference without actions", "scratch-foreign-key");
        }
        boolean sameDatabase = config.engine() == Engine.SQLITE || config.engine() == Engine.DUCKDB;
        t.setSchemaName(sameDatabase ? null : config.scratchSchema());
    }

    /** CREATE INDEX on a scratch table, in scratch; rendered with the engine's placement of the schema. */
    void createIndex(CreateIndex ci) throws PolicyException {
        Index ix = ci.getIndex();
        if (ix == null || ci.getTable() == null) {
            throw Refusals.forbidden("CREATE INDEX without a name or table is refused", "scratch-index");
        }
        String type = ix.getType();
        if (type != null && !type.isEmpty() && !type.equalsIgnoreCase("UNIQUE")) {
            throw Refusals.forbidden("CREATE " + type + " INDEX is refused: plain or UNIQUE indexes only", "scratch-index");
        }
        if (ci.isConcurrently() || ci.isOnly() || ci.isNullFiltered() || notEmpty(ci.getIncludeColumns())
                || ci.getNullsDistinct() != null || notEmpty(ci.getStorageParameters()) || ci.getTableSpace() != null
                || ci.getWhere() != null || notEmpty(ci.getTailParameters()) || ix.getUsing() != null
                || notEmpty(ix.getIndexSpec()) || notEmpty(ix.getStorageParameters()) || ix.getTableSpace() != null
                || notEmpty(ix.getIncludeColumns()) || ix.getNullsDistinct() != null) {
            throw Refusals.forbidden("CREATE INDEX options (WHERE, USING, INCLUDE, WITH, TABLESPACE, CONCURRENTLY,"
                    + " ...) are refused: plain column indexes only", "scratch-index");
        }
        if (ix.getColumns() == null || ix.getColumns().isEmpty()) {
            throw Refusals.forbidden("CREATE INDEX without columns is refused", "scratch-index");
        }
        for (Index.ColumnParams c : ix.getColumns()) {
            boolean plain = !c.isExpression() && c.getColumnName() != null
                    && PLAIN_NAME.matcher(c.getColumnName()).matches()
                    && c.getOperatorClass() == null && c.getCollation() == null && !notEmpty(c.getOperatorClassParameters())
                    && c.getNullOrdering() == null
                    && (c.getParams() == null || c.getParams().stream().allMatch(s -> ORDER.matcher(s).matches()));
            if (!plain) {
                throw Refusals.forbidden("index column " + c + " is refused: plain column names with ASC/DESC only",
                        "scratch-index");
            }
        }
        List<String> nameParts = ix.getNameParts();
        if (nameParts == null || nameParts.isEmpty() || nameParts.size() > 2) {
            throw Refusals.forbidden("index name " + ix.getName() + " is refused", "scratch-index");
        }
        if (nameParts.size() == 2 && !unquote(nameParts.get(0)).equalsIgnoreCase(config.scratchSchema())) {
            throw Refusals.forbidden("index " + ix.getName() + " is refused: indexes are created in "
                    + config.scratchSchema() + " only", "scratch-index");
        }
        String indexName = nameParts.get(nameParts.size() - 1);
        Table t = ci.getTable();
        String db = t.getUnquotedDatabaseName();
        String schema = t.getUnquotedSchemaName();
        boolean scratch = (db == null || db.isEmpty()) && (schema == null || schema.isEmpty()
                ? catalog.contains(t.getUnquotedName()) : schema.equalsIgnoreCase(config.scratchSchema()));
        if (!scratch) {
            throw Refusals.forbidden("CREATE INDEX on " + t.getFullyQualifiedName() + " is refused: indexes may be"
                    + " created only on scratch tables. Copy it into scratch and index the copy: CREATE TABLE "
                    + config.scratchSchema() + "." + t.getUnquotedName() + " AS SELECT * FROM "
                    + t.getFullyQualifiedName(), "scratch-index");
        }
        switch (config.engine()) {
            case SQLITE -> {
                // SQLite: CREATE INDEX schema.name ON table(...), the table in that schema, unqualified
                ix.setName(config.scratchSchema() + "." + indexName);
                t.setSchemaName(null);
            }
            case H2 -> {
                ix.setName(config.scratchSchema() + "." + indexName);
                t.setSchemaName(config.scratchSchema());
            }
            case DUCKDB, POSTGRESQL -> {
                // the index lives in its table's schema; a qualified index name is a syntax error
                ix.setName(indexName);
                t.setSchemaName(config.scratchSchema());
            }
            default -> throw Refusals.forbidden("CREATE INDEX is refused on " + config.engine().id(), "scratch-index");
        }
    }

    /** DROP INDEX [IF EXISTS] name: always the scratch schema's index of that name. */
    void dropIndex(Drop drop) throws PolicyException {
        List<Table> names = drop.getNames() != null && !drop.getNames().isEmpty()
                ? drop.getNames() : List.of(drop.getName());
        for (Table t : names) {
            if (t == null) {
                throw Refusals.forbidden("DROP INDEX without a name is refused", "scratch-index");
            }
            String db = t.getUnquotedDatabaseName();
            String schema = t.getUnquotedSchemaName();
            if ((db != null && !db.isEmpty())
                    || (schema != null && !schema.isEmpty() && !schema.equalsIgnoreCase(config.scratchSchema()))) {
                throw Refusals.forbidden("DROP INDEX " + t.getFullyQualifiedName() + " is refused: only indexes in "
                        + config.scratchSchema() + " may be dropped", "scratch-index");
            }
            t.setSchemaName(config.scratchSchema());
        }
    }

    private static boolean notEmpty(List<?> l) {
        return l != null && !l.isEmpty();
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") || s.startsWith("[") || s.startsWith("`"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
