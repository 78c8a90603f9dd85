package dev.nlsql.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import dev.nlsql.model.sql.Keywords;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A prefix-LM transformer with a pointer output, in plain DJL NDArray operations (PyTorch engine).
 *
 * <p>The prefix (question and linked schema, see {@link Featurizer}) is encoded with full
 * self-attention; the canonical SQL tokens attend to the prefix and causally to earlier SQL tokens.
 * The output at each SQL position is a distribution over {@code [keywords | prefix positions]}: a
 * keyword, or a pointer to a table/column marker or placeholder (pointer networks, Vinyals et al.
 * 2015; copying over schema items as in text-to-SQL parsers since Zhong et al. 2017). Because the
 * prefix never attends to the SQL, its per-layer keys and values are computed once per question and
 * reused at every decoding step.
 *
 * <p>Pre-LayerNorm blocks (Xiong et al., ICML 2020), GELU feed-forward, learned positions.
 */
public final class PointerTransformer implements AutoCloseable {

    private static final int MAGIC = 0x4E4C5350; // "NLSP"

    private final ModelConfig cfg;
    private final NDManager manager;
    private final LinkedHashMap<String, NDArray> params = new LinkedHashMap<>();

    private PointerTransformer(ModelConfig cfg, NDManager manager) {
        this.cfg = cfg;
        this.manager = manager;
    }

    /** The configuration. */
    public ModelConfig config() {
        return cfg;
    }

    /** Parameters by name (live arrays). */
    public Map<String, NDArray> parameters() {
        return params;
    }

