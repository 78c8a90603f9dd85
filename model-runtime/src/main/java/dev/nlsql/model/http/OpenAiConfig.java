package dev.nlsql.model.http;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Settings of {@link OpenAiTranslator}, read from {@code nlsql.model.*} connection properties.
 *
 * @param baseUrl the API root including {@code /v1}, e.g. {@code http://127.0.0.1:8000/v1}
 *     ({@code nlsql.model.url}, required)
 * @param model the model name the endpoint serves, sent as {@code model}
 *     ({@code nlsql.model.name}, default {@code nlsql})
 * @param apiKey bearer token, or {@code null} for none ({@code nlsql.model.apiKey}; default:
 *     environment variable {@code NLSQL_MODEL_API_KEY}, then {@code OPENAI_API_KEY})
 * @param timeoutMs connect and request timeout in milliseconds ({@code nlsql.model.timeoutMs},
 *     default 30000)
 * @param api {@code completions} ({@code POST /completions}) or {@code chat}
 *     ({@code POST /chat/completions}) ({@code nlsql.model.api}, default {@code completions})
 * @param maxTokens completion length limit in tokens ({@code nlsql.model.maxTokens}, default 256)
 * @param temperature sampling temperature ({@code nlsql.model.temperature}, default 0)
 */
public record OpenAiConfig(
        URI baseUrl, String model, String apiKey, long timeoutMs, String api, int maxTokens, double temperature) {

    /** Property names, as connection properties. */
    public static final String URL = "nlsql.model.url";
    public static final String NAME = "nlsql.model.name";
    public static final String API_KEY = "nlsql.model.apiKey";
    public static final String TIMEOUT_MS = "nlsql.model.timeoutMs";
    public static final String API = "nlsql.model.api";
    public static final String MAX_TOKENS = "nlsql.model.maxTokens";
    public static final String TEMPERATURE = "nlsql.model.temperature";

    public OpenAiConfig {
        if (baseUrl == null) {
            throw new IllegalArgumentException(URL + " is required (e.g. http://127.0.0.1:8000/v1)");
        }
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(URL + " must be an http(s) URL: " + baseUrl);
        }
        String s = baseUrl.toString();
        baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        model = model == null || model.isBlank() ? "nlsql" : model;
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException(TIMEOUT_MS + " must be positive: " + timeoutMs);
        }
        api = api == null ? "completions" : api.toLowerCase(Locale.ROOT);
        if (!api.equals("completions") && !api.equals("chat")) {
            throw new IllegalArgumentException(API + " must be 'completions' or 'chat': " + api);
        }
        if (maxTokens <= 0) {
            throw new IllegalArgumentException(MAX_TOKENS + " must be positive: " + maxTokens);
        }
        if (temperature < 0) {
            throw new IllegalArgumentException(TEMPERATURE + " must not be negative: " + temperature);
        }
    }

    /** Defaults for everything but the URL. */
    public static OpenAiConfig of(String baseUrl) {
        return fromProperties(props(URL, baseUrl), System.getenv());
    }

    /**
     * Reads the settings from properties, with the API key falling back to the environment.
     *
     * @param p connection properties
     * @param env environment ({@code System.getenv()})
     * @throws IllegalArgumentException for a missing URL or a malformed value (the caller maps
     *     it to SQLState 22023)
     */
    public static OpenAiConfig fromProperties(Properties p, Map<String, String> env) {
        String url = p.getProperty(URL);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(URL + " is required (e.g. http://127.0.0.1:8000/v1)");
        }
        String key = p.getProperty(API_KEY);
        if (key == null) {
            key = env.getOrDefault("NLSQL_MODEL_API_KEY", env.get("OPENAI_API_KEY"));
        }
        try {
            return new OpenAiConfig(URI.create(url.strip()), p.getProperty(NAME), key,
                    Long.parseLong(p.getProperty(TIMEOUT_MS, "30000").strip()), p.getProperty(API, "completions"),
                    Integer.parseInt(p.getProperty(MAX_TOKENS, "256").strip()),
                    Double.parseDouble(p.getProperty(TEMPERATURE, "0").strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in nlsql.model.* options: " + e.getMessage(), e);
        }
    }

    private static Properties props(String k, String v) {
        Properties p = new Properties();
        p.setProperty(k, v);
        return p;
    }

    /** The decode settings as recorded in {@link dev.nlsql.model.ModelIdentity#decodeConfig()}. */
    public String decodeConfig() {
        return "api=" + api + ",temperature=" + temperature + ",maxTokens=" + maxTokens;
    }
}
