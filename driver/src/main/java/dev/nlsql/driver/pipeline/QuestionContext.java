package dev.nlsql.driver.pipeline;

import dev.nlsql.driver.NlsqlConfig;
import dev.nlsql.driver.backend.Backend;
import dev.nlsql.driver.backend.BackendSession;
import java.sql.Connection;

/**
 * What a translator may use: the raw target connection (to read schema metadata; never to run
 * the caller's statements), the backend (dialect, quoting), where source and scratch live, and
 * the connection's options.
 */
public record QuestionContext(Connection source, Backend backend, BackendSession session, NlsqlConfig config) {}