    /** Total number of parameters. */
    public long parameterCount() {
        return params.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /**
     * A randomly initialised model (normal, std 0.02; LayerNorm gain 1).
     *
     * @param cfg shape
     * @param manager owns the parameters (closed with this model)
     */
    public static PointerTransformer create(ModelConfig cfg, NDManager manager) {
        EngineBootstrap.ensure();
        PointerTransformer m = new PointerTransformer(cfg, manager);
        int d = cfg.dim();
        int k = Keywords.size();
        m.normal("emb.special", Featurizer.specialCount(), d);
        m.normal("emb.tag", 16, d);
        m.normal("emb.word", cfg.buckets(), d);
        m.normal("emb.posPrefix", cfg.maxPrefix(), d);
        m.normal("emb.posSql", cfg.maxSql() + 1, d);
        for (int l = 0; l < cfg.layers(); l++) {
            String p = "l" + l + ".";
            m.ones(p + "ln1.g", d);
            m.zeros(p + "ln1.b", d);
            m.normal(p + "qkv.w", d, 3 * d);
            m.zeros(p + "qkv.b", 3 * d);
            m.normal(p + "out.w", d, d);
            m.zeros(p + "out.b", d);
            m.ones(p + "ln2.g", d);
            m.zeros(p + "ln2.b", d);
            m.normal(p + "ff1.w", d, cfg.ffn());
            m.zeros(p + "ff1.b", cfg.ffn());
            m.normal(p + "ff2.w", cfg.ffn(), d);
            m.zeros(p + "ff2.b", d);
        }
        m.ones("lnf.g", d);
        m.zeros("lnf.b", d);
        m.normal("kw.w", d, k);
        m.zeros("kw.b", k);
        m.normal("ptr.q", d, d);
        m.normal("ptr.k", d, d);
        return m;
    }

    private void normal(String name, long... shape) {
        params.put(name, manager.randomNormal(0f, 0.02f, new Shape(shape), DataType.FLOAT32));
    }

    private void ones(String name, long n) {
        params.put(name, manager.ones(new Shape(n)));
    }

    private void zeros(String name, long n) {
        params.put(name, manager.zeros(new Shape(n)));
    }

    private NDArray p(String name) {
        return params.get(name);
    }

    /** Marks every parameter as requiring gradients (training). */
    public void attachGradients() {
        params.values().forEach(a -> a.setRequiresGradient(true));
    }

    /** The encoded prefix: per-layer keys and values, final hidden states, input embeddings, masks. */
    public record PrefixState(List<NDArray> keys, List<NDArray> values, NDArray hidden, NDArray inputEmb,
            NDArray keyMaskAdd, NDArray pointerMaskAdd) {}

    /**
     * Encodes a batch of prefixes.
     *
     * @param m manager for the intermediate arrays
     * @param special (B, Lp) int64 special ids
     * @param tag (B, Lp) int64 tags
     * @param feats (B, Lp, F) int64 hashed word features
     * @param mix (B, Lp, Lp) float32 marker mixing weights
     * @param keyMask (B, Lp) float32, 1 for real positions
     * @param pointerMask (B, Lp) float32, 1 for pointer targets
     * @param training dropout on
     */
    public PrefixState encodePrefix(NDManager m, NDArray special, NDArray tag, NDArray feats, NDArray mix,
            NDArray keyMask, NDArray pointerMask, boolean training) {
        long b = special.getShape().get(0);
        long lp = special.getShape().get(1);
        NDArray wordEmb = Embedding.embedding(feats, p("emb.word"), SparseFormat.DENSE).singletonOrThrow();
        NDArray present = feats.gt(0).toType(DataType.FLOAT32, false);
        NDArray count = present.sum(new int[] {2}, true).maximum(1f);
        NDArray words = wordEmb.mul(present.div(count).expandDims(3)).sum(new int[] {2});
        NDArray e = emb(special, "emb.special").add(emb(tag, "emb.tag")).add(words);
        NDArray x = e.add(mix.batchMatMul(e)).add(slice("emb.posPrefix", lp, e.getManager()));
        NDArray keyMaskAdd = keyMask.sub(1f).mul(1e9f).reshape(b, 1, 1, lp);
        List<NDArray> keys = new ArrayList<>();
        List<NDArray> values = new ArrayList<>();
        for (int l = 0; l < cfg.layers(); l++) {
            String pre = "l" + l + ".";
            NDArray h = ln(x, pre + "ln1");
            NDArray[] qkv = heads(h, pre);
            keys.add(qkv[1]);
            values.add(qkv[2]);
            NDArray scores = qkv[0].matMul(qkv[1].transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(cfg.dim() / cfg.heads()))
                    .add(keyMaskAdd);
            NDArray att = dropout(scores.softmax(-1), training).matMul(qkv[2]);
            x = x.add(dropout(merge(att).matMul(p(pre + "out.w")).add(p(pre + "out.b")), training));
            x = x.add(dropout(ffn(ln(x, pre + "ln2"), pre), training));
        }
        NDArray hidden = ln(x, "lnf");
        NDArray pointerMaskAdd = pointerMask.sub(1f).mul(1e9f).reshape(b, 1, lp);
        return new PrefixState(keys, values, hidden, e, keyMaskAdd, pointerMaskAdd);
    }

    /**
     * Log-probabilities of the next token at each SQL position.
     *
     * @param ps the encoded prefix (batch B, or 1 to be shared by all B' SQL rows)
     * @param sqlSpecial (B', Ls) int64 special ids of the SQL input
     * @param sqlMix (B', Ls, Lp) float32 mixing weights over the prefix input embeddings
     * @param training dropout on
     * @return (B', Ls, K + Lp) log-probabilities over keywords then prefix positions
     */
    public NDArray decode(PrefixState ps, NDArray sqlSpecial, NDArray sqlMix, boolean training) {
        long ls = sqlSpecial.getShape().get(1);
        NDManager m = sqlSpecial.getManager();
        NDArray e = ps.inputEmb();
        NDArray mixed = e.getShape().get(0) == sqlMix.getShape().get(0) ? sqlMix.batchMatMul(e)
                : sqlMix.matMul(e.get(0));
        NDArray x = emb(sqlSpecial, "emb.special").add(mixed).add(slice("emb.posSql", ls, m));
        float[] tri = new float[(int) (ls * ls)];
        for (int i = 0; i < ls; i++) {
            for (int j = i + 1; j < ls; j++) {
                tri[(int) (i * ls + j)] = -1e9f;
            }
        }
        NDArray causal = m.create(tri, new Shape(1, 1, ls, ls));
        double scale = 1.0 / Math.sqrt(cfg.dim() / cfg.heads());
        for (int l = 0; l < cfg.layers(); l++) {
            String pre = "l" + l + ".";
            NDArray h = ln(x, pre + "ln1");
            NDArray[] qkv = heads(h, pre);
            NDArray sp = qkv[0].matMul(ps.keys().get(l).transpose(0, 1, 3, 2)).mul(scale).add(ps.keyMaskAdd());
            NDArray ss = qkv[0].matMul(qkv[1].transpose(0, 1, 3, 2)).mul(scale).add(causal);
            long lp = sp.getShape().get(3);
            NDArray probs = dropout(NDArrays.concat(new NDList(sp, ss), -1).softmax(-1), training);
            NDArray att = probs.get(":, :, :, 0:" + lp).matMul(ps.values().get(l))
                    .add(probs.get(":, :, :, " + lp + ":").matMul(qkv[2]));
            x = x.add(dropout(merge(att).matMul(p(pre + "out.w")).add(p(pre + "out.b")), training));
            x = x.add(dropout(ffn(ln(x, pre + "ln2"), pre), training));
        }
        NDArray hs = ln(x, "lnf");
        NDArray kw = hs.matMul(p("kw.w")).add(p("kw.b"));
        NDArray keysP = ps.hidden().matMul(p("ptr.k"));
        NDArray q = hs.matMul(p("ptr.q"));
        NDArray ptr = (keysP.getShape().get(0) == q.getShape().get(0) ? q.batchMatMul(keysP.transpose(0, 2, 1))
                : q.matMul(keysP.get(0).transpose(1, 0)))
                .mul(1.0 / Math.sqrt(cfg.dim())).add(ps.pointerMaskAdd());
        return NDArrays.concat(new NDList(kw, ptr), -1).logSoftmax(-1);
    }

    /** The first rows of a parameter, owned by the caller's manager (so it is freed with it). */
    private NDArray slice(String name, long rows, NDManager m) {
        NDArray s = p(name).get("0:" + rows);
        s.attach(m);
        return s;
    }

    private NDArray emb(NDArray ids, String table) {
        return Embedding.embedding(ids, p(table), SparseFormat.DENSE).singletonOrThrow();
    }

    private NDArray ln(NDArray x, String name) {
        return LayerNorm.layerNorm(x, new Shape(cfg.dim()), p(name + ".g"), p(name + ".b"), 1e-5f).singletonOrThrow();
    }

    private NDArray[] heads(NDArray h, String pre) {
        long b = h.getShape().get(0);
        long len = h.getShape().get(1);
        int hd = cfg.dim() / cfg.heads();
        NDArray qkv = h.matMul(p(pre + "qkv.w")).add(p(pre + "qkv.b"));
        NDList parts = qkv.split(3, 2);
        NDArray[] out = new NDArray[3];
        for (int i = 0; i < 3; i++) {
            out[i] = parts.get(i).reshape(b, len, cfg.heads(), hd).transpose(0, 2, 1, 3);
        }
        return out;
    }

    private NDArray merge(NDArray att) {
        long b = att.getShape().get(0);
        long len = att.getShape().get(2);
        return att.transpose(0, 2, 1, 3).reshape(b, len, cfg.dim());
    }

    private NDArray ffn(NDArray h, String pre) {
        NDArray a = Activation.gelu(h.matMul(p(pre + "ff1.w")).add(p(pre + "ff1.b")));
        return a.matMul(p(pre + "ff2.w")).add(p(pre + "ff2.b"));
    }

    private static NDArray dropout(NDArray x, boolean training) {
        return training ? Dropout.dropout(x, 0.1f, true).singletonOrThrow() : x;
    }

    /**
     * Writes the weights: a header (magic, configuration), then each parameter by name with its
     * shape and values, little-endian, as IEEE half floats when {@code half} (shipped weights) or
     * 32-bit floats (checkpoints).
     */
    public void save(OutputStream os, boolean half) throws IOException {
        save(cfg, params, os, half);
    }

    /** Writes named arrays in the weights layout with a given configuration header. */
    public static void save(ModelConfig cfg, Map<String, NDArray> params, OutputStream os, boolean half) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.writeInt(MAGIC);
        out.writeInt(half ? 16 : 32);
        int[] c = {cfg.dim(), cfg.layers(), cfg.heads(), cfg.ffn(), cfg.buckets(), cfg.featuresPerWord(), cfg.maxPrefix(), cfg.maxSql()};
        for (int v : c) {
            out.writeInt(v);
        }
        out.writeInt(params.size());
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            out.writeUTF(e.getKey());
            long[] shape = e.getValue().getShape().getShape();
            out.writeInt(shape.length);
            for (long s : shape) {
                out.writeLong(s);
            }
            float[] data = e.getValue().toFloatArray();
            ByteBuffer bb = ByteBuffer.allocate(data.length * (half ? 2 : 4)).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : data) {
                if (half) {
                    bb.putShort(Half.fromFloat(f));
                } else {
                    bb.putFloat(f);
                }
            }
            out.write(bb.array());
        }
        out.flush();
    }

    /**
     * Reads weights written by {@link #save}.
     *
     * @throws IOException on a malformed or truncated file
     */
    public static PointerTransformer load(InputStream is, NDManager manager) throws IOException {
        EngineBootstrap.ensure();
        DataInputStream in = new DataInputStream(is);
        if (in.readInt() != MAGIC) {
            throw new IOException("not an nlsql pointer-transformer weights file");
        }
        int bits = in.readInt();
        int[] c = new int[8];
        for (int i = 0; i < 8; i++) {
            c[i] = in.readInt();
        }
        ModelConfig cfg = new ModelConfig(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
        PointerTransformer m = new PointerTransformer(cfg, manager);
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            long[] shape = new long[in.readInt()];
            long size = 1;
            for (int j = 0; j < shape.length; j++) {
                shape[j] = in.readLong();
                size *= shape[j];
            }
            byte[] raw = new byte[(int) size * (bits == 16 ? 2 : 4)];
            in.readFully(raw);
            ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            float[] data = new float[(int) size];
            for (int j = 0; j < data.length; j++) {
                data[j] = bits == 16 ? Half.toFloat(bb.getShort()) : bb.getFloat();
            }
            m.params.put(name, manager.create(data, new Shape(shape)));
        }
        return m;
    }

    @Override
    public void close() {
        params.values().forEach(NDArray::close);
    }
}
