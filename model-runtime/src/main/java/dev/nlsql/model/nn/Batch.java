package dev.nlsql.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.nlsql.model.sql.Keywords;
import java.util.List;
import java.util.Map;

/**
 * Packs featurised examples into padded NDArrays for {@link PointerTransformer}.
 */
public final class Batch {

    /** One featurised training item: prefix encoding, SQL input and targets. */
    public record Item(Encoded prefix, int[] sqlSpecial, List<Map<Integer, Float>> sqlMix, int[] targets) {}

    /** The arrays of a batch. */
    public record Arrays(NDArray special, NDArray tag, NDArray feats, NDArray mix, NDArray keyMask,
            NDArray pointerMask, NDArray sqlSpecial, NDArray sqlMix, NDArray targetOneHot, int targetCount,
            int tokenCount) {}

    private Batch() {}

    /** Builds prefix arrays for a list of encodings (padded to the longest). */
    public static NDArray[] prefixArrays(NDManager m, List<Encoded> encs, int featuresPerWord) {
        int b = encs.size();
        int lp = encs.stream().mapToInt(Encoded::length).max().orElse(1);
        long[] special = new long[b * lp];
        long[] tag = new long[b * lp];
        long[] feats = new long[b * lp * featuresPerWord];
        float[] mix = new float[b * lp * lp];
        float[] keyMask = new float[b * lp];
        float[] ptrMask = new float[b * lp];
        for (int i = 0; i < b; i++) {
            Encoded e = encs.get(i);
            for (int p = 0; p < e.length(); p++) {
                special[i * lp + p] = e.special()[p];
                tag[i * lp + p] = e.tag()[p];
                keyMask[i * lp + p] = 1f;
                int[] f = e.features()[p];
                for (int k = 0; k < featuresPerWord; k++) {
                    feats[(i * lp + p) * featuresPerWord + k] = f[k];
                }
            }
            for (Map.Entry<Integer, Map<Integer, Float>> row : e.mix().entrySet()) {
                for (Map.Entry<Integer, Float> c : row.getValue().entrySet()) {
                    mix[(i * lp + row.getKey()) * lp + c.getKey()] = c.getValue();
                }
            }
            for (int p : e.pointers()) {
                ptrMask[i * lp + p] = 1f;
            }
        }
        return new NDArray[] {
            m.create(special, new Shape(b, lp)), m.create(tag, new Shape(b, lp)),
            m.create(feats, new Shape(b, lp, featuresPerWord)), m.create(mix, new Shape(b, lp, lp)),
            m.create(keyMask, new Shape(b, lp)), m.create(ptrMask, new Shape(b, lp))
        };
    }

    /**
     * Builds SQL-side arrays.
     *
     * @param lp prefix length the mix rows index into
     * @return sqlSpecial (B, Ls) and sqlMix (B, Ls, Lp)
     */
    public static NDArray[] sqlArrays(NDManager m, List<int[]> specials, List<List<Map<Integer, Float>>> mixes, int lp) {
        int b = specials.size();
        int ls = specials.stream().mapToInt(a -> a.length).max().orElse(1);
        long[] special = new long[b * ls];
        float[] mix = new float[b * ls * lp];
        for (int i = 0; i < b; i++) {
            int[] s = specials.get(i);
            for (int t = 0; t < s.length; t++) {
                special[i * ls + t] = s[t];
                for (Map.Entry<Integer, Float> c : mixes.get(i).get(t).entrySet()) {
                    mix[(i * ls + t) * lp + c.getKey()] = c.getValue();
                }
            }
        }
        return new NDArray[] {m.create(special, new Shape(b, ls)), m.create(mix, new Shape(b, ls, lp))};
    }

    /** All arrays for a training batch. */
    public static Arrays of(NDManager m, List<Item> items, int featuresPerWord) {
        List<Encoded> encs = items.stream().map(Item::prefix).toList();
        NDArray[] pre = prefixArrays(m, encs, featuresPerWord);
        int lp = (int) pre[0].getShape().get(1);
        NDArray[] sql = sqlArrays(m, items.stream().map(Item::sqlSpecial).toList(),
                items.stream().map(Item::sqlMix).toList(), lp);
        int ls = (int) sql[0].getShape().get(1);
        int width = Keywords.size() + lp;
        float[] onehot = new float[items.size() * ls * width];
        int count = 0;
        int tokens = 0;
        for (int i = 0; i < items.size(); i++) {
            int[] t = items.get(i).targets();
            for (int j = 0; j < t.length; j++) {
                onehot[(i * ls + j) * width + t[j]] = 1f;
                count++;
            }
            tokens += t.length + items.get(i).prefix().length();
        }
        return new Arrays(pre[0], pre[1], pre[2], pre[3], pre[4], pre[5], sql[0], sql[1],
                m.create(onehot, new Shape(items.size(), ls, width)), count, tokens);
    }
}
