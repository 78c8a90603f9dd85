package dev.nlsql.driver.backend;

import java.util.Properties;

/**
 * How a backend opens a source.
 *
 * @param url the URL handed to the target driver (with {@code jdbc:})
 * @param properties the properties handed to the target driver
 * @param sourceLocation the source database as the user named it (file path, host/db), for
 *     naming its scratch database; null for in-memory sources
 * @param readOnly whether the source is opened read-only at the engine level
 */
public record OpenRequest(String url, Properties properties, String sourceLocation, boolean readOnly) {}
