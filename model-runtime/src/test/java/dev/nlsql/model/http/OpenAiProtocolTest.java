package dev.nlsql.model.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.model.Candidate;
import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.TranslationException;
import dev.nlsql.model.TranslationRequest;
import java.net.URI;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against our own server on loopback. */
class OpenAiProtocolTest {

    static final SchemaContext SCHEMA = new SchemaContext(List.of(
            new SchemaContext.Table("Artist", List.of(new SchemaContext.Column("ArtistId", "INTEGER", true),
                    new SchemaContext.Column("Name", "NVARCHAR(120)", false))),
            new SchemaContext.Table("Album", List.of(new SchemaContext.Column("AlbumId", "INTEGER", true),
                    new SchemaContext.Column("Price", "DECIMAL(10,2)", false),
                    new SchemaContext.Column("ArtistId", "INTEGER", false)))),
            List.of(new SchemaContext.ForeignKey("Album", "ArtistId", "Artist", "ArtistId")));

    static final TranslationRequest REQUEST = new TranslationRequest(SCHEMA,
            "albums by __STR_1__ cheaper than __NUM_1__ — “Unicode” [ok]?",
            Map.of("__STR_1__", "STR", "__NUM_1__", "NUM"), "sqlite", 1);

    RecordingTranslator model;
    TranslatorServer server;

    @BeforeEach
    void start() throws Exception {
        model = new RecordingTranslator();
        server = TranslatorServer.startLoopback(model, 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiTranslator client(String api, String key, long timeoutMs) {
        return new OpenAiTranslator(new OpenAiConfig(URI.create(server.baseUrl()), "nlsql", key, timeoutMs, api, 256, 0));
    }

    @Test
    void completionsRoundTripCarriesTheWholeRequest() throws Exception {
        List<Candidate> c = client("completions", null, 5000).translate(REQUEST);
        assertEquals(1, model.received.size());
        assertEquals(REQUEST, model.received.get(0));
        assertEquals(List.of(new Candidate("SELECT ArtistId FROM Artist WHERE ArtistId = __NUM_1__ LIMIT 1", 0.0)), c);
        assertEquals(1, server.served());
    }

    @Test
    void chatRoundTripAndSeveralCandidatesSortedBestFirst() throws Exception {
        TranslationRequest three = new TranslationRequest(SCHEMA, "all artists", Map.of(), "postgresql", 3);
        List<Candidate> c = client("chat", null, 5000).translate(three);
        assertEquals(three, model.received.get(0));
        assertEquals(3, c.size());
        assertEquals("SELECT ArtistId FROM Artist LIMIT 1", c.get(0).sql());
        assertEquals(0.0, c.get(0).score());
        assertEquals(-2.0, c.get(2).score());
    }

    @Test
    void identityNamesTheRemoteModel() {
        var id = client("completions", null, 5000).identity();
        assertEquals("openai:nlsql", id.name());
        assertEquals(OpenAiTranslator.sha256("nlsql"), id.weightsSha256());
        assertTrue(id.decodeConfig().contains("api=completions"));
    }

    @Test
    void apiKeyIsEnforced() throws Exception {
        server.close();
        server = TranslatorServer.start(model, new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), "s3cret", 1);
        TranslationException e = assertThrows(TranslationException.class, () -> client("completions", null, 5000).translate(REQUEST));
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertEquals(1, client("completions", "s3cret", 5000).translate(REQUEST).size());
    }

    @Test
    void failuresBecomeTranslationExceptions() throws Exception {
        model.fail = true;
        TranslationException e = assertThrows(TranslationException.class, () -> client("completions", null, 5000).translate(REQUEST));
        assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains("weights missing"), e.getMessage());

        model.fail = false;
        model.delayMs = 1500;
        e = assertThrows(TranslationException.class, () -> client("completions", null, 200).translate(REQUEST));
        assertTrue(e.getMessage().contains("within 200 ms"), e.getMessage());

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        OpenAiTranslator nowhere = new OpenAiTranslator(OpenAiConfig.of("http://127.0.0.1:" + closedPort + "/v1"));
        e = assertThrows(TranslationException.class, () -> nowhere.translate(REQUEST));
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }

    @Test
    void rawHttpErrorsAndModels() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = server.baseUrl();
        var models = http.send(HttpRequest.newBuilder(URI.create(base + "/models")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, models.statusCode());
        assertTrue(models.body().contains("\"id\":\"recording-test\""), models.body());
        var bad = http.send(HttpRequest.newBuilder(URI.create(base + "/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("\"error\""));
        var noLayout = http.send(HttpRequest.newBuilder(URI.create(base + "/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"SELECT me\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, noLayout.statusCode());
        var missing = http.send(HttpRequest.newBuilder(URI.create(base + "/embeddings")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        var wrongMethod = http.send(HttpRequest.newBuilder(URI.create(base + "/completions")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, wrongMethod.statusCode());
        assertTrue(model.received.isEmpty());
    }

    @Test
    void configFromPropertiesAndEnvironment() {
        Properties p = new Properties();
        p.setProperty("nlsql.model.url", "http://gpu.local:8000/v1/");
        OpenAiConfig c = OpenAiConfig.fromProperties(p, Map.of("OPENAI_API_KEY", "k1"));
        assertEquals("http://gpu.local:8000/v1", c.baseUrl().toString());
        assertEquals("k1", c.apiKey());
        assertEquals(30000, c.timeoutMs());
        assertEquals("completions", c.api());
        p.setProperty("nlsql.model.apiKey", "k2");
        p.setProperty("nlsql.model.timeoutMs", "1500");
        p.setProperty("nlsql.model.api", "CHAT");
        c = OpenAiConfig.fromProperties(p, Map.of("NLSQL_MODEL_API_KEY", "k0"));
        assertEquals("k2", c.apiKey());
        assertEquals(1500, c.timeoutMs());
        assertEquals("chat", c.api());
        assertThrows(IllegalArgumentException.class, () -> OpenAiConfig.fromProperties(new Properties(), Map.of()));
        p.setProperty("nlsql.model.timeoutMs", "soon");
        assertThrows(IllegalArgumentException.class, () -> OpenAiConfig.fromProperties(p, Map.of()));
        p.setProperty("nlsql.model.timeoutMs", "10");
        p.setProperty("nlsql.model.url", "file:///etc/passwd");
        assertThrows(IllegalArgumentException.class, () -> OpenAiConfig.fromProperties(p, Map.of()));
    }
}
