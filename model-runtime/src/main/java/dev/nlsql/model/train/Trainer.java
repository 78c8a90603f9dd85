package dev.nlsql.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.nlsql.model.data.Example;
import dev.nlsql.model.nn.Batch;
import dev.nlsql.model.nn.Encoded;
import dev.nlsql.model.nn.EngineBootstrap;
import dev.nlsql.model.nn.Featurizer;
import dev.nlsql.model.nn.ModelConfig;
import dev.nlsql.model.nn.PointerTransformer;
import dev.nlsql.model.sql.SqlToken;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Teacher-forced training of the {@link PointerTransformer} with Adam (Kingma and Ba, 2015),
 * linear warm-up then cosine decay of the learning rate, and global-norm gradient clipping at 1.
 * Batches group examples of similar prefix length to limit padding.
 */
public final class Trainer implements AutoCloseable {

    /** Training options. */
    public record Options(int batchSize, float peakLr, int warmupSteps, int totalSteps, long seed) {}

    private final NDManager manager;
    private final PointerTransformer model;
    private final Options opt;
    private final List<Batch.Item> items;
    private final Map<String, NDArray> adamM = new LinkedHashMap<>();
    private final Map<String, NDArray> adamV = new LinkedHashMap<>();
    private final Random random;
    private List<List<Batch.Item>> epoch = new ArrayList<>();
    private int step;

