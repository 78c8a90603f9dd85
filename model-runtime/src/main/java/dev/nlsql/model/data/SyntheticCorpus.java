package dev.nlsql.model.data;

import dev.nlsql.model.SchemaContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Placeholder until the templated corpus lands. */
public final class SyntheticCorpus {
    private SyntheticCorpus() {}

    public static List<Example> generate(Map<String, SchemaContext> schemas, int count, long seed) {
        return new ArrayList<>();
    }
}
