package dev.nlsql.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;

/** Our allocation-free MurmurHash3 x64 128 gives Apache Commons Codec's output. */
class Murmur3Test {
    @Test
    void sameAsCommonsCodecForEveryTailLengthAndOffset() {
        Random rnd = new Random(7);
        Murmur3 m = new Murmur3();
        for (int len = 0; len <= 100; len++) {
            for (int off : new int[] {0, 1, 5, 13}) {
                // random bytes after the data: the tail is read in whole words and masked when they fit
                for (int pad : new int[] {0, 3, 16, 40}) {
                    byte[] data = new byte[off + len + pad];
                rnd.nextBytes(data);
                int seed = rnd.nextInt();
                long[] ref = MurmurHash3.hash128x64(data, off, len, seed);
                m.hash(data, off, len, seed);
                assertEquals(ref[0], m.h1, "h1 len=" + len + " off=" + off + " pad=" + pad);
                assertEquals(ref[1], m.h2, "h2 len=" + len + " off=" + off + " pad=" + pad);
                }
            }
        }
    }
}
