package dev.nlsql.cli.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.data.SpiderSchemas;
import dev.nlsql.model.eval.EvalReport;
import dev.nlsql.model.eval.SpiderDataset;
import dev.nlsql.model.eval.SpiderExample;
import dev.nlsql.model.http.TranslatorServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code model eval} end to end: the CLI, the OpenAI-compatible client and server on loopback, real databases. */
class EvalCommandTest {

    @Test
    void evalThroughTheHttpApiWritesReportAndChart(@TempDir Path out) throws Exception {
        Path spider = SpiderEvaluatorTest.spiderDir();
        Map<String, SchemaContext> schemas = SpiderSchemas.load(spider.resolve("tables.json"));
        List<SpiderExample> concerts = SpiderDataset.load(spider.resolve("dev.json")).stream()
                .filter(e -> e.dbId().equals("concert_singer")).limit(10).toList();
        OracleTranslator oracle = new OracleTranslator();
        try (SpiderEvaluator ev = new SpiderEvaluator(oracle, schemas, SpiderEvaluator.Options.defaults(spider.resolve("database")))) {
            for (SpiderExample e : concerts) {
                oracle.learn(e, ev.mask(e));
            }
        }
        try (TranslatorServer server = TranslatorServer.startLoopback(oracle, 0)) {
            StringWriter stdout = new StringWriter();
            StringWriter stderr = new StringWriter();
            CommandLine cli = new CommandLine(new ModelCommand());
            cli.setOut(new PrintWriter(stdout));
            cli.setErr(new PrintWriter(stderr));
            int rc = cli.execute("eval", "--spider", spider.toString(), "--db", "concert_singer", "--limit", "10",
                    "--url", server.baseUrl(), "--out", out.toString(), "--name", "concerts", "--progress-every", "5");
            assertEquals(0, rc, stderr.toString());
            assertTrue(stdout.toString().contains("execution accuracy: 100.0% (10/10)"), stdout.toString());
            assertTrue(stderr.toString().contains("[10/10] EX 100.0%"), stderr.toString());
            assertEquals(10, server.served());
        }
        EvalReport report = EvalReport.read(out.resolve("concerts.json"));
        assertEquals(10, report.summary().questions());
        assertEquals(1.0, report.summary().executionAccuracy());
        assertEquals("openai:nlsql", report.model().name());
        assertTrue(Files.size(out.resolve("concerts.png")) > 1000);
    }

    @Test
    void noQuestionsSelectedIsAnError(@TempDir Path out) {
        StringWriter stderr = new StringWriter();
        CommandLine cli = new CommandLine(new ModelCommand());
        cli.setErr(new PrintWriter(stderr));
        int rc = cli.execute("eval", "--spider", SpiderEvaluatorTest.spiderDir().toString(), "--db", "wta_1",
                "--url", "http://127.0.0.1:9/v1", "--out", out.toString());
        assertEquals(2, rc);
        assertTrue(stderr.toString().contains("no questions selected"), stderr.toString());
    }
}
