package dev.nlsql.model.sql;

/**
 * One token of the canonical SQL the model emits: a keyword from {@link Keywords}, a pointer
 * to a schema table or column, or a pointer to a placeholder of the question.
 *
 * @param type what the token is
 * @param keyword index into {@link Keywords#ALL} when {@code type == KW}, else -1
 * @param table table index in the {@link dev.nlsql.model.SchemaContext} for TAB and COL, else -1
 * @param column column index within that table for COL, else -1
 * @param placeholder placeholder name ({@code __NUM_1__}) for PH, else null
 */
public record SqlToken(Type type, int keyword, int table, int column, String placeholder) {

    /** Token types. */
    public enum Type { KW, TAB, COL, PH }

    public static SqlToken kw(int k) {
        return new SqlToken(Type.KW, k, -1, -1, null);
    }

    public static SqlToken kw(String name) {
        return kw(Keywords.id(name));
    }

    public static SqlToken tab(int t) {
        return new SqlToken(Type.TAB, -1, t, -1, null);
    }

    public static SqlToken col(int t, int c) {
        return new SqlToken(Type.COL, -1, t, c, null);
    }

    public static SqlToken ph(String name) {
        return new SqlToken(Type.PH, -1, -1, -1, name);
    }

    /** True for the keyword with this name. */
    public boolean is(String name) {
        return type == Type.KW && Keywords.ALL.get(keyword).equals(name);
    }

    /** The keyword name, or the token type name for pointers. */
    public String label() {
        return type == Type.KW ? Keywords.ALL.get(keyword) : type.name();
    }

    @Override
    public String toString() {
        return switch (type) {
            case KW -> Keywords.ALL.get(keyword);
            case TAB -> "TAB" + table;
            case COL -> "COL" + table + "." + column;
            case PH -> placeholder;
        };
    }
}
