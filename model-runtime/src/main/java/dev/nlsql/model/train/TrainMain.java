package dev.nlsql.model.train;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.data.Example;
import dev.nlsql.model.data.SpiderCorpus;
import dev.nlsql.model.data.SpiderSchemas;
import dev.nlsql.model.data.SyntheticCorpus;
import dev.nlsql.model.nn.Batch;
import dev.nlsql.model.nn.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the NL→SQL model from the command line.
 *
 * <pre>
 * java -cp ... dev.nlsql.model.train.TrainMain --spider ../shared/data/spider --out /tmp/ckpt \
 *      [--steps 3000] [--batch 24] [--lr 1e-3] [--warmup 200] [--synthetic 4000] [--seed 7]
 *      [--ckpt-minutes 5] [--max-minutes 0] [--stop-at 0] [--resume] [--export weights.bin] [--tiny] [--limit 0]
 * </pre>
 * Data: Spider train ({@code train_spider_min.json} with {@code tables.json}; never {@code dev.json})
 * plus a synthetic templated corpus over the train schemas. Every 20 steps it prints step, loss,
 * tokens/s, elapsed and estimated time left; every {@code --ckpt-minutes} it writes
 * {@code <out>/checkpoint.bin} (step, fp32 weights, Adam moments) and {@code <out>/model.bin} (the
 * shipped half-precision form), and reports the loss on a 3% held-out slice of the train databases;
 * {@code <out>/model-best.bin} holds the weights of the checkpoint with the lowest held-out loss of
 * this process (early stopping; a resumed process starts its own comparison).
 * {@code --max-minutes} stops after that much wall time and {@code --stop-at} after that step (the
 * learning-rate schedule still follows {@code --steps}, so a run cut short by time is reproduced by
 * the same arguments with {@code --stop-at} the step it reached). {@code --resume} continues from {@code <out>/checkpoint.bin}. {@code --export} writes the final
 * half-precision weights there too. Exit status 0 on success, 2 on bad arguments.
 */
public final class TrainMain {

    private TrainMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        Path spider = Path.of(a.getOrDefault("spider", "../shared/data/spider"));
        Path out = Path.of(a.getOrDefault("out", "model-ckpt"));
        int steps = Integer.parseInt(a.getOrDefault("steps", "3000"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "24"));
        float lr = Float.parseFloat(a.getOrDefault("lr", "1e-3"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "200"));
        int synthetic = Integer.parseInt(a.getOrDefault("synthetic", "4000"));
        long seed = Long.parseLong(a.getOrDefault("seed", "7"));
        double ckptMinutes = Double.parseDouble(a.getOrDefault("ckpt-minutes", "5"));
        double maxMinutes = Double.parseDouble(a.getOrDefault("max-minutes", "0"));
        int limit = Integer.parseInt(a.getOrDefault("limit", "0"));
        int stopAt = Integer.parseInt(a.getOrDefault("stop-at", "0"));
        ModelConfig cfg = a.containsKey("tiny") ? ModelConfig.tiny() : ModelConfig.standard();
        Files.createDirectories(out);

        Map<String, SchemaContext> schemas = SpiderSchemas.load(spider.resolve("tables.json"));
        SpiderCorpus.Loaded loaded = SpiderCorpus.load(spider.resolve("train_spider_min.json"), schemas);
        System.out.printf(Locale.ROOT, "spider train: %d/%d pairs converted, rejected %s%n",
                loaded.examples().size(), loaded.total(), loaded.rejected());
        List<Example> train = new ArrayList<>();
        List<Example> held = new ArrayList<>();
        for (Example e : loaded.examples()) {
            (Math.floorMod(e.dbId().hashCode(), 33) == 0 ? held : train).add(e);
        }
        Map<String, SchemaContext> trainSchemas = new LinkedHashMap<>();
        train.forEach(e -> trainSchemas.put(e.dbId(), e.schema()));
        List<Example> synth = SyntheticCorpus.generate(trainSchemas, synthetic, seed);
        System.out.printf(Locale.ROOT, "synthetic: %d records over %d train schemas; held out: %d pairs%n",
                synth.size(), trainSchemas.size(), held.size());
        train.addAll(synth);
        if (limit > 0 && train.size() > limit) {
            train = train.subList(0, limit);
        }
        Path ckpt = out.resolve("checkpoint.bin");
        Path resume = a.containsKey("resume") && Files.exists(ckpt) ? ckpt : null;
        Trainer.Options opt = new Trainer.Options(batch, lr, warmup, steps, seed);
        try (Trainer t = new Trainer(cfg, train, opt, resume)) {
            List<Batch.Item> heldItems = Trainer.featurise(t.model().config(), held);
            System.out.printf(Locale.ROOT, "model: %,d parameters, %d items; %s; starting at step %d of %d%n",
                    t.model().parameterCount(), t.itemCount(), t.model().config(), t.step(), steps);
            long start = System.nanoTime();
            long lastCkpt = start;
            int startStep = t.step();
            double lossSum = 0;
            long tokens = 0;
            int n = 0;
            double bestHeld = Double.POSITIVE_INFINITY;
            while (t.step() < steps) {
                Trainer.StepResult r = t.trainStep();
                lossSum += r.loss();
                tokens += r.tokens();
                n++;
                long now = System.nanoTime();
                double elapsed = (now - start) / 1e9;
                if (t.step() % 20 == 0 || t.step() == steps) {
                    double perStep = elapsed / (t.step() - startStep);
                    System.out.printf(Locale.ROOT, "step %d/%d loss %.4f lr %.2e tokens/s %.0f elapsed %s left %s%n",
                            t.step(), steps, lossSum / n, t.learningRate(t.step()), tokens / elapsed,
                            fmt(elapsed), fmt(perStep * (steps - t.step())));
                    lossSum = 0;
                    n = 0;
                }
                boolean timeUp = (maxMinutes > 0 && elapsed > maxMinutes * 60) || (stopAt > 0 && t.step() >= stopAt);
                if ((now - lastCkpt) / 6e10 >= ckptMinutes || t.step() == steps || timeUp) {
                    t.saveCheckpoint(ckpt);
                    t.export(out.resolve("model.bin"));
                    lastCkpt = now;
                    double heldLoss = heldItems.isEmpty() ? Double.NaN : t.evaluate(heldItems);
                    System.out.printf(Locale.ROOT, "checkpoint at step %d: held-out loss %.4f -> %s%n",
                            t.step(), heldLoss, ckpt);
                    if (heldLoss < bestHeld) {
                        // early stopping by held-out loss: keep the best weights seen so far
                        bestHeld = heldLoss;
                        t.export(out.resolve("model-best.bin"));
                        System.out.printf(Locale.ROOT, "best held-out loss so far: step %d -> %s%n",
                                t.step(), out.resolve("model-best.bin"));
                    }
                }
                if (timeUp) {
                    System.out.println("time budget reached; resume with --resume");
                    break;
                }
            }
            if (a.containsKey("export")) {
                t.export(Path.of(a.get("export")));
                System.out.println("exported " + a.get("export"));
            }
        }
    }

    private static String fmt(double seconds) {
        Duration d = Duration.ofSeconds((long) seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                System.err.println("unexpected argument: " + args[i]);
                System.exit(2);
            }
            String k = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                m.put(k, args[++i]);
            } else {
                m.put(k, "true");
            }
        }
        return m;
    }
}
