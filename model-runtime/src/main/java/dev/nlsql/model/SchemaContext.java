package dev.nlsql.model;

import java.util.List;

/**
 * The part of a database schema a translator may see: tables, columns and foreign keys. Built
 * by the NL dialect's schema linking from the provenance module's schema snapshot.
 *
 * @param tables tables (and views) in the order the linker ranked them, most relevant first
 * @param foreignKeys join paths between those tables
 */
public record SchemaContext(List<Table> tables, List<ForeignKey> foreignKeys) {

    public SchemaContext {
        tables = List.copyOf(tables);
        foreignKeys = List.copyOf(foreignKeys);
    }

    /** A table or view. */
    public record Table(String name, List<Column> columns) {
        public Table {
            columns = List.copyOf(columns);
        }
    }

    /** A column; {@code type} is the engine's type name as reported by JDBC metadata. */
    public record Column(String name, String type, boolean primaryKey) {}

    /** {@code fromTable.fromColumn} references {@code toTable.toColumn}. */
    public record ForeignKey(String fromTable, String fromColumn, String toTable, String toColumn) {}

    /**
     * A compact one-line-per-table text form used in prompts, e.g.
     * {@code Album(AlbumId* INTEGER, Title NVARCHAR, ArtistId INTEGER)} followed by lines
     * {@code Album.ArtistId -> Artist.ArtistId}; {@code *} marks primary-key columns.
     */
    public String toCompactText() {
        StringBuilder sb = new StringBuilder();
        for (Table t : tables) {
            sb.append(t.name()).append('(');
            for (int i = 0; i < t.columns().size(); i++) {
                Column c = t.columns().get(i);
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(c.name()).append(c.primaryKey() ? "*" : "").append(' ').append(c.type());
            }
            sb.append(")\n");
        }
        for (ForeignKey fk : foreignKeys) {
            sb.append(fk.fromTable()).append('.').append(fk.fromColumn()).append(" -> ")
                    .append(fk.toTable()).append('.').append(fk.toColumn()).append('\n');
        }
        return sb.toString();
    }
}
