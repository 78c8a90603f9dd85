package dev.nlsql.provenance;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} over one {@link Driver} instance and URL, for the store's HikariCP pool.
 * Given to Hikari instead of a driver class name because Hikari then scans
 * {@link java.sql.DriverManager#getDrivers()}, and DriverManager initializes the caller loader's
 * copy of every driver registered anywhere in the JVM (to check it is the same class): in a
 * driver class loader of its own (DBeaver, an application server) that initialized DuckDB's
 * driver, which registers a JFR periodic event that pins the loader forever.
 */
final class DriverDataSource implements DataSource {
    private final Driver driver;
    private final String url;
    private int loginTimeoutSeconds;

    DriverDataSource(Driver driver, String url) {
        this.driver = driver;
        this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(new Properties());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return connect(p);
    }

    /** @throws SQLException the driver's, or 08001 when it does not accept the URL */
    private Connection connect(Properties p) throws SQLException {
        Connection c = driver.connect(url, p);
        if (c == null) {
            throw new SQLException(driver.getClass().getName() + " does not accept the store URL", "08001");
        }
        return c;
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
