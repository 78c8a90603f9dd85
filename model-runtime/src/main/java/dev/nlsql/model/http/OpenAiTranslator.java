package dev.nlsql.model.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nlsql.model.Candidate;
import dev.nlsql.model.ModelIdentity;
import dev.nlsql.model.TranslationException;
import dev.nlsql.model.TranslationRequest;
import dev.nlsql.model.Translator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link Translator} backed by an OpenAI-compatible endpoint (vLLM, llama.cpp server, or
 * this project's {@link TranslatorServer}): a GPU host with a larger model can stand in for the
 * local one.
 *
 * <p>Each request renders {@link CompletionPrompt}, sends {@code POST <url>/completions}
 * ({@code {"model","prompt","n","max_tokens","temperature","logprobs":1,"stop":["[/SQL]"]}})
 * or {@code POST <url>/chat/completions} (the prompt as one user message, {@code "logprobs":
 * true}), and turns each choice into a {@link Candidate} with {@link SqlExtraction}: the score
 * is the sum of the returned token log-probabilities, or {@code NaN} where the endpoint
 * returned none. Duplicate candidates are dropped; when every candidate has a score they are
 * sorted best first, otherwise they keep the endpoint's order.
 *
 * <p>Identity: name {@code openai:<model>}, "weights" SHA-256 of the model name (no weights are
 * local), decode settings from {@link OpenAiConfig#decodeConfig()}.
 */
public final class OpenAiTranslator implements Translator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiConfig config;
    private final HttpClient http;
    private final ModelIdentity identity;

    /** A client; nothing is sent until the first {@link #translate}. */
    public OpenAiTranslator(OpenAiConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(config.timeoutMs()))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.identity = new ModelIdentity("openai:" + config.model(), sha256(config.model()), config.decodeConfig());
    }

    /** The settings in use. */
    public OpenAiConfig config() {
        return config;
    }

    @Override
    public ModelIdentity identity() {
        return identity;
    }

    /**
     * Sends one request to the endpoint.
     *
     * @throws TranslationException when the endpoint cannot be reached, times out (after
     *     {@code timeoutMs}), answers with a non-2xx status, or answers with something that is
     *     not a completion response; the message names the URL and, for an HTTP error, the
     *     status and the start of the body
     */
    @Override
    public List<Candidate> translate(TranslationRequest request) throws TranslationException {
        boolean chat = config.api().equals("chat");
        URI uri = URI.create(config.baseUrl() + (chat ? "/chat/completions" : "/completions"));
        String prompt = CompletionPrompt.render(request);
        ObjectNode body = JSON.createObjectNode();
        body.put("model", config.model());
        if (chat) {
            ArrayNode messages = body.putArray("messages");
            messages.addObject().put("role", "user").put("content", prompt);
            body.put("logprobs", true);
        } else {
            body.put("prompt", prompt);
            body.put("logprobs", 1);
            body.putArray("stop").add("[/SQL]");
        }
        body.put("n", request.maxCandidates());
        body.put("max_tokens", config.maxTokens());
        body.put("temperature", config.temperature());

        HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMillis(config.timeoutMs()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (config.apiKey() != null) {
            rb.header("Authorization", "Bearer " + config.apiKey());
        }
        HttpResponse<String> response;
        try {
            response = http.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new TranslationException("model endpoint " + uri + " did not answer within " + config.timeoutMs() + " ms", e);
        } catch (IOException e) {
            throw new TranslationException("model endpoint " + uri + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranslationException("interrupted while waiting for " + uri, e);
        }
        if (response.statusCode() / 100 != 2) {
            String b = response.body() == null ? "" : response.body();
            throw new TranslationException("model endpoint " + uri + " answered HTTP " + response.statusCode() + ": "
                    + b.substring(0, Math.min(300, b.length())));
        }
        try {
            return candidates(JSON.readTree(response.body()), chat, request.maxCandidates());
        } catch (IOException | RuntimeException e) {
            throw new TranslationException("model endpoint " + uri + " sent no usable completion: " + e.getMessage(), e);
        }
    }

    static List<Candidate> candidates(JsonNode root, boolean chat, int max) throws IOException {
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray()) {
            throw new IOException("response has no 'choices' array");
        }
        List<Candidate> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        boolean allScored = true;
        for (JsonNode c : choices) {
            String text = chat ? c.path("message").path("content").asText(null) : c.path("text").asText(null);
            if (text == null) {
                throw new IOException("choice without " + (chat ? "message.content" : "text"));
            }
            String sql = SqlExtraction.firstStatement(text);
            if (sql.isEmpty() || !seen.add(sql)) {
                continue;
            }
            double score = score(c.get("logprobs"), chat);
            allScored &= !Double.isNaN(score);
            out.add(new Candidate(sql, score));
        }
        if (allScored) {
            out.sort((a, b) -> Double.compare(b.score(), a.score()));
        }
        return out.size() > max ? List.copyOf(out.subList(0, max)) : out;
    }

    private static double score(JsonNode logprobs, boolean chat) {
        if (logprobs == null || logprobs.isNull()) {
            return Double.NaN;
        }
        JsonNode values = chat ? logprobs.get("content") : logprobs.get("token_logprobs");
        if (values == null || !values.isArray() || values.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (JsonNode v : values) {
            JsonNode x = chat ? v.get("logprob") : v;
            if (x != null && x.isNumber()) {
                sum += x.doubleValue();
            }
        }
        return sum;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
