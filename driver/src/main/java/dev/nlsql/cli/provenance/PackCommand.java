package dev.nlsql.cli.provenance;

import picocli.CommandLine.Command;

/**
 * {@code pack}: export and import SQL packs (pinned question→SQL translations, JSON following
 * {@code dev/nlsql/provenance/sql-pack.schema.json}). Exit codes: 0 success, 1 a pack's expected
 * results do not match the source ({@code import --check}), 2 invalid pack or store error.
 */
@Command(name = "pack", mixinStandardHelpOptions = true,
        description = "Export and import SQL packs: pinned question-to-SQL translations.",
        subcommands = {PackExportCommand.class, PackImportCommand.class})
public final class PackCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The pack dialect of a JDBC URL: sqlite, duckdb, h2, postgresql, sqlserver, or generic. */
    static String dialectOf(String url) {
        if (url == null) {
            return "generic";
        }
        String u = url.startsWith("jdbc:nlsql:") ? "jdbc:" + url.substring("jdbc:nlsql:".length()) : url;
        for (String d : new String[] {"sqlite", "duckdb", "h2", "postgresql", "sqlserver"}) {
            if (u.startsWith("jdbc:" + d + ":")) {
                return d;
            }
        }
        return "generic";
    }
}
