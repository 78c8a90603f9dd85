package dev.nlsql.model.sql;

import dev.nlsql.model.SchemaContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Renders canonical tokens as SQL text: tables by name, columns as {@code table.column},
 * placeholders verbatim ({@code __STR_1__}), identifiers double-quoted when they are not plain
 * or are reserved words. The output is standard SQL ({@code LIMIT n}, {@code ||} for
 * concatenation); the NL dialect adapts it to the target engine.
 */
public final class SqlRenderer {

    private static final Set<String> RESERVED = Set.of(
            "select", "from", "where", "group", "order", "by", "having", "limit", "join", "on", "and",
            "or", "not", "in", "like", "between", "is", "null", "as", "table", "union", "intersect",
            "except", "distinct", "all", "case", "when", "then", "else", "end", "index", "key",
            "primary", "foreign", "references", "default", "check", "create", "values", "insert",
            "update", "delete", "user", "to", "with", "cross", "left", "right", "inner", "outer",
            "natural", "full", "using", "desc", "asc", "offset", "exists", "cast", "collate", "transaction");

    private SqlRenderer() {}

    /** Quotes an identifier when needed. */
    public static String identifier(String name) {
        if (name.matches("[A-Za-z_][A-Za-z0-9_]*") && !RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * Renders a token sequence.
     *
     * @param tokens canonical tokens (a trailing EOS is ignored)
     * @param schema the schema the pointers index
     * @return SQL text, one line
     */
    public static String render(List<SqlToken> tokens, SchemaContext schema) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            String piece;
            switch (t.type()) {
                case TAB -> piece = identifier(schema.tables().get(t.table()).name());
                case COL -> {
                    SchemaContext.Table tab = schema.tables().get(t.table());
                    piece = identifier(tab.name()) + "." + identifier(tab.columns().get(t.column()).name());
                }
                case PH -> piece = t.placeholder();
                default -> {
                    String k = Keywords.ALL.get(t.keyword());
                    if (k.equals("EOS")) {
                        continue;
                    }
                    if (k.startsWith("LIKE_") && i + 1 < tokens.size()) {
                        String ph = tokens.get(++i).placeholder();
                        piece = switch (k) {
                            case "LIKE_CONTAINS" -> "LIKE '%' || " + ph + " || '%'";
                            case "LIKE_PREFIX" -> "LIKE " + ph + " || '%'";
                            default -> "LIKE '%' || " + ph;
                        };
                    } else if (k.matches("N\\d+")) {
                        piece = k.substring(1);
                    } else {
                        piece = k.replace('_', ' ');
                    }
                }
            }
            boolean noSpaceBefore = piece.equals(")") || piece.equals(",")
                    || (piece.equals("(") && i > 0 && tokens.get(i - 1).type() == SqlToken.Type.KW
                            && Set.of("COUNT", "SUM", "AVG", "MIN", "MAX").contains(tokens.get(i - 1).label()));
            if (sb.length() > 0 && !noSpaceBefore && sb.charAt(sb.length() - 1) != '(') {
                sb.append(' ');
            }
            sb.append(piece);
        }
        return sb.toString();
    }
}
