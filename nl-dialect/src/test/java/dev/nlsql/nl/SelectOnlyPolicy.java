package dev.nlsql.nl;

import dev.nlsql.policy.PolicyDecision;
import dev.nlsql.policy.PolicyException;
import dev.nlsql.policy.StatementKind;
import dev.nlsql.policy.StatementPolicy;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.Select;

/** A small real policy for tests until the policy module's SqlPolicy is merged: one SELECT only. */
final class SelectOnlyPolicy implements StatementPolicy {
    int checks;

    @Override
    public PolicyDecision check(String sql) throws PolicyException {
        checks++;
        Statements st;
        try {
            st = CCJSqlParserUtil.newParser(sql).withSquareBracketQuotation(true).Statements();
        } catch (Exception e) {
            throw new PolicyException("cannot parse", PolicyException.SYNTAX_ERROR, "parse", e);
        }
        if (st.size() != 1 || !(st.get(0) instanceof Select)) {
            throw new PolicyException("only one SELECT", PolicyException.INSUFFICIENT_PRIVILEGE, "read-only-query");
        }
        if (sql.toLowerCase(java.util.Locale.ROOT).contains("load_extension")) {
            throw new PolicyException("load_extension refused", PolicyException.INSUFFICIENT_PRIVILEGE, "sqlite.load_extension");
        }
        return new PolicyDecision(StatementKind.QUERY, sql, "read-only-query", false);
    }

    @Override
    public PolicyDecision checkCall(String sql) throws PolicyException {
        throw new PolicyException("calls refused", PolicyException.INSUFFICIENT_PRIVILEGE, "call");
    }
}
