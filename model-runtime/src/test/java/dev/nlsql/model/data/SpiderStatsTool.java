package dev.nlsql.model.data;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.sql.SqlRenderer;
import java.nio.file.Path;
import java.util.Map;

/** Prints conversion statistics for Spider train and dev (a tool, not a test). */
public final class SpiderStatsTool {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Map<String, SchemaContext> schemas = SpiderSchemas.load(dir.resolve("tables.json"));
        var syn = SyntheticCorpus.generate(schemas, 3000, 7);
        System.out.println("synthetic " + syn.size());
        for (int i = 0; i < 12; i++) {
            Example e = syn.get(i * 211);
            System.out.println("  Q: " + e.question() + " " + e.placeholders());
            System.out.println("  S: " + SqlRenderer.render(e.sql(), e.schema()));
        }
        for (String f : new String[] {"train_spider_min.json", "dev.json"}) {
            SpiderCorpus.Loaded l = SpiderCorpus.load(dir.resolve(f), schemas);
            System.out.println(f + ": " + l.examples().size() + "/" + l.total() + " rejected " + l.rejected());
            for (int i = 0; i < 6; i++) {
                Example e = l.examples().get(i * 97);
                System.out.println("  Q: " + e.question() + " " + e.placeholders());
                System.out.println("  S: " + SqlRenderer.render(e.sql(), e.schema()));
            }
        }
    }
}
