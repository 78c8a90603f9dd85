package dev.nlsql.policy.internal;

import dev.nlsql.policy.Engine;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.AnsiSqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.H2SqlDialect;
import org.apache.calcite.sql.dialect.MssqlSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.dialect.SqliteSqlDialect;

/**
 * The Calcite {@link SqlDialect} each engine's SQL is re-rendered in. Calcite's own dialects,
 * with one change: a table function in FROM is written as {@code f(args)}, not the standard
 * {@code TABLE(f(args))} that SQLite, DuckDB and PostgreSQL do not accept.
 */
final class Dialects {

    private Dialects() {}

    static SqlDialect forEngine(Engine engine) {
        return switch (engine) {
            case SQLITE -> new SqliteSqlDialect(SqliteSqlDialect.DEFAULT_CONTEXT) {
                @Override
                public void quoteStringLiteral(StringBuilder buf, String charsetName, String val) {
                    super.quoteStringLiteral(buf, null, val);
                }

                @Override
                public void unparseOffsetFetch(SqlWriter w, SqlNode offset, SqlNode fetch) {
                    unparseFetchUsingLimit(w, offset, fetch);
                }

                @Override
                public void unparseCall(SqlWriter w, SqlCall call, int leftPrec, int rightPrec) {
                    if (!bareTableFunction(w, call)) {
                        super.unparseCall(w, call, leftPrec, rightPrec);
                    }
                }
            };
            case DUCKDB -> new DuckDBSqlDialect(DuckDBSqlDialect.DEFAULT_CONTEXT) {
                @Override
                public void quoteStringLiteral(StringBuilder buf, String charsetName, String val) {
                    super.quoteStringLiteral(buf, null, val);
                }

                @Override
                public void unparseOffsetFetch(SqlWriter w, SqlNode offset, SqlNode fetch) {
                    unparseFetchUsingLimit(w, offset, fetch);
                }

                @Override
                public void unparseCall(SqlWriter w, SqlCall call, int leftPrec, int rightPrec) {
                    if (!bareTableFunction(w, call)) {
                        super.unparseCall(w, call, leftPrec, rightPrec);
                    }
                }
            };
            case POSTGRESQL -> new PostgresqlSqlDialect(PostgresqlSqlDialect.DEFAULT_CONTEXT) {
                @Override
                public void quoteStringLiteral(StringBuilder buf, String charsetName, String val) {
                    super.quoteStringLiteral(buf, null, val);
                }

                @Override
                public void unparseOffsetFetch(SqlWriter w, SqlNode offset, SqlNode fetch) {
                    unparseFetchUsingLimit(w, offset, fetch);
                }

                @Override
                public void unparseCall(SqlWriter w, SqlCall call, int leftPrec, int rightPrec) {
                    if (!bareTableFunction(w, call)) {
                        super.unparseCall(w, call, leftPrec, rightPrec);
                    }
                }
            };
            case H2 -> new H2SqlDialect(H2SqlDialect.DEFAULT_CONTEXT) {
                @Override
                public void quoteStringLiteral(StringBuilder buf, String charsetName, String val) {
                    super.quoteStringLiteral(buf, null, val);
                }

                @Override
                public void unparseCall(SqlWriter w, SqlCall call, int leftPrec, int rightPrec) {
                    if (!bareTableFunction(w, call)) {
                        super.unparseCall(w, call, leftPrec, rightPrec);
                    }
                }

                @Override
                public void unparseOffsetFetch(SqlWriter w, SqlNode offset, SqlNode fetch) {
                    unparseFetchUsingLimit(w, offset, fetch);
                }
            };
            case SQLSERVER -> MssqlSqlDialect.DEFAULT;
            case GENERIC -> AnsiSqlDialect.DEFAULT;
        };
    }

    /**
     * Writes {@code f(args)} for a table function and a plain {@code a [NOT] BETWEEN x AND y} for
     * Calcite's default ASYMMETRIC between (the engines do not know the keyword); true when done.
     */
    private static boolean bareTableFunction(SqlWriter w, SqlCall call) {
        if (call.getKind() == SqlKind.COLLECTION_TABLE) {
            call.operand(0).unparse(w, 0, 0);
            return true;
        }
        if (call.getOperator() instanceof SqlBetweenOperator op && op.flag == SqlBetweenOperator.Flag.ASYMMETRIC) {
            SqlWriter.Frame frame = w.startList("(", ")");
            call.operand(0).unparse(w, op.getLeftPrec(), op.getRightPrec());
            w.sep(op.isNegated() ? "NOT BETWEEN" : "BETWEEN");
            call.operand(1).unparse(w, op.getLeftPrec(), op.getRightPrec());
            w.sep("AND");
            call.operand(2).unparse(w, op.getLeftPrec(), op.getRightPrec());
            w.endList(frame);
            return true;
        }
        return false;
    }
}
