package dev.nlsql.driver.pipeline;

import dev.nlsql.driver.NlsqlConfig;
import dev.nlsql.driver.backend.Backend;
import dev.nlsql.driver.backend.BackendSession;
import dev.nlsql.policy.StatementPolicy;
import java.sql.Connection;

/**
 * What a translator may use: the raw target connection (to read schema metadata and values;
 * never to run the caller's statements), the backend (dialect, quoting), where source and
 * scratch live, the connection's options, and the connection's policy (every candidate must
 * pass it; the pipeline polices the chosen translation again before it runs).
 */
public record QuestionContext(Connection source, Backend backend, BackendSession session, NlsqlConfig config,
        StatementPolicy policy) {}
