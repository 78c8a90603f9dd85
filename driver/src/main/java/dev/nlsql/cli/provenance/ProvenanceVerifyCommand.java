package dev.nlsql.cli.provenance;

import dev.nlsql.provenance.JdbcProvenanceStore;
import dev.nlsql.provenance.JdbcUrls;
import dev.nlsql.provenance.ProvenanceRecord;
import dev.nlsql.provenance.Replayer;
import dev.nlsql.provenance.SchemaScope;
import dev.nlsql.provenance.VerifyReport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code provenance verify ID}: re-executes the recorded SQL with its parameters on the source
 * (the record's target URL, or {@code --url}) and compares schema hash and result digests.
 * Exit 0 only on a match; 1 with a short summary of what differs; 2 when the record is missing,
 * cannot be replayed, or the source cannot be reached.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Replay a record's SQL on the source and compare schema hash and result digest.")
public final class ProvenanceVerifyCommand implements Callable<Integer> {

    @Mixin
    StoreOptionsMixin store;

    @Parameters(paramLabel = "ID", description = "Record id (or a unique prefix of at least 6 characters).")
    String id;

    @Option(names = "--url", paramLabel = "JDBC_URL",
            description = "Source JDBC URL (default: the record's target URL, which has no credentials).")
    String url;

    @Option(names = "--user", description = "Source user name.")
    String user;

    @Option(names = "--password", description = "Source password.")
    String password;

    @Option(names = "--exclude-schema", paramLabel = "SCHEMA",
            description = "Schema left out of the schema hash, as the driver did (e.g. the scratch schema). Repeatable.")
    List<String> excluded = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        ProvenanceRecord r;
        try (JdbcProvenanceStore s = store.open()) {
            Optional<ProvenanceRecord> found = s.findByIdOrPrefix(id);
            if (found.isEmpty()) {
                err.println("provenance verify: no record " + id);
                return 2;
            }
            r = found.get();
        } catch (Exception e) {
            err.println("provenance verify: " + e.getMessage());
            return 2;
        }
        String why = Replayer.notReplayable(r);
        if (why != null) {
            out.println("NOT REPLAYABLE " + r.id() + "\n  - " + why);
            out.flush();
            return 2;
        }
        String source = url != null ? url : r.targetUrl();
        if (source == null) {
            err.println("provenance verify: the record has no target URL; give --url");
            return 2;
        }
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        try (Connection c = DriverManager.getConnection(source, p)) {
            VerifyReport rep = Replayer.verify(r, c, new SchemaScope(null, null, Set.copyOf(excluded)));
            out.print(rep.summary());
            out.flush();
            return rep.match() ? 0 : 1;
        } catch (Exception e) {
            err.println("provenance verify: cannot replay on " + JdbcUrls.redact(source) + ": " + e.getMessage());
            return 2;
        }
    }
}
