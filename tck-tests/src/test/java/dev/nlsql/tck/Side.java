package dev.nlsql.tck;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One way into a {@link TckDatabase}: the raw driver, or nlsql in front of it. Holds one
 * connection shared by the cases that leave it as they found it, and opens fresh ones for the
 * cases that close or reconfigure theirs.
 */
final class Side implements AutoCloseable {

    /** Which way in. */
    enum Kind { RAW, NLSQL, CONTROL }

    final Kind kind;
    final TckDatabase db;
    /** {@code nlsql.policy.mode} of the NLSQL side. */
    final String policyMode;
    private Connection shared;

    Side(Kind kind, TckDatabase db) {
        this(kind, db, "audit");
    }

    Side(Kind kind, TckDatabase db, String policyMode) {
        this.kind = kind;
        this.db = db;
        this.policyMode = policyMode;
    }

    /** The JDBC URL this side connects to. */
    String url() {
        return kind == Kind.NLSQL ? db.nlsqlUrl() : db.rawUrl;
    }

    /** A new connection; the caller closes it. */
    Connection open() throws SQLException {
        return kind == Kind.NLSQL ? db.openNlsql(policyMode) : db.openRaw();
    }

    /** The connection shared by the cases of one run (opened on first use, autocommit on). */
    Connection connection() throws SQLException {
        if (shared == null || shared.isClosed()) {
            shared = open();
        }
        return shared;
    }

    @Override
    public void close() throws SQLException {
        if (shared != null) {
            shared.close();
        }
    }
}
