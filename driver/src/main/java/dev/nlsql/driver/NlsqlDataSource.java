package dev.nlsql.driver;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for pools and frameworks: set {@link #setUrl url} ({@code jdbc:nlsql:...}),
 * optionally user, password and further properties ({@code nlsql.*} options included). Each
 * {@link #getConnection()} opens a new connection through {@link NlsqlDriver}. Not a pool
 * itself: put HikariCP or similar in front of it.
 */
public class NlsqlDataSource implements DataSource {

    private static final NlsqlDriver DRIVER = new NlsqlDriver();

    private volatile String url;
    private volatile String user;
    private volatile String password;
    private final Properties properties = new Properties();
    private volatile PrintWriter logWriter;
    private volatile int loginTimeout;

    public NlsqlDataSource() {}

    public NlsqlDataSource(String url) {
        this.url = url;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** Copies {@code props} into the connection properties (nlsql.* options and the target's). */
    public void setProperties(Properties props) {
        synchronized (properties) {
            properties.putAll(props);
        }
    }

    /** Sets one connection property. */
    public void setProperty(String key, String value) {
        synchronized (properties) {
            properties.setProperty(key, value);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, password);
    }

    /** @throws SQLException 08001 when no URL is set or the connection fails */
    @Override
    public Connection getConnection(String username, String pw) throws SQLException {
        String u = url;
        if (u == null) {
            throw SqlStates.connectionFailed("NlsqlDataSource has no url: call setUrl(\"jdbc:nlsql:...\")", null);
        }
        Properties p = new Properties();
        synchronized (properties) {
            p.putAll(properties);
        }
        if (username != null) {
            p.setProperty("user", username);
        }
        if (pw != null) {
            p.setProperty("password", pw);
        }
        Connection c = DRIVER.connect(u, p);
        if (c == null) {
            throw SqlStates.connectionFailed("not an nlsql URL (expected jdbc:nlsql:...): " + u, null);
        }
        return c;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return Logger.getLogger("dev.nlsql");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw SqlStates.badParameter("NlsqlDataSource is not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
