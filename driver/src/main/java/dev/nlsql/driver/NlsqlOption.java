package dev.nlsql.driver;

import java.util.List;

/**
 * The driver's own {@code nlsql.*} options, with their defaults and meanings. Other modules'
 * options ({@code nlsql.model.*}, {@code nlsql.provenance.store*} ...) are carried in
 * {@link NlsqlConfig} too and read there with {@link NlsqlConfig#get(String)}.
 */
public enum NlsqlOption {
    POLICY_MODE("nlsql.policy.mode", "read-only", List.of("read-only", "strict", "audit"),
            "read-only: reads of source and scratch, writes only to scratch, source opened read-only by the engine; "
                    + "strict: reads only; audit: whatever the target allows runs and is recorded, source opened as the URL says"),
    UNWRAP_VENDOR("nlsql.unwrap.vendor", "false", List.of("true", "false"),
            "allow unwrap()/isWrapperFor() to reach the target driver's own classes (bypasses the policy); implied by audit mode"),
    TIMEOUT_SECONDS("nlsql.timeout.seconds", "30", List.of(),
            "statement timeout in seconds applied to every statement unless the caller sets its own; 0 = none"),
    MAX_ROWS("nlsql.maxRows", "0", List.of(),
            "maximum rows per result applied to every statement unless the caller sets its own; 0 = unlimited"),
    PROVENANCE_ENABLED("nlsql.provenance.enabled", "true", List.of("true", "false"),
            "record one provenance record per statement and hash result rows as they are read"),
    SCHEMA_REFRESH_MS("nlsql.schema.refreshMs", "10000", List.of(),
            "how often (ms) a connection re-reads the source schema's cheap fingerprint before a statement, so that "
                    + "records carry the current schema hash after an outside schema change; 0 = before every statement"),
    SCRATCH("nlsql.scratch", "persistent", List.of("persistent", "memory"),
            "persistent: scratch tables kept per source database (under nlsql.home/scratch); memory: gone at disconnect"),
    SCRATCH_SCHEMA("nlsql.scratch.schema", "scratch", List.of(),
            "name of the scratch schema (SQLite/DuckDB: the attached scratch database)"),
    HOME("nlsql.home", "~/.nlsql", List.of(),
            "directory for nlsql's files (scratch databases); also settable with the system property nlsql.home"),
    CONFIG("nlsql.config", "", List.of(),
            "a properties file with more nlsql.* options (overridden by connection properties)"),
    MODEL("nlsql.model", "builtin", List.of("builtin", "openai", "none"),
            "translator for ASK questions: builtin = the shipped DJL model (loaded on the first question); "
                    + "openai = an OpenAI-compatible completion endpoint at nlsql.model.url; "
                    + "none = only pinned and cached translations answer"),
    MODEL_BEAM("nlsql.model.beam", "4", List.of(),
            "beam width of the built-in model's grammar-constrained decoding (1-32; 1 = greedy)"),
    STAGES("nlsql.stages", "dev.nlsql.driver.pipeline.DefaultPipelineStages", List.of(),
            "class (implementing dev.nlsql.driver.pipeline.PipelineStages) that supplies the translate, police and record stages");

    private final String key;
    private final String defaultValue;
    private final List<String> choices;
    private final String description;

    NlsqlOption(String key, String defaultValue, List<String> choices, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.choices = choices;
        this.description = description;
    }

    /** Property name, e.g. {@code nlsql.policy.mode}. */
    public String key() {
        return key;
    }

    /** Default as text (empty: none). */
    public String defaultValue() {
        return defaultValue;
    }

    /** Allowed values, or empty when free-form. */
    public List<String> choices() {
        return choices;
    }

    public String description() {
        return description;
    }
}
