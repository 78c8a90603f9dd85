package dev.nlsql.cli.provenance;

import dev.nlsql.provenance.JdbcProvenanceStore;
import dev.nlsql.provenance.ProvenanceRecord;
import dev.nlsql.provenance.SchemaScope;
import dev.nlsql.provenance.SchemaSnapshotter;
import dev.nlsql.provenance.SqlPack;
import dev.nlsql.provenance.SqlPacks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pack export}: writes the pinned translations of one schema as a SQL pack, or, with
 * {@code --from-records}, pins the questions recorded in the store (their SQL, parameters and
 * result digest) into a new pack: generate once, replay forever.
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Write a SQL pack.")
public final class PackExportCommand implements Callable<Integer> {

    @Mixin
    StoreOptionsMixin store;

    @Option(names = "--schema-hash", paramLabel = "SHA256", description = "Schema hash the pack is for.")
    String schemaHash;

    @Option(names = "--url", paramLabel = "JDBC_URL", description = "Compute the schema hash from this source instead.")
    String url;

    @Option(names = "--exclude-schema", paramLabel = "SCHEMA", description = "Left out of the schema hash (repeatable).")
    List<String> excluded = new ArrayList<>();

    @Option(names = "--from-records", description = "Build the pack from question records in the store (one query per distinct question, newest wins).")
    boolean fromRecords;

    @Option(names = "--since", converter = Since.class, paramLabel = "TIME", description = "With --from-records: only records since TIME.")
    Instant since;

    @Option(names = "--pinned-by", paramLabel = "NAME", description = "With --from-records: who pins (default: the OS user).")
    String pinnedBy = System.getProperty("user.name", "unknown");

    @Option(names = "--name", defaultValue = "nlsql-pack", description = "Pack name. Default: ${DEFAULT-VALUE}.")
    String name;

    @Option(names = "--dialect", description = "Dialect written to the pack (default: as imported, or from the URL).")
    String dialect;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        try {
            if (schemaHash == null && url != null) {
                try (Connection c = DriverManager.getConnection(url)) {
                    schemaHash = SchemaSnapshotter.snapshot(c, new SchemaScope(null, null, Set.copyOf(excluded))).sha256();
                }
                if (dialect == null) {
                    dialect = PackCommand.dialectOf(url);
                }
            }
            if (schemaHash == null) {
                err.println("pack export: give --schema-hash or --url");
                return 2;
            }
            SqlPack pack;
            try (JdbcProvenanceStore s = store.open()) {
                pack = fromRecords ? fromRecords(s) : s.translations().exportPinned(schemaHash, name, dialect);
            }
            String json = SqlPacks.write(pack);
            if (output == null) {
                spec.commandLine().getOut().println(json);
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(output, json + "\n", StandardCharsets.UTF_8);
                err.println(pack.queries().size() + " quer" + (pack.queries().size() == 1 ? "y" : "ies") + " written to " + output);
            }
            return 0;
        } catch (Exception e) {
            err.println("pack export: " + e.getMessage());
            return 2;
        }
    }

    private SqlPack fromRecords(JdbcProvenanceStore s) throws Exception {
        Map<String, SqlPack.Query> byQuestion = new LinkedHashMap<>();
        String seenDialect = null;
        String now = Instant.now().toString();
        for (ProvenanceRecord r : s.list(since, 0)) {
            if (r.question() == null || r.sql() == null || !schemaHash.equals(r.schemaHash())
                    || !"allowed".equals(r.decision()) || r.error() != null) {
                continue;
            }
            List<SqlPack.Parameter> ps = new ArrayList<>();
            for (ProvenanceRecord.Parameter p : r.parameters()) {
                ps.add(new SqlPack.Parameter(p.index(), null, p.type(), p.value()));
            }
            SqlPack.Expected exp = r.complete() ? new SqlPack.Expected(r.rowCount(), r.resultHashUnordered()) : null;
            byQuestion.put(dev.nlsql.provenance.TranslationCache.normalise(r.question()),
                    new SqlPack.Query(r.id(), r.question(), r.sql(), ps, exp, pinnedBy, now));
            seenDialect = PackCommand.dialectOf(r.targetUrl());
        }
        List<SqlPack.Query> qs = new ArrayList<>(byQuestion.values());
        qs.sort(java.util.Comparator.comparing(SqlPack.Query::id));
        return new SqlPack(SqlPack.FORMAT, name, schemaHash, dialect != null ? dialect : seenDialect != null ? seenDialect
                : "generic", now, qs);
    }
}
