package dev.nlsql.driver.backend;

/**
 * Where things live for one connection.
 *
 * @param scratchSchema the schema (or attached database) that holds scratch objects, or null
 *     when this connection has no scratch (see the backend's documentation)
 * @param sourceCatalog catalog to pass to {@code DatabaseMetaData.getTables} for the source's
 *     tables (schema snapshot), or null for any
 * @param sourceSchema schema pattern for the same, or null for any
 * @param note one line on what was set up, for logs and the CLI
 */
public record BackendSession(String scratchSchema, String sourceCatalog, String sourceSchema, String note) {}
