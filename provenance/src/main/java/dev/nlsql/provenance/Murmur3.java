package dev.nlsql.provenance;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * MurmurHash3 x64 128-bit (Austin Appleby, public domain, {@code MurmurHash3_x64_128} in
 * smhasher), reading 8-byte little-endian words through a {@link VarHandle} and returning the
 * two halves without allocating. Output equals Apache Commons Codec's
 * {@code MurmurHash3.hash128x64(data, offset, length, seed)} (checked in the tests); it is here
 * because the row hash runs once per result row and the library's version reads bytes one at a
 * time and allocates its result array.
 */
final class Murmur3 {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    /** First (h1) and second (h2) 64-bit half of the last {@link #hash} call. */
    long h1;
    long h2;

    /** Hashes {@code len} bytes of {@code data} from {@code off} with {@code seed} (unsigned 32 bits) into h1, h2. */
    void hash(byte[] data, int off, int len, int seed) {
        long a = seed & 0xffffffffL;
        long b = a;
        int nblocks = len >>> 4;
        for (int i = 0; i < nblocks; i++) {
            int p = off + (i << 4);
            long k1 = (long) LONG_LE.get(data, p);
            long k2 = (long) LONG_LE.get(data, p + 8);
            k1 *= C1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= C2;
            a ^= k1;
            a = Long.rotateLeft(a, 27);
            a += b;
            a = a * 5 + 0x52dce729;
            k2 *= C2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= C1;
            b ^= k2;
            b = Long.rotateLeft(b, 31);
            b += a;
            b = b * 5 + 0x38495ab5;
        }
        int t = off + (nblocks << 4);
        int rem = len & 15;
        long k1 = 0;
        long k2 = 0;
        if (rem > 0) {
            if (t + 16 <= data.length) {
                // whole words past the end are readable: read them and mask off the bytes beyond len
                if (rem >= 8) {
                    k1 = (long) LONG_LE.get(data, t);
                    k2 = rem == 8 ? 0 : (long) LONG_LE.get(data, t + 8) & (-1L >>> ((16 - rem) << 3));
                } else {
                    k1 = (long) LONG_LE.get(data, t) & (-1L >>> ((8 - rem) << 3));
                }
            } else {
                for (int i = rem - 1; i >= 8; i--) {
                    k2 ^= (data[t + i] & 0xffL) << ((i - 8) << 3);
                }
                for (int i = Math.min(rem, 8) - 1; i >= 0; i--) {
                    k1 ^= (data[t + i] & 0xffL) << (i << 3);
                }
            }
        }
        if (rem > 8) {
            k2 *= C2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= C1;
            b ^= k2;
        }
        if (rem > 0) {
            k1 *= C1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= C2;
            a ^= k1;
        }
        a ^= len;
        b ^= len;
        a += b;
        b += a;
        a = fmix64(a);
        b = fmix64(b);
        a += b;
        b += a;
        h1 = a;
        h2 = b;
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
