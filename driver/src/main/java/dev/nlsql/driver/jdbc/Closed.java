package dev.nlsql.driver.jdbc;

import dev.nlsql.driver.SqlStates;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Stand-ins that a wrapper's {@code delegate} is replaced with when it is closed: every call
 * throws an {@link SQLException} with a standard SQLState (connection 08003, statement HY010,
 * result set 24000) instead of whatever the target driver does with a closed object;
 * {@code close()} does nothing, {@code isClosed()} is true, {@code isValid()} false.
 */
final class Closed {
    private Closed() {}

    static final Connection CONNECTION = proxy(Connection.class, "connection");
    static final CallableStatement STATEMENT = proxy(CallableStatement.class, "statement");
    static final ResultSet RESULT_SET = proxy(ResultSet.class, "result set");

    /** The error for using a closed {@code what} ({@code connection}, {@code statement}, {@code result set}). */
    static SQLException error(String what) {
        String state = switch (what) {
            case "connection" -> SqlStates.CONNECTION_CLOSED;
            case "statement" -> SqlStates.STATEMENT_CLOSED;
            default -> SqlStates.RESULT_SET_CLOSED;
        };
        return new SQLException("the " + what + " is closed (nlsql): open a new one", state);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> iface, String what) {
        return (T) Proxy.newProxyInstance(Closed.class.getClassLoader(), new Class<?>[] {iface}, (p, m, args) -> {
            switch (m.getName()) {
                case "close":
                    return null;
                case "isClosed":
                    return true;
                case "isValid":
                    return false;
                case "toString":
                    return "closed nlsql " + what;
                case "hashCode":
                    return System.identityHashCode(p);
                case "equals":
                    return p == args[0];
                default:
                    throw error(what);
            }
        });
    }
}
