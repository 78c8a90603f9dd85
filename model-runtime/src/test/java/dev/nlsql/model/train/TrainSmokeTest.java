package dev.nlsql.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nlsql.model.SharedData;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.data.Example;
import dev.nlsql.model.data.GoldSqlConverter;
import dev.nlsql.model.data.SpiderSchemas;
import dev.nlsql.model.nn.Batch;
import dev.nlsql.model.nn.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tiny training run on a handful of Spider train pairs: the loss must fall (seconds, not minutes). */
class TrainSmokeTest {

    @Test
    void lossFallsOnAHandfulOfRecords() throws Exception {
        Path spider = SharedData.spider();
        Map<String, SchemaContext> schemas = SpiderSchemas.load(spider.resolve("tables.json"));
        JsonNode train = new ObjectMapper().readTree(spider.resolve("train_spider_min.json").toFile());
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < train.size() && examples.size() < 8; i += 37) {
            JsonNode q = train.get(i);
            String db = q.get("db_id").asText();
            GoldSqlConverter.Result r = GoldSqlConverter.convert(db, schemas.get(db), q.get("question").asText(), q.get("query").asText());
            if (r.example() != null) {
                examples.add(r.example());
            }
        }
        assertEquals(8, examples.size());
        Trainer.Options opt = new Trainer.Options(8, 1e-2f, 5, 60, 11);
        try (Trainer t = new Trainer(ModelConfig.tiny(), examples, opt, null)) {
            List<Batch.Item> items = Trainer.featurise(ModelConfig.tiny(), examples);
            double before = t.evaluate(items);
            t.trainStep();
            int arrays = t.liveArrays();
            for (int s = 1; s < 60; s++) {
                t.trainStep();
            }
            assertEquals(arrays, t.liveArrays(), "arrays leaked into the trainer's manager");
            double after = t.evaluate(items);
            assertTrue(after < before * 0.5, "loss before " + before + ", after " + after);
            Path ckpt = Files.createTempFile("nlsql-smoke", ".bin");
            t.saveCheckpoint(ckpt);
            try (Trainer resumed = new Trainer(ModelConfig.tiny(), examples, opt, ckpt)) {
                assertEquals(60, resumed.step());
                assertEquals(after, resumed.evaluate(items), 1e-4);
            }
            Files.deleteIfExists(ckpt);
        }
    }
}
