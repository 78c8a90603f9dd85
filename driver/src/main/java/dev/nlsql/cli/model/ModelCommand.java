package dev.nlsql.cli.model;

import picocli.CommandLine.Command;

/** {@code model}: the translator's evaluation and serving commands. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "The NL-to-SQL model: train it, evaluate it on Spider, serve it over an OpenAI-compatible API.",
        subcommands = {EvalCommand.class, DefogEvalCommand.class, ServeCommand.class, TrainCommand.class})
public final class ModelCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Runs {@code model ...} on its own, e.g. {@code java -cp ... dev.nlsql.cli.model.ModelCommand eval --limit 10}. */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new ModelCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