    /**
     * @param cfg model shape (ignored when {@code resumeFrom} is given: the checkpoint's shape wins)
     * @param examples training examples
     * @param opt options
     * @param resumeFrom a checkpoint written by {@link #saveCheckpoint}, or null
     */
    public Trainer(ModelConfig cfg, List<Example> examples, Options opt, Path resumeFrom) throws IOException {
        EngineBootstrap.ensure();
        this.opt = opt;
        this.manager = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed((int) opt.seed());
        this.random = new Random(opt.seed());
        if (resumeFrom != null) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(resumeFrom))) {
                DataInputStream d = new DataInputStream(in);
                step = d.readInt();
                model = PointerTransformer.load(in, manager);
                PointerTransformer moments = PointerTransformer.load(in, manager);
                PointerTransformer moments2 = PointerTransformer.load(in, manager);
                moments.parameters().forEach(adamM::put);
                moments2.parameters().forEach(adamV::put);
            }
            for (int i = 0; i < step; i++) {
                random.nextLong();
            }
        } else {
            model = PointerTransformer.create(cfg, manager);
        }
        model.attachGradients();
        for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
            adamM.computeIfAbsent(e.getKey(), k -> manager.zeros(e.getValue().getShape()));
            adamV.computeIfAbsent(e.getKey(), k -> manager.zeros(e.getValue().getShape()));
        }
        this.items = featurise(model.config(), examples);
    }

    /** Featurises examples; those that do not fit are skipped. */
    public static List<Batch.Item> featurise(ModelConfig cfg, List<Example> examples) {
        Featurizer f = new Featurizer(cfg);
        List<Batch.Item> out = new ArrayList<>();
        for (Example e : examples) {
            if (e.sql().size() + 1 > cfg.maxSql()) {
                continue;
            }
            Set<String> keep = new HashSet<>();
            for (SqlToken t : e.sql()) {
                if (t.type() != SqlToken.Type.KW) {
                    keep.add(Featurizer.key(t));
                }
            }
            Encoded enc = f.encode(e.schema(), e.question(), keep);
            if (enc == null) {
                continue;
            }
            int[] targets = Featurizer.targets(enc, e.sql());
            if (targets == null) {
                continue;
            }
            int[] special = new int[e.sql().size() + 1];
            List<Map<Integer, Float>> mix = new ArrayList<>();
            Featurizer.sqlInput(enc, e.sql(), special, mix);
            out.add(new Batch.Item(enc, special, mix, targets));
        }
        return out;
    }

    /** Arrays held by the trainer's own manager (parameters, moments; constant across steps unless something leaks). */
    int liveArrays() {
        return manager.getManagedArrays().size();
    }

    /** Number of featurised training items. */
    public int itemCount() {
        return items.size();
    }

    /** The model being trained. */
    public PointerTransformer model() {
        return model;
    }

    /** Steps done so far. */
    public int step() {
        return step;
    }

    /** Learning rate at a step. */
    public float learningRate(int s) {
        if (s < opt.warmupSteps()) {
            return opt.peakLr() * (s + 1) / opt.warmupSteps();
        }
        double progress = Math.min(1.0, (s - opt.warmupSteps()) / (double) Math.max(1, opt.totalSteps() - opt.warmupSteps()));
        return (float) (opt.peakLr() * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress))));
    }

    private List<Batch.Item> nextBatch() {
        if (epoch.isEmpty()) {
            List<Batch.Item> shuffled = new ArrayList<>(items);
            Collections.shuffle(shuffled, random);
            int chunk = opt.batchSize() * 32;
            List<List<Batch.Item>> batches = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i += chunk) {
                List<Batch.Item> part = new ArrayList<>(shuffled.subList(i, Math.min(shuffled.size(), i + chunk)));
                part.sort((a, b) -> Integer.compare(a.prefix().length(), b.prefix().length()));
                for (int j = 0; j < part.size(); j += opt.batchSize()) {
                    batches.add(part.subList(j, Math.min(part.size(), j + opt.batchSize())));
                }
            }
            Collections.shuffle(batches, random);
            epoch = batches;
        }
        return epoch.remove(epoch.size() - 1);
    }

    /** Result of one step: mean token loss and tokens processed (prefix + SQL). */
    public record StepResult(double loss, int tokens) {}

    /** One optimisation step on the next batch. */
    public StepResult trainStep() {
        List<Batch.Item> batch = nextBatch();
        try (NDManager m = manager.newSubManager()) {
            Batch.Arrays a = Batch.of(m, batch, model.config().featuresPerWord());
            double lossValue;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = lossOf(model, a, true);
                gc.backward(loss);
                lossValue = loss.getFloat();
            }
            update(m, learningRate(step));
            step++;
            return new StepResult(lossValue, a.tokenCount());
        }
    }

    /** Mean token negative log-likelihood of a batch. */
    static NDArray lossOf(PointerTransformer model, Batch.Arrays a, boolean training) {
        PointerTransformer.PrefixState ps = model.encodePrefix(a.special().getManager(), a.special(), a.tag(), a.feats(),
                a.mix(), a.keyMask(), a.pointerMask(), training);
        NDArray logp = model.decode(ps, a.sqlSpecial(), a.sqlMix(), training);
        return logp.mul(a.targetOneHot()).sum().neg().div(a.targetCount());
    }

    /** Mean loss over items without updating (evaluation mode). */
    public double evaluate(List<Batch.Item> heldOut) {
        double total = 0;
        int n = 0;
        for (int i = 0; i < heldOut.size(); i += opt.batchSize()) {
            List<Batch.Item> b = heldOut.subList(i, Math.min(heldOut.size(), i + opt.batchSize()));
            try (NDManager m = manager.newSubManager()) {
                Batch.Arrays a = Batch.of(m, b, model.config().featuresPerWord());
                total += lossOf(model, a, false).getFloat() * a.targetCount();
                n += a.targetCount();
            }
        }
        return total / Math.max(1, n);
    }

    private void update(NDManager m, float lr) {
        float b1 = 0.9f;
        float b2 = 0.98f;
        int t = step + 1;
        double norm2 = 0;
        Map<String, NDArray> grads = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
            NDArray g = e.getValue().getGradient();
            g.attach(m);
            grads.put(e.getKey(), g);
            norm2 += g.square().sum().getFloat();
        }
        float clip = (float) Math.min(1.0, 1.0 / (Math.sqrt(norm2) + 1e-6));
        float c1 = (float) (1 - Math.pow(b1, t));
        float c2 = (float) (1 - Math.pow(b2, t));
        for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
            NDArray g = grads.get(e.getKey()).mul(clip);
            NDArray mm = adamM.get(e.getKey());
            NDArray vv = adamV.get(e.getKey());
            mm.muli(b1).addi(g.mul(1 - b1));
            vv.muli(b2).addi(g.square().muli(1 - b2));
            // results of operations on the long-lived moments belong to their manager: move them to
            // the step's manager so they are freed with it
            NDArray mHat = mm.div(c1);
            mHat.attach(m);
            NDArray vHat = vv.div(c2);
            vHat.attach(m);
            NDArray upd = mHat.divi(vHat.sqrt().addi(1e-8f)).muli(lr);
            e.getValue().subi(upd);
            NDArray raw = grads.get(e.getKey());
            raw.subi(raw);
        }
    }

    /** Writes step, fp32 weights and Adam moments atomically (temporary file, then rename). */
    public void saveCheckpoint(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
            DataOutputStream d = new DataOutputStream(os);
            d.writeInt(step);
            d.flush();
            model.save(os, false);
            saveMap(adamM, os);
            saveMap(adamV, os);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void saveMap(Map<String, NDArray> map, OutputStream os) throws IOException {
        PointerTransformer.save(model.config(), map, os, false);
    }

    /** Writes the shipped form of the weights (half precision). */
    public void export(Path file) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file))) {
            model.save(os, true);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
