package dev.nlsql.policy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** H2: one file database, source in PUBLIC, scratch in schema SCRATCH; connected as the admin (policy is the only wall). */
final class H2Fixture extends EngineFixture {

    H2Fixture(Path dir) throws Exception {
        super(dir);
        try (Statement st = connection().createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS SCRATCH");
            st.execute("CREATE SEQUENCE PUBLIC.S");
        }
        loadSource("INTEGER", "VARCHAR(400)", "TIMESTAMP", "DECIMAL(10,2)");
    }

    @Override
    Engine engine() {
        return Engine.H2;
    }

    @Override
    Connection open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:h2:" + dir.resolve("src").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS SCRATCH");
            st.execute("SET SCHEMA_SEARCH_PATH PUBLIC, SCRATCH");
        }
        return c;
    }

    @Override
    String src(String table) {
        return "PUBLIC." + table;
    }

    @Override
    List<String> sourceTables() throws SQLException {
        return names("SELECT 'PUBLIC.\"' || TABLE_NAME || '\"' FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'");
    }

    @Override
    List<String> sourceObjects() throws SQLException {
        List<String> out = names("SELECT 'routine:' || ROUTINE_SCHEMA || '.' || ROUTINE_NAME FROM INFORMATION_SCHEMA.ROUTINES"
                + " WHERE ROUTINE_SCHEMA <> 'INFORMATION_SCHEMA'");
        out.addAll(names("SELECT 'trigger:' || TRIGGER_NAME FROM INFORMATION_SCHEMA.TRIGGERS"));
        out.addAll(names("SELECT 'seq:' || SEQUENCE_NAME || ':' || BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES"
                + " WHERE SEQUENCE_SCHEMA = 'PUBLIC'"));
        out.addAll(names("SELECT 'schema:' || SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA"));
        out.addAll(names("SELECT 'user:' || USER_NAME || ':' || IS_ADMIN FROM INFORMATION_SCHEMA.USERS"));
        out.addAll(names("SELECT 'setting:' || SETTING_NAME || '=' || SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                + " WHERE SETTING_NAME IN ('MODE', 'EXCLUSIVE', 'DEFAULT_LOCK_TIMEOUT', 'ALLOW_LITERALS')"));
        return out;
    }

    @Override
    List<String> scratchObjects() throws SQLException {
        return names("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'SCRATCH'");
    }
}
