package dev.nlsql.model.train;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.data.Example;
import dev.nlsql.model.data.SpiderCorpus;
import dev.nlsql.model.data.SpiderSchemas;
import dev.nlsql.model.nn.ModelConfig;
import java.nio.file.Path;
import java.util.Map;

/** Measures step time (a tool, not a test). args: spiderDir dim layers ffn batch maxPrefix */
public final class SpeedProbe {
    public static void main(String[] args) throws Exception {
        Map<String, SchemaContext> schemas = SpiderSchemas.load(Path.of(args[0]).resolve("tables.json"));
        long t0 = System.nanoTime();
        var l = SpiderCorpus.load(Path.of(args[0]).resolve("train_spider_min.json"), schemas);
        System.out.println("load " + (System.nanoTime() - t0) / 1e6 + " ms");
        ModelConfig cfg = new ModelConfig(Integer.parseInt(args[1]), Integer.parseInt(args[2]), 4, Integer.parseInt(args[3]), 4096, 6, Integer.parseInt(args[5]), 72);
        t0 = System.nanoTime();
        try (Trainer t = new Trainer(cfg, l.examples(), new Trainer.Options(Integer.parseInt(args[4]), 1e-3f, 100, 1000, 1), null)) {
            System.out.println("featurise " + (System.nanoTime() - t0) / 1e6 + " ms, items " + t.itemCount());
            for (int i = 0; i < 8; i++) {
                long s = System.nanoTime();
                Trainer.StepResult r = t.trainStep();
                System.out.printf("step %d loss %.3f tokens %d time %.0f ms%n", i, r.loss(), r.tokens(), (System.nanoTime() - s) / 1e6);
            }
        }
    }
}
