package dev.nlsql.cli.provenance;

import dev.nlsql.provenance.JdbcProvenanceStore;
import dev.nlsql.provenance.ProvenanceJson;
import dev.nlsql.provenance.ProvenanceRecord;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provenance list}: records oldest first, as a table or one JSON object per line. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List provenance records, oldest first.")
public final class ProvenanceListCommand implements Callable<Integer> {

    /** Output formats. */
    public enum Format { table, json }

    @Mixin
    StoreOptionsMixin store;

    @Option(names = "--format", defaultValue = "table", description = "table or json (one object per line). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--since", converter = Since.class, paramLabel = "TIME",
            description = "Only records at or after TIME: 2026-11-21T10:00:00Z, 2026-11-21, PT2H, 30m, 2h, 7d.")
    Instant since;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many records (0: all). Default: ${DEFAULT-VALUE}.")
    int limit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (JdbcProvenanceStore s = store.open()) {
            List<ProvenanceRecord> rs = s.list(since, limit);
            if (format == Format.json) {
                rs.forEach(r -> out.println(ProvenanceJson.write(r)));
            } else {
                out.printf("%-36s  %-24s  %-8s  %8s  %-8s  %-12s  %s%n", "ID", "TIME", "DECISION", "ROWS", "COMPLETE",
                        "RESULT", "STATEMENT");
                for (ProvenanceRecord r : rs) {
                    out.printf("%-36s  %-24s  %-8s  %8d  %-8s  %-12s  %s%n", r.id(), r.time(), r.decision(),
                            r.rowCount(), r.complete(), abbrev(r.resultHashUnordered(), 12), abbrev(oneLine(r.statement()), 70));
                }
            }
            out.flush();
            return 0;
        } catch (Exception e) {
            spec.commandLine().getErr().println("provenance list: " + e.getMessage());
            return 2;
        }
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    static String abbrev(String s, int n) {
        if (s == null) {
            return "-";
        }
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
