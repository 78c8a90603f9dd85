package dev.nlsql.policy.internal;

import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.impl.SqlParserImpl;
import org.apache.calcite.util.SourceStringReader;

/**
 * Calcite's core parser, kept per thread and re-initialised for each statement instead of built
 * anew: {@code SqlParser.create} allocates the character stream's buffers (about 40 KB) and the
 * JavaCC look-ahead tables on every call, which is about 4 µs of a 25 µs parse. Re-initialising
 * resets the token stream, the look-ahead state, the lexical state (quoting), the dynamic
 * parameter counter and the warnings, exactly as a new parser starts.
 *
 * <p>Only reused after a parse that returned normally: a parse that threw may leave private
 * parser state half-way (e.g. Calcite's row-value-star counter), so the caller drops the instance
 * then ({@link #parseOnce}). Not thread-safe: one per thread.
 */
final class ReusableParser extends SqlParserImpl {

    private static final ThreadLocal<ReusableParser> PER_THREAD = new ThreadLocal<>();

    private ReusableParser() {
        super(new SourceStringReader(""));
    }

    /**
     * Parses {@code sql} as a statement list with the core parser and {@code config}'s casing,
     * conformance, identifier length and quoting, exactly as
     * {@code SqlParser.create(sql, config).parseStmtList()} does.
     *
     * @throws SqlParseException as {@code SqlParser.parseStmtList} (normalised parse error)
     */
    static SqlNodeList parseOnce(String sql, SqlParser.Config config) throws SqlParseException {
        ReusableParser p = PER_THREAD.get();
        PER_THREAD.remove(); // back only after a clean parse
        if (p == null) {
            p = new ReusableParser();
        }
        p.reset(sql, config);
        SqlNodeList list;
        try {
            list = p.parseSqlStmtList();
        } catch (Exception | Error e) {
            // as SqlParser does: JavaCC's TokenMgrError (an Error) is a parse error too; only
            // the JVM's own errors (stack overflow, out of memory) pass through
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            throw p.normalizeException(e);
        }
        PER_THREAD.set(p);
        return list;
    }

    private void reset(String sql, SqlParser.Config config) {
        ReInit(new SourceStringReader(sql));
        nDynamicParams = 0;
        warnings.clear();
        setOriginalSql(sql);
        setTabSize(1);
        setQuotedCasing(config.quotedCasing());
        setUnquotedCasing(config.unquotedCasing());
        setIdentifierMaxLength(config.identifierMaxLength());
        setTimeUnitCodes(config.timeUnitCodes());
        setConformance(config.conformance());
        switchTo(SqlAbstractParserImpl.LexicalState.forConfig(config));
    }
}
