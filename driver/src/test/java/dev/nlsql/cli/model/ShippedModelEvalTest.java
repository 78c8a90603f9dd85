package dev.nlsql.cli.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.model.DjlTranslator;
import dev.nlsql.model.eval.EvalReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code model eval} with the shipped weights on a handful of dev questions: whatever it emits must be valid. */
class ShippedModelEvalTest {

    @Test
    void shippedModelEmitsOnlyValidSql(@TempDir Path out) throws Exception {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine cli = new CommandLine(new ModelCommand());
        cli.setOut(new PrintWriter(stdout));
        cli.setErr(new PrintWriter(stderr));
        int rc = cli.execute("eval", "--spider", SpiderEvaluatorTest.spiderDir().toString(), "--db", "concert_singer",
                "--limit", "6", "--beam", "2", "--candidates", "2", "--out", out.toString(), "--name", "shipped");
        assertEquals(0, rc, stderr.toString());
        EvalReport r = EvalReport.read(out.resolve("shipped.json"));
        assertEquals(DjlTranslator.NAME, r.model().name());
        assertEquals(6, r.summary().questions());
        assertTrue(r.summary().emitted() > 0, stdout.toString());
        assertEquals(1.0, r.summary().parseRate(), stdout.toString());
        assertEquals(1.0, r.summary().schemaValidRate(), stdout.toString());
        assertEquals(1.0, r.summary().placeholderExactRate(), stdout.toString());
    }
}
