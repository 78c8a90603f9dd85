package dev.nlsql.model.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nlsql.model.Candidate;
import dev.nlsql.model.ModelIdentity;
import dev.nlsql.model.TranslationException;
import dev.nlsql.model.TranslationRequest;
import dev.nlsql.model.Translator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves a {@link Translator} over the OpenAI-compatible API that {@link OpenAiTranslator}
 * speaks, so that one host (with a GPU, say) can translate for many drivers.
 *
 * <p>Endpoints: {@code POST /v1/completions} (the {@code prompt} in {@link CompletionPrompt}'s
 * layout), {@code POST /v1/chat/completions} (the last user message in that layout),
 * {@code GET /v1/models}, {@code GET /health}. The request's {@code n} is the number of
 * candidates (1 to {@value #MAX_N}); {@code model}, {@code temperature} and
 * {@code max_tokens} are accepted and ignored (the served translator's own decode settings
 * apply). Each choice carries the candidate's score as a single-entry log-probability list and
 * {@code system_fingerprint} is the translator's weights SHA-256.
 *
 * <p>Errors use OpenAI's shape {@code {"error":{"message","type"}}}: 400 for a body that is
 * not JSON or a prompt not in the layout, 401 for a missing or wrong bearer token (when a key
 * is set), 404/405 for other paths and methods, 413 for bodies over {@value #MAX_BODY_BYTES}
 * bytes, 500 when the translator fails.
 *
 * <p>Binds to loopback unless told otherwise. Requests are handled on a fixed pool of
 * {@code threads} threads.
 */
public final class TranslatorServer implements AutoCloseable {

    /** Largest accepted request body, bytes. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    /** Largest accepted {@code n}. */
    public static final int MAX_N = 16;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Translator translator;
    private final String apiKey;
    private final HttpServer server;
    private final ExecutorService pool;
    private final AtomicLong served = new AtomicLong();

    private TranslatorServer(Translator translator, InetSocketAddress address, String apiKey, int threads) throws IOException {
        this.translator = translator;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.server = HttpServer.create(address, 64);
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "nlsql-model-serve");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
    }

    /**
     * Starts a server on the loopback address.
     *
     * @param translator what to serve (not closed by {@link #close()})
     * @param port TCP port, 0 for any free one
     * @return the running server
     * @throws IOException when the port cannot be bound
     */
    public static TranslatorServer startLoopback(Translator translator, int port) throws IOException {
        return start(translator, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), null, 2);
    }

    /**
     * Starts a server.
     *
     * @param translator what to serve (not closed by {@link #close()})
     * @param address where to listen (use a loopback address unless clients are remote)
     * @param apiKey bearer token clients must send, or {@code null} for none
     * @param threads request threads, at least 1
     * @throws IOException when the address cannot be bound
     */
    public static TranslatorServer start(Translator translator, InetSocketAddress address, String apiKey, int threads)
            throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        TranslatorServer s = new TranslatorServer(translator, address, apiKey, threads);
        s.server.start();
        return s;
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The API root clients use as {@code nlsql.model.url}, e.g. {@code http://127.0.0.1:8000/v1}. */
    public String baseUrl() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + a.getPort() + "/v1";
    }

    /** Completion requests translated successfully so far (counted just before the answer is sent). */
    public long served() {
        return served.get();
    }

    /** Stops listening at once; requests in flight are cut off. */
    @Override
    public void close() {
        server.stop(0);
        pool.shutdown();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/health")) {
                send(ex, 200, JSON.createObjectNode().put("status", "ok"));
                return;
            }
            if (apiKey != null && !authorised(ex.getRequestHeaders().getFirst("Authorization"))) {
                error(ex, 401, "invalid_api_key", "missing or wrong bearer token");
                return;
            }
            switch (path) {
                case "/v1/models" -> {
                    if (!method.equals("GET")) {
                        error(ex, 405, "invalid_request_error", "use GET " + path);
                    } else {
                        send(ex, 200, models());
                    }
                }
                case "/v1/completions", "/v1/chat/completions" -> {
                    if (!method.equals("POST")) {
                        error(ex, 405, "invalid_request_error", "use POST " + path);
                    } else {
                        complete(ex, path.equals("/v1/chat/completions"));
                    }
                }
                default -> error(ex, 404, "invalid_request_error", "no such endpoint: " + path);
            }
        } catch (RuntimeException e) {
            // the exchange is closed; nothing more can be sent
        }
    }

    private boolean authorised(String header) {
        String expected = "Bearer " + apiKey;
        return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private void complete(HttpExchange ex, boolean chat) throws IOException {
        byte[] raw;
        try (InputStream in = ex.getRequestBody()) {
            raw = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (raw.length > MAX_BODY_BYTES) {
            error(ex, 413, "invalid_request_error", "request body over " + MAX_BODY_BYTES + " bytes");
            return;
        }
        TranslationRequest request;
        try {
            JsonNode body = JSON.readTree(raw);
            int n = body.path("n").asInt(1);
            if (n < 1 || n > MAX_N) {
                throw new IllegalArgumentException("n must be between 1 and " + MAX_N + ": " + n);
            }
            request = CompletionPrompt.parse(prompt(body, chat), n);
        } catch (IOException | IllegalArgumentException e) {
            error(ex, 400, "invalid_request_error", e.getMessage());
            return;
        }
        List<Candidate> candidates;
        try {
            candidates = translator.translate(request);
        } catch (TranslationException | RuntimeException e) {
            error(ex, 500, "server_error", "translation failed: " + e.getMessage());
            return;
        }
        ObjectNode answer = response(candidates, chat);
        // counted before sending: a client that has read the answer must already see it counted
        served.incrementAndGet();
        send(ex, 200, answer);
    }

    private static String prompt(JsonNode body, boolean chat) {
        if (!chat) {
            JsonNode p = body.get("prompt");
            if (p != null && p.isArray() && p.size() == 1) {
                p = p.get(0);
            }
            if (p == null || !p.isTextual()) {
                throw new IllegalArgumentException("'prompt' must be a string");
            }
            return p.asText();
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new IllegalArgumentException("'messages' must be an array");
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if ("user".equals(m.path("role").asText()) && m.path("content").isTextual()) {
                return m.path("content").asText();
            }
        }
        throw new IllegalArgumentException("no user message with text content");
    }

    private ObjectNode response(List<Candidate> candidates, boolean chat) {
        ModelIdentity id = translator.identity();
        ObjectNode root = JSON.createObjectNode();
        root.put("id", (chat ? "chatcmpl-" : "cmpl-") + UUID.randomUUID());
        root.put("object", chat ? "chat.completion" : "text_completion");
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", id.name());
        root.put("system_fingerprint", id.weightsSha256());
        ArrayNode choices = root.putArray("choices");
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            ObjectNode choice = choices.addObject();
            choice.put("index", i);
            if (chat) {
                choice.putObject("message").put("role", "assistant").put("content", c.sql());
                choice.putObject("logprobs").putArray("content").addObject().put("token", c.sql()).put("logprob", c.score());
            } else {
                choice.put("text", c.sql());
                ObjectNode lp = choice.putObject("logprobs");
                lp.putArray("tokens").add(c.sql());
                lp.putArray("token_logprobs").add(c.score());
            }
            choice.put("finish_reason", "stop");
        }
        return root;
    }

    private ObjectNode models() {
        ModelIdentity id = translator.identity();
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        ObjectNode m = root.putArray("data").addObject();
        m.put("id", id.name());
        m.put("object", "model");
        m.put("owned_by", "nlsql");
        m.put("weights_sha256", id.weightsSha256());
        m.put("decode_config", id.decodeConfig());
        return root;
    }

    private static void error(HttpExchange ex, int status, String type, String message) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message == null ? "" : message).put("type", type);
        send(ex, status, root);
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
