package dev.nlsql.driver.backend;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Catalog lookups the backends run on the raw target connection. */
final class CatalogQueries {

    private CatalogQueries() {
    }

    /**
     * Runs {@code sql} with its {@code ?} markers bound to {@code params} in order and returns the
     * first column of every row as text (e.g. table names), in the engine's order.
     *
     * @throws SQLException as the target driver reports it
     */
    static List<String> firstColumn(Connection raw, String sql, String... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = raw.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
