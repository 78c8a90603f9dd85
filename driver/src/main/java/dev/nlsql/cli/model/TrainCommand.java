package dev.nlsql.cli.model;

import dev.nlsql.model.train.TrainMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code model train}: trains the NL-to-SQL model with DJL on Spider train plus the synthetic
 * corpus, by running the model runtime's {@link TrainMain} (progress lines: step, loss,
 * tokens/s, elapsed, time left; checkpoints; {@code --resume}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the model on Spider train + the synthetic corpus (never Spider dev). Writes "
                + "<out>/checkpoint.bin and <out>/model.bin; --resume continues from the checkpoint.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--spider", description = "Spider folder (default: <nlsql.shared>/data/spider)")
    Path spider;

    @Option(names = "--out", description = "checkpoint folder (default: ${DEFAULT-VALUE})", defaultValue = "model-ckpt")
    Path out;

    @Option(names = "--steps", description = "optimiser steps (default: ${DEFAULT-VALUE})", defaultValue = "3000")
    int steps;

    @Option(names = "--batch", description = "examples per step (default: ${DEFAULT-VALUE})", defaultValue = "24")
    int batch;

    @Option(names = "--lr", description = "peak learning rate (default: ${DEFAULT-VALUE})", defaultValue = "1e-3")
    String lr;

    @Option(names = "--warmup", description = "warm-up steps (default: ${DEFAULT-VALUE})", defaultValue = "200")
    int warmup;

    @Option(names = "--synthetic", description = "synthetic records (default: ${DEFAULT-VALUE})", defaultValue = "4000")
    int synthetic;

    @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})", defaultValue = "7")
    long seed;

    @Option(names = "--ckpt-minutes", description = "minutes between checkpoints (default: ${DEFAULT-VALUE})",
            defaultValue = "5")
    String ckptMinutes;

    @Option(names = "--max-minutes", description = "stop (resumably) after this many minutes, 0 = no limit "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "0")
    String maxMinutes;

    @Option(names = "--stop-at", description = "stop (resumably) after this optimiser step, 0 = run to --steps; "
            + "the learning-rate schedule still follows --steps (default: ${DEFAULT-VALUE})", defaultValue = "0")
    int stopAt;

    @Option(names = "--limit", description = "train on at most this many records, 0 = all (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    int limit;

    @Option(names = "--resume", description = "continue from <out>/checkpoint.bin")
    boolean resume;

    @Option(names = "--tiny", description = "a tiny model configuration (smoke runs)")
    boolean tiny;

    @Option(names = "--export", description = "also write the final weights to this file")
    Path export;

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--spider", (spider != null ? spider : EvalCommand.defaultSpider()).toString(),
                "--out", out.toString(), "--steps", Integer.toString(steps), "--batch", Integer.toString(batch),
                "--lr", lr, "--warmup", Integer.toString(warmup), "--synthetic", Integer.toString(synthetic),
                "--seed", Long.toString(seed), "--ckpt-minutes", ckptMinutes, "--max-minutes", maxMinutes,
                "--stop-at", Integer.toString(stopAt),
                "--limit", Integer.toString(limit)));
        if (resume) {
            args.add("--resume");
        }
        if (tiny) {
            args.add("--tiny");
        }
        if (export != null) {
            args.add("--export");
            args.add(export.toString());
        }
        TrainMain.main(args.toArray(String[]::new));
        return 0;
    }
}
