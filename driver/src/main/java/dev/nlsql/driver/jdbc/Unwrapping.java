package dev.nlsql.driver.jdbc;

import dev.nlsql.driver.SqlStates;
import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * The unwrap rules of every nlsql wrapper. An interface the wrapper implements (the
 * {@code java.sql} ones, nlsql's own classes) gives the wrapper itself. Anything else would
 * mean handing out the target driver's object, which bypasses the policy: refused with SQLState
 * 42501 unless {@code nlsql.unwrap.vendor=true} or {@code nlsql.policy.mode=audit}, in which
 * case the target's object (or what its own unwrap gives) is returned.
 */
final class Unwrapping {
    private Unwrapping() {}

    static <T> T unwrap(Object wrapper, Object raw, Class<T> iface, boolean vendorAllowed) throws SQLException {
        if (iface == null) {
            throw SqlStates.badParameter("unwrap(null)");
        }
        if (iface.isInstance(wrapper)) {
            return iface.cast(wrapper);
        }
        if (vendorAllowed) {
            if (iface.isInstance(raw)) {
                return iface.cast(raw);
            }
            return ((Wrapper) raw).unwrap(iface);
        }
        if (iface.getName().startsWith("java.sql.") || iface.getName().startsWith("javax.sql.")) {
            throw SqlStates.badParameter("an nlsql " + wrapper.getClass().getSimpleName() + " is not a wrapper for " + iface.getName());
        }
        throw new SQLException("unwrap(" + iface.getName() + ") refused: it would hand out the target driver's own object and"
                + " bypass the nlsql policy; connect with nlsql.unwrap.vendor=true (or nlsql.policy.mode=audit) to allow it",
                SqlStates.INSUFFICIENT_PRIVILEGE);
    }

    static boolean isWrapperFor(Object wrapper, Object raw, Class<?> iface, boolean vendorAllowed) throws SQLException {
        if (iface == null) {
            return false;
        }
        if (iface.isInstance(wrapper)) {
            return true;
        }
        return vendorAllowed && (iface.isInstance(raw) || ((Wrapper) raw).isWrapperFor(iface));
    }
}
