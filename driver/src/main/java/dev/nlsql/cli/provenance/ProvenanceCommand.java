package dev.nlsql.cli.provenance;

import picocli.CommandLine.Command;

/**
 * {@code provenance}: list, show, verify and export provenance records. Exit codes: 0 success
 * (verify: the replay matched), 1 verify found a difference, 2 usage or store error, or a
 * record that cannot be replayed.
 */
@Command(name = "provenance", mixinStandardHelpOptions = true,
        description = "List, show, verify and export provenance records.",
        subcommands = {ProvenanceListCommand.class, ProvenanceShowCommand.class, ProvenanceVerifyCommand.class,
            ProvenanceExportCommand.class})
public final class ProvenanceCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
