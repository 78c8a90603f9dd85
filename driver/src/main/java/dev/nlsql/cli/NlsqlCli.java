package dev.nlsql.cli;

import dev.nlsql.driver.NlsqlDriver;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nlsql} command line, main class of the shaded jars
 * ({@code java -jar nlsql-driver-*-all.jar --help}). Subcommands are listed in
 * {@link #SUBCOMMANDS}: registering one is adding its class there.
 */
@Command(name = "nlsql", mixinStandardHelpOptions = true, versionProvider = NlsqlCli.Version.class,
        description = "nlsql: a JDBC driver in front of your database (jdbc:nlsql:<target URL without jdbc:>)."
                + " Questions in natural language (ASK ...), read-only policy, provenance.")
public final class NlsqlCli implements Runnable {

    /** Subcommand classes (picocli {@code @Command}s). Add new ones here. */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            QueryCommand.class,
            dev.nlsql.cli.provenance.ProvenanceCommand.class,
            dev.nlsql.cli.provenance.PackCommand.class,
            dev.nlsql.cli.model.ModelCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line (for tests and embedding). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new NlsqlCli());
        for (Class<?> c : SUBCOMMANDS) {
            cl.addSubcommand(c);
        }
        return cl;
    }

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        System.exit(commandLine().execute(args));
    }

    /** Version from the jar manifest, else the driver's version numbers. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = NlsqlCli.class.getPackage().getImplementationVersion();
            return new String[] {"nlsql " + (v != null ? v : NlsqlDriver.MAJOR_VERSION + "." + NlsqlDriver.MINOR_VERSION)
                    + " (JDBC driver dev.nlsql.driver.NlsqlDriver, Java " + System.getProperty("java.version") + ")"};
        }
    }
}
