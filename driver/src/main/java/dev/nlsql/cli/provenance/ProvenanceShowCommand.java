package dev.nlsql.cli.provenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nlsql.provenance.JdbcProvenanceStore;
import dev.nlsql.provenance.ProvenanceJson;
import dev.nlsql.provenance.ProvenanceRecord;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code provenance show ID}: one record as indented JSON. Exit 2 when not found. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one provenance record as JSON.")
public final class ProvenanceShowCommand implements Callable<Integer> {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    StoreOptionsMixin store;

    @Parameters(paramLabel = "ID", description = "Record id (or a unique prefix of at least 6 characters).")
    String id;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (JdbcProvenanceStore s = store.open()) {
            Optional<ProvenanceRecord> r = s.findByIdOrPrefix(id);
            if (r.isEmpty()) {
                spec.commandLine().getErr().println("provenance show: no record " + id);
                return 2;
            }
            spec.commandLine().getOut().println(PRETTY.writeValueAsString(ProvenanceJson.toNode(r.get())));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (Exception e) {
            spec.commandLine().getErr().println("provenance show: " + e.getMessage());
            return 2;
        }
    }
}
