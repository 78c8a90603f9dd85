package dev.nlsql.model.decode;

import dev.nlsql.model.DjlTranslator;
import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.SharedData;
import dev.nlsql.model.TranslationRequest;
import dev.nlsql.model.data.SpiderSchemas;
import dev.nlsql.model.vault.IdVault;
import dev.nlsql.model.vault.MaskedQuestion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Latency of DjlTranslator on a few Spider dev schemas (a tool, not a test). Args: weights beam. */
public final class LatencyProbe {
    public static void main(String[] args) throws Exception {
        Map<String, SchemaContext> s = SpiderSchemas.load(SharedData.spider().resolve("tables.json"));
        String[][] qs = {
            {"concert_singer", "What are the names of singers older than 30 ordered by age?"},
            {"world_1", "What is the total population of countries in 'Asia'?"},
            {"car_1", "Which model has the most versions made by the maker 'Ford'?"},
            {"pets_1", "Find the average age of students who do not have any pet."},
            {"flight_2", "How many flights depart from 'APG'?"},
            {"employee_hire_evaluation", "Which shop has the most employees? Give me the shop name."},
        };
        try (DjlTranslator t = DjlTranslator.fromFile(Path.of(args[0]), Integer.parseInt(args[1]))) {
            List<Long> ms = new ArrayList<>();
            for (int rep = 0; rep < 4; rep++) {
                for (String[] q : qs) {
                    MaskedQuestion mq = IdVault.mask(q[1]);
                    long t0 = System.nanoTime();
                    var c = t.translate(new TranslationRequest(s.get(q[0]), mq.text(), mq.placeholderKinds(), "sqlite", 1));
                    long d = (System.nanoTime() - t0) / 1_000_000;
                    if (rep > 0) {
                        ms.add(d);
                    }
                    if (rep == 3) {
                        System.out.println(d + " ms " + q[1] + " -> " + (c.isEmpty() ? null : c.get(0).sql()));
                    }
                }
            }
            Collections.sort(ms);
            System.out.println("p50 " + ms.get(ms.size() / 2) + " ms, p90 " + ms.get((int) (ms.size() * 0.9)) + " ms");
        }
    }
}
