package dev.nlsql.cli.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.model.Candidate;
import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.TranslationRequest;
import dev.nlsql.model.data.SpiderSchemas;
import dev.nlsql.model.http.OpenAiConfig;
import dev.nlsql.model.http.OpenAiTranslator;
import dev.nlsql.model.vault.IdVault;
import dev.nlsql.model.vault.MaskedQuestion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code model train} (a tiny smoke run) then {@code model serve} with the real DJL model, queried over HTTP. */
class TrainServeTest {

    @Test
    void trainTinyThenServeItOverHttp(@TempDir Path dir) throws Exception {
        Path spider = SpiderEvaluatorTest.spiderDir();
        StringWriter trainOut = new StringWriter();
        CommandLine train = new CommandLine(new ModelCommand());
        train.setOut(new PrintWriter(trainOut));
        int rc = train.execute("train", "--spider", spider.toString(), "--out", dir.toString(), "--tiny",
                "--steps", "2", "--batch", "4", "--warmup", "1", "--synthetic", "8", "--limit", "16");
        assertEquals(0, rc);
        Path weights = dir.resolve("model.bin");
        assertTrue(Files.size(weights) > 0);

        StringWriter serveOut = new StringWriter();
        CommandLine serve = new CommandLine(new ModelCommand());
        serve.setOut(new PrintWriter(serveOut, true));
        int[] serveRc = {-1};
        Thread server = new Thread(() -> serveRc[0] = serve.execute("serve", "--port", "0", "--weights",
                weights.toString(), "--beam", "1"));
        server.start();
        Matcher url = Pattern.compile("serving (\\S+) at (\\S+)").matcher("");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!url.reset(serveOut.toString()).find() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(url.reset(serveOut.toString()).find(), "server did not start: " + serveOut);
        assertTrue(url.group(1).startsWith("nlsql-pointer-v1@"), url.group(1));
        String base = url.group(2);
        assertTrue(base.startsWith("http://127.0.0.1:"), base);
        try {
            var models = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/models")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(models.body().contains("nlsql-pointer-v1"), models.body());

            SchemaContext schema = SpiderSchemas.load(spider.resolve("tables.json")).get("concert_singer");
            MaskedQuestion q = IdVault.mask("How many singers are older than 30?");
            TranslationRequest req = new TranslationRequest(schema, q.text(), q.placeholderKinds(), "sqlite", 1);
            List<Candidate> candidates = new OpenAiTranslator(OpenAiConfig.of(base)).translate(req);
            for (Candidate c : candidates) {
                assertTrue(c.sql().toUpperCase().startsWith("SELECT"), c.sql());
            }
        } finally {
            server.interrupt();
            server.join(10_000);
        }
        assertTrue(serveOut.toString().contains("served 1 requests"), serveOut.toString());
    }
}
