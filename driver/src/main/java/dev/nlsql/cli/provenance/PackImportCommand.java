package dev.nlsql.cli.provenance;

import dev.nlsql.provenance.CanonicalResultDigest;
import dev.nlsql.provenance.JdbcProvenanceStore;
import dev.nlsql.provenance.ParameterCodec;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pack import FILE}: validates the pack against its JSON Schema, optionally checks it on
 * the source ({@code --check URL}: schema hash, and each query's expected row count and digest),
 * then pins its queries in the store. Nothing is pinned unless every check passes.
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Validate a SQL pack and pin its translations.")
public final class PackImportCommand implements Callable<Integer> {

    @Mixin
    StoreOptionsMixin store;

    @Parameters(paramLabel = "FILE", description = "The pack (JSON).")
    Path file;

    @Option(names = "--check", paramLabel = "JDBC_URL",
            description = "Run every query with expected results on this source first; import only if all match.")
    String check;

    @Option(names = "--exclude-schema", paramLabel = "SCHEMA", description = "Left out of the schema hash (repeatable).")
    List<String> excluded = new ArrayList<>();

    @Option(names = "--dry-run", description = "Validate (and check) only; pin nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        SqlPack pack;
        try {
            pack = SqlPacks.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (Exception e) {
            err.println("pack import: " + file + ": " + e.getMessage());
            return 2;
        }
        if (check != null) {
            List<String> problems = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(check)) {
                String now = SchemaSnapshotter.snapshot(c, new SchemaScope(null, null, Set.copyOf(excluded))).sha256();
                if (!now.equals(pack.schemaHash())) {
                    problems.add("schema hash of the source is " + now + ", the pack is for " + pack.schemaHash());
                }
                for (SqlPack.Query q : pack.queries()) {
                    if (q.expected() != null) {
                        problems.addAll(checkQuery(c, q));
                    }
                }
            } catch (Exception e) {
                err.println("pack import: cannot check on the source: " + e.getMessage());
                return 2;
            }
            if (!problems.isEmpty()) {
                out.println("pack " + file + " does not match the source; nothing pinned:");
                problems.forEach(p -> out.println("  - " + p));
                out.flush();
                return 1;
            }
        }
        if (dryRun) {
            out.println("pack " + file + " is valid: " + pack.queries().size() + " quer"
                    + (pack.queries().size() == 1 ? "y" : "ies") + (check != null ? ", all checks passed" : ""));
            out.flush();
            return 0;
        }
        try (JdbcProvenanceStore s = store.open()) {
            int n = s.translations().pin(pack);
            out.println("pinned " + n + " quer" + (n == 1 ? "y" : "ies") + " for schema " + pack.schemaHash());
            out.flush();
            return 0;
        } catch (Exception e) {
            err.println("pack import: " + e.getMessage());
            return 2;
        }
    }

    private static List<String> checkQuery(Connection c, SqlPack.Query q) {
        try (PreparedStatement ps = c.prepareStatement(q.sql())) {
            for (SqlPack.Parameter p : q.parameters()) {
                ParameterCodec.bind(ps, new ProvenanceRecord.Parameter(p.index(), p.type() == null ? "VARCHAR" : p.type(),
                        p.value()));
            }
            CanonicalResultDigest d;
            try (ResultSet rs = ps.executeQuery()) {
                d = CanonicalResultDigest.of(rs);
            }
            List<String> out = new ArrayList<>();
            if (q.expected().rowCount() != null && q.expected().rowCount() != d.rowCount()) {
                out.add(q.id() + ": expected " + q.expected().rowCount() + " rows, got " + d.rowCount());
            }
            if (q.expected().resultHash() != null && !q.expected().resultHash().equals(d.unorderedHex())) {
                out.add(q.id() + ": result digest differs (expected " + q.expected().resultHash().substring(0, 12)
                        + "…, got " + d.unorderedHex().substring(0, 12) + "…)");
            }
            return out;
        } catch (Exception e) {
            return List.of(q.id() + ": does not run: " + e.getMessage());
        }
    }
}
