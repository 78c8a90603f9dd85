package dev.nlsql.driver.jdbc;

import dev.nlsql.driver.pipeline.Plan;
import java.sql.CallableStatement;
import java.sql.SQLException;

/**
 * The {@link CallableStatement} nlsql hands out: policed with {@code checkCall} when prepared
 * (refused outside audit mode once the policy module is plugged in), executed and recorded like
 * a {@link NlsqlPreparedStatement}; OUT parameters pass through.
 */
public class NlsqlCallableStatement extends DelegatingCallableStatement<CallableStatement> {

    protected NlsqlCallableStatement(NlsqlConnection connection, CallableStatement delegate, Plan plan) throws SQLException {
        super(connection, delegate, plan);
    }
}
