package dev.nlsql.cli.provenance;

import dev.nlsql.provenance.JdbcProvenanceStore;
import dev.nlsql.provenance.ProvenanceStores;
import dev.nlsql.provenance.StoreOptions;
import java.sql.SQLException;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Options naming the provenance store, shared by the provenance and pack commands. */
public final class StoreOptionsMixin {

    @Option(names = "--store", paramLabel = "JDBC_URL",
            description = "Store JDBC URL (default: nlsql.provenance.url, else the embedded store under --home).")
    String store;

    @Option(names = "--store-user", paramLabel = "USER", description = "Store user name.")
    String user;

    @Option(names = "--store-password", paramLabel = "PASSWORD", description = "Store password.")
    String password;

    @Option(names = "--home", paramLabel = "DIR",
            description = "Folder of the embedded store (default: nlsql.provenance.home, else ~/.nlsql/provenance).")
    String home;

    /**
     * Opens the store these options name.
     *
     * @throws SQLException SQLState 58030 when it cannot be reached
     */
    JdbcProvenanceStore open() throws SQLException {
        Properties p = new Properties();
        if (store != null) {
            p.setProperty(StoreOptions.URL, store);
        }
        if (user != null) {
            p.setProperty(StoreOptions.USER, user);
        }
        if (password != null) {
            p.setProperty(StoreOptions.PASSWORD, password);
        }
        if (home != null) {
            p.setProperty(StoreOptions.HOME, home);
        }
        return ProvenanceStores.open(StoreOptions.from(p).withSync(false));
    }
}
