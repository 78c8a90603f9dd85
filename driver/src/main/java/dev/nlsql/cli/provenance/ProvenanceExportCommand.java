package dev.nlsql.cli.provenance;

import dev.nlsql.provenance.JdbcProvenanceStore;
import dev.nlsql.provenance.ProvenanceJson;
import dev.nlsql.provenance.ProvenanceRecord;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provenance export}: every record (or those since a time) as JSON lines. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export provenance records as JSON lines.")
public final class ProvenanceExportCommand implements Callable<Integer> {

    @Mixin
    StoreOptionsMixin store;

    @Option(names = "--since", converter = Since.class, paramLabel = "TIME", description = "Only records at or after TIME.")
    Instant since;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (JdbcProvenanceStore s = store.open()) {
            var records = s.list(since, 0);
            if (output == null) {
                PrintWriter out = spec.commandLine().getOut();
                for (ProvenanceRecord r : records) {
                    out.println(ProvenanceJson.write(r));
                }
                out.flush();
            } else {
                try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                    for (ProvenanceRecord r : records) {
                        w.write(ProvenanceJson.write(r));
                        w.write('\n');
                    }
                }
                spec.commandLine().getErr().println(records.size() + " record(s) written to " + output);
            }
            return 0;
        } catch (Exception e) {
            spec.commandLine().getErr().println("provenance export: " + e.getMessage());
            return 2;
        }
    }
}
