package dev.nlsql.cli.model;

import dev.nlsql.model.http.OpenAiConfig;
import dev.nlsql.model.http.OpenAiTranslator;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Options that point a command at an OpenAI-compatible endpoint instead of the local model. */
public final class RemoteModelOptions {

    @Option(names = "--url", description = "OpenAI-compatible API root (e.g. http://127.0.0.1:8000/v1); "
            + "without it the local model is used")
    String url;

    @Option(names = "--model-name", description = "model name the endpoint serves (default: ${DEFAULT-VALUE})",
            defaultValue = "nlsql")
    String modelName;

    @Option(names = "--api", description = "completions or chat (default: ${DEFAULT-VALUE})", defaultValue = "completions")
    String api;

    @Option(names = "--timeout-ms", description = "HTTP timeout in ms (default: ${DEFAULT-VALUE})", defaultValue = "30000")
    long timeoutMs;

    /** Whether a remote endpoint was named. */
    boolean remote() {
        return url != null && !url.isBlank();
    }

    /**
     * The client; the API key comes from {@code NLSQL_MODEL_API_KEY} or {@code OPENAI_API_KEY}.
     *
     * @throws IllegalArgumentException for a malformed URL or option
     */
    OpenAiTranslator client() {
        Properties p = new Properties();
        p.setProperty(OpenAiConfig.URL, url);
        p.setProperty(OpenAiConfig.NAME, modelName);
        p.setProperty(OpenAiConfig.API, api);
        p.setProperty(OpenAiConfig.TIMEOUT_MS, Long.toString(timeoutMs));
        return new OpenAiTranslator(OpenAiConfig.fromProperties(p, System.getenv()));
    }
}
