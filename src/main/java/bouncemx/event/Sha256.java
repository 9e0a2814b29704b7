package bouncemx.event;

import java.nio.charset.StandardCharsets;

import static java.lang.Integer.rotateRight;

/**
 * SHA-256 (FIPS 180-4) of a byte array, written for the C1 compiler that {@code bouncemx classify} runs with
 * ({@code -XX:TieredStopAtLevel=1}, see .ci/bouncemx): without C2 the JDK's {@code SHA2.implCompress} gets no
 * intrinsic, and C1-compiled, with its schedule and state in arrays, it took ~15% of classify's CPU. Here the 64
 * rounds are unrolled with the state and the 16-word message schedule in locals (no array, no bounds check).
 * A block is two methods of 32 rounds each: one method of 64 would pass the JVM's 8000-byte limit
 * ({@code DontCompileHugeMethods}) and stay interpreted. Round t, with (a..h) renamed rather than shifted:
 * {@code h += Σ1(e) + Ch(e,f,g) + K[t] + W[t]; d += h; h += Σ0(a) + Maj(a,b,c)}; for t >= 16, {@code W[t]}
 * is computed in place of {@code W[t-16]}. The result equals {@code MessageDigest.getInstance("SHA-256")}'s
 * (Sha256Test); measured in bench/README.md ("classify: CPU per message"). An instance hashes one message.
 */
final class Sha256 {
    private int h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a,
            h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
    /** The working variables and the schedule that rounds 0-31 of a block hand to rounds 32-63. */
    private int a, b, c, d, e, f, g, h;
    private int w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13, w14, w15;

    private Sha256() {}

    /** The digest of {@code m}, 32 bytes. */
    static byte[] digest(byte[] m) {
        int[] v = new Sha256().update(m);
        byte[] out = new byte[32];
        for (int i = 0; i < 8; i++) {
            out[4 * i] = (byte) (v[i] >>> 24);
            out[4 * i + 1] = (byte) (v[i] >>> 16);
            out[4 * i + 2] = (byte) (v[i] >>> 8);
            out[4 * i + 3] = (byte) v[i];
        }
        return out;
    }

    /** The digest of {@code m} as 64 lowercase hex digits. */
    static String hex(byte[] m) {
        int[] v = new Sha256().update(m);
        byte[] out = new byte[64];
        for (int i = 0; i < 64; i++) out[i] = HEX[(v[i >> 3] >>> (28 - 4 * (i & 7))) & 0xf];
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    /** Hashes all of {@code m} and its padding (0x80, zeros, the length in bits as 8 bytes); returns the hash value. */
    private int[] update(byte[] m) {
        int n = m.length;
        int full = n & ~63;
        for (int off = 0; off < full; off += 64) block(m, off);
        int rest = n - full;
        byte[] tail = new byte[rest < 56 ? 64 : 128];
        System.arraycopy(m, full, tail, 0, rest);
        tail[rest] = (byte) 0x80;
        long bits = (long) n << 3;
        for (int i = 0; i < 8; i++) tail[tail.length - 1 - i] = (byte) (bits >>> (8 * i));
        for (int off = 0; off < tail.length; off += 64) block(tail, off);
        return new int[] {h0, h1, h2, h3, h4, h5, h6, h7};
    }

    private void block(byte[] m, int o) {
        firstHalf(m, o);
        secondHalf();
    }

    private static int bigEndian(byte[] m, int i) {
        return (m[i] << 24) | ((m[i + 1] & 0xff) << 16) | ((m[i + 2] & 0xff) << 8) | (m[i + 3] & 0xff);
    }

    /** Rounds 0-31 of the block at {@code m[o..o+63]}. */
    private void firstHalf(byte[] m, int o) {
        int w0 = bigEndian(m, o), w1 = bigEndian(m, o + 4), w2 = bigEndian(m, o + 8), w3 = bigEndian(m, o + 12);
        int w4 = bigEndian(m, o + 16), w5 = bigEndian(m, o + 20), w6 = bigEndian(m, o + 24), w7 = bigEndian(m, o + 28);
        int w8 = bigEndian(m, o + 32), w9 = bigEndian(m, o + 36), w10 = bigEndian(m, o + 40), w11 = bigEndian(m, o + 44);
        int w12 = bigEndian(m, o + 48), w13 = bigEndian(m, o + 52), w14 = bigEndian(m, o + 56), w15 = bigEndian(m, o + 60);
        int a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
        h += (rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)) + ((e & f) ^ (~e & g)) + 0x428a2f98 + w0;
        d += h;
        h += (rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        g += (rotateRight(d, 6) ^ rotateRight(d, 11) ^ rotateRight(d, 25)) + ((d & e) ^ (~d & f)) + 0x71374491 + w1;
        c += g;
        g += (rotateRight(h, 2) ^ rotateRight(h, 13) ^ rotateRight(h, 22)) + ((h & a) ^ (h & b) ^ (a & b));
        f += (rotateRight(c, 6) ^ rotateRight(c, 11) ^ rotateRight(c, 25)) + ((c & d) ^ (~c & e)) + 0xb5c0fbcf + w2;
        b += f;
        f += (rotateRight(g, 2) ^ rotateRight(g, 13) ^ rotateRight(g, 22)) + ((g & h) ^ (g & a) ^ (h & a));
        e += (rotateRight(b, 6) ^ rotateRight(b, 11) ^ rotateRight(b, 25)) + ((b & c) ^ (~b & d)) + 0xe9b5dba5 + w3;
        a += e;
        e += (rotateRight(f, 2) ^ rotateRight(f, 13) ^ rotateRight(f, 22)) + ((f & g) ^ (f & h) ^ (g & h));
        d += (rotateRight(a, 6) ^ rotateRight(a, 11) ^ rotateRight(a, 25)) + ((a & b) ^ (~a & c)) + 0x3956c25b + w4;
        h += d;
        d += (rotateRight(e, 2) ^ rotateRight(e, 13) ^ rotateRight(e, 22)) + ((e & f) ^ (e & g) ^ (f & g));
        c += (rotateRight(h, 6) ^ rotateRight(h, 11) ^ rotateRight(h, 25)) + ((h & a) ^ (~h & b)) + 0x59f111f1 + w5;
        g += c;
        c += (rotateRight(d, 2) ^ rotateRight(d, 13) ^ rotateRight(d, 22)) + ((d & e) ^ (d & f) ^ (e & f));
        b += (rotateRight(g, 6) ^ rotateRight(g, 11) ^ rotateRight(g, 25)) + ((g & h) ^ (~g & a)) + 0x923f82a4 + w6;
        f += b;
        b += (rotateRight(c, 2) ^ rotateRight(c, 13) ^ rotateRight(c, 22)) + ((c & d) ^ (c & e) ^ (d & e));
        a += (rotateRight(f, 6) ^ rotateRight(f, 11) ^ rotateRight(f, 25)) + ((f & g) ^ (~f & h)) + 0xab1c5ed5 + w7;
        e += a;
        a += (rotateRight(b, 2) ^ rotateRight(b, 13) ^ rotateRight(b, 22)) + ((b & c) ^ (b & d) ^ (c & d));
        h += (rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)) + ((e & f) ^ (~e & g)) + 0xd807aa98 + w8;
        d += h;
        h += (rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        g += (rotateRight(d, 6) ^ rotateRight(d, 11) ^ rotateRight(d, 25)) + ((d & e) ^ (~d & f)) + 0x12835b01 + w9;
        c += g;
        g += (rotateRight(h, 2) ^ rotateRight(h, 13) ^ rotateRight(h, 22)) + ((h & a) ^ (h & b) ^ (a & b));
        f += (rotateRight(c, 6) ^ rotateRight(c, 11) ^ rotateRight(c, 25)) + ((c & d) ^ (~c & e)) + 0x243185be + w10;
        b += f;
        f += (rotateRight(g, 2) ^ rotateRight(g, 13) ^ rotateRight(g, 22)) + ((g & h) ^ (g & a) ^ (h & a));
        e += (rotateRight(b, 6) ^ rotateRight(b, 11) ^ rotateRight(b, 25)) + ((b & c) ^ (~b & d)) + 0x550c7dc3 + w11;
        a += e;
        e += (rotateRight(f, 2) ^ rotateRight(f, 13) ^ rotateRight(f, 22)) + ((f & g) ^ (f & h) ^ (g & h));
        d += (rotateRight(a, 6) ^ rotateRight(a, 11) ^ rotateRight(a, 25)) + ((a & b) ^ (~a & c)) + 0x72be5d74 + w12;
        h += d;
        d += (rotateRight(e, 2) ^ rotateRight(e, 13) ^ rotateRight(e, 22)) + ((e & f) ^ (e & g) ^ (f & g));
        c += (rotateRight(h, 6) ^ rotateRight(h, 11) ^ rotateRight(h, 25)) + ((h & a) ^ (~h & b)) + 0x80deb1fe + w13;
        g += c;
        c += (rotateRight(d, 2) ^ rotateRight(d, 13) ^ rotateRight(d, 22)) + ((d & e) ^ (d & f) ^ (e & f));
        b += (rotateRight(g, 6) ^ rotateRight(g, 11) ^ rotateRight(g, 25)) + ((g & h) ^ (~g & a)) + 0x9bdc06a7 + w14;
        f += b;
        b += (rotateRight(c, 2) ^ rotateRight(c, 13) ^ rotateRight(c, 22)) + ((c & d) ^ (c & e) ^ (d & e));
        a += (rotateRight(f, 6) ^ rotateRight(f, 11) ^ rotateRight(f, 25)) + ((f & g) ^ (~f & h)) + 0xc19bf174 + w15;
        e += a;
        a += (rotateRight(b, 2) ^ rotateRight(b, 13) ^ rotateRight(b, 22)) + ((b & c) ^ (b & d) ^ (c & d));
        w0 += (rotateRight(w14, 17) ^ rotateRight(w14, 19) ^ (w14 >>> 10)) + w9 + (rotateRight(w1, 7) ^ rotateRight(w1, 18) ^ (w1 >>> 3));
        h += (rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)) + ((e & f) ^ (~e & g)) + 0xe49b69c1 + w0;
        d += h;
        h += (rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        w1 += (rotateRight(w15, 17) ^ rotateRight(w15, 19) ^ (w15 >>> 10)) + w10 + (rotateRight(w2, 7) ^ rotateRight(w2, 18) ^ (w2 >>> 3));
        g += (rotateRight(d, 6) ^ rotateRight(d, 11) ^ rotateRight(d, 25)) + ((d & e) ^ (~d & f)) + 0xefbe4786 + w1;
        c += g;
        g += (rotateRight(h, 2) ^ rotateRight(h, 13) ^ rotateRight(h, 22)) + ((h & a) ^ (h & b) ^ (a & b));
        w2 += (rotateRight(w0, 17) ^ rotateRight(w0, 19) ^ (w0 >>> 10)) + w11 + (rotateRight(w3, 7) ^ rotateRight(w3, 18) ^ (w3 >>> 3));
        f += (rotateRight(c, 6) ^ rotateRight(c, 11) ^ rotateRight(c, 25)) + ((c & d) ^ (~c & e)) + 0x0fc19dc6 + w2;
        b += f;
        f += (rotateRight(g, 2) ^ rotateRight(g, 13) ^ rotateRight(g, 22)) + ((g & h) ^ (g & a) ^ (h & a));
        w3 += (rotateRight(w1, 17) ^ rotateRight(w1, 19) ^ (w1 >>> 10)) + w12 + (rotateRight(w4, 7) ^ rotateRight(w4, 18) ^ (w4 >>> 3));
        e += (rotateRight(b, 6) ^ rotateRight(b, 11) ^ rotateRight(b, 25)) + ((b & c) ^ (~b & d)) + 0x240ca1cc + w3;
        a += e;
        e += (rotateRight(f, 2) ^ rotateRight(f, 13) ^ rotateRight(f, 22)) + ((f & g) ^ (f & h) ^ (g & h));
        w4 += (rotateRight(w2, 17) ^ rotateRight(w2, 19) ^ (w2 >>> 10)) + w13 + (rotateRight(w5, 7) ^ rotateRight(w5, 18) ^ (w5 >>> 3));
        d += (rotateRight(a, 6) ^ rotateRight(a, 11) ^ rotateRight(a, 25)) + ((a & b) ^ (~a & c)) + 0x2de92c6f + w4;
        h += d;
        d += (rotateRight(e, 2) ^ rotateRight(e, 13) ^ rotateRight(e, 22)) + ((e & f) ^ (e & g) ^ (f & g));
        w5 += (rotateRight(w3, 17) ^ rotateRight(w3, 19) ^ (w3 >>> 10)) + w14 + (rotateRight(w6, 7) ^ rotateRight(w6, 18) ^ (w6 >>> 3));
        c += (rotateRight(h, 6) ^ rotateRight(h, 11) ^ rotateRight(h, 25)) + ((h & a) ^ (~h & b)) + 0x4a7484aa + w5;
        g += c;
        c += (rotateRight(d, 2) ^ rotateRight(d, 13) ^ rotateRight(d, 22)) + ((d & e) ^ (d & f) ^ (e & f));
        w6 += (rotateRight(w4, 17) ^ rotateRight(w4, 19) ^ (w4 >>> 10)) + w15 + (rotateRight(w7, 7) ^ rotateRight(w7, 18) ^ (w7 >>> 3));
        b += (rotateRight(g, 6) ^ rotateRight(g, 11) ^ rotateRight(g, 25)) + ((g & h) ^ (~g & a)) + 0x5cb0a9dc + w6;
        f += b;
        b += (rotateRight(c, 2) ^ rotateRight(c, 13) ^ rotateRight(c, 22)) + ((c & d) ^ (c & e) ^ (d & e));
        w7 += (rotateRight(w5, 17) ^ rotateRight(w5, 19) ^ (w5 >>> 10)) + w0 + (rotateRight(w8, 7) ^ rotateRight(w8, 18) ^ (w8 >>> 3));
        a += (rotateRight(f, 6) ^ rotateRight(f, 11) ^ rotateRight(f, 25)) + ((f & g) ^ (~f & h)) + 0x76f988da + w7;
        e += a;
        a += (rotateRight(b, 2) ^ rotateRight(b, 13) ^ rotateRight(b, 22)) + ((b & c) ^ (b & d) ^ (c & d));
        w8 += (rotateRight(w6, 17) ^ rotateRight(w6, 19) ^ (w6 >>> 10)) + w1 + (rotateRight(w9, 7) ^ rotateRight(w9, 18) ^ (w9 >>> 3));
        h += (rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)) + ((e & f) ^ (~e & g)) + 0x983e5152 + w8;
        d += h;
        h += (rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        w9 += (rotateRight(w7, 17) ^ rotateRight(w7, 19) ^ (w7 >>> 10)) + w2 + (rotateRight(w10, 7) ^ rotateRight(w10, 18) ^ (w10 >>> 3));
        g += (rotateRight(d, 6) ^ rotateRight(d, 11) ^ rotateRight(d, 25)) + ((d & e) ^ (~d & f)) + 0xa831c66d + w9;
        c += g;
        g += (rotateRight(h, 2) ^ rotateRight(h, 13) ^ rotateRight(h, 22)) + ((h & a) ^ (h & b) ^ (a & b));
        w10 += (rotateRight(w8, 17) ^ rotateRight(w8, 19) ^ (w8 >>> 10)) + w3 + (rotateRight(w11, 7) ^ rotateRight(w11, 18) ^ (w11 >>> 3));
        f += (rotateRight(c, 6) ^ rotateRight(c, 11) ^ rotateRight(c, 25)) + ((c & d) ^ (~c & e)) + 0xb00327c8 + w10;
        b += f;
        f += (rotateRight(g, 2) ^ rotateRight(g, 13) ^ rotateRight(g, 22)) + ((g & h) ^ (g & a) ^ (h & a));
        w11 += (rotateRight(w9, 17) ^ rotateRight(w9, 19) ^ (w9 >>> 10)) + w4 + (rotateRight(w12, 7) ^ rotateRight(w12, 18) ^ (w12 >>> 3));
        e += (rotateRight(b, 6) ^ rotateRight(b, 11) ^ rotateRight(b, 25)) + ((b & c) ^ (~b & d)) + 0xbf597fc7 + w11;
        a += e;
        e += (rotateRight(f, 2) ^ rotateRight(f, 13) ^ rotateRight(f, 22)) + ((f & g) ^ (f & h) ^ (g & h));
        w12 += (rotateRight(w10, 17) ^ rotateRight(w10, 19) ^ (w10 >>> 10)) + w5 + (rotateRight(w13, 7) ^ rotateRight(w13, 18) ^ (w13 >>> 3));
        d += (rotateRight(a, 6) ^ rotateRight(a, 11) ^ rotateRight(a, 25)) + ((a & b) ^ (~a & c)) + 0xc6e00bf3 + w12;
        h += d;
        d += (rotateRight(e, 2) ^ rotateRight(e, 13) ^ rotateRight(e, 22)) + ((e & f) ^ (e & g) ^ (f & g));
        w13 += (rotateRight(w11, 17) ^ rotateRight(w11, 19) ^ (w11 >>> 10)) + w6 + (rotateRight(w14, 7) ^ rotateRight(w14, 18) ^ (w14 >>> 3));
        c += (rotateRight(h, 6) ^ rotateRight(h, 11) ^ rotateRight(h, 25)) + ((h & a) ^ (~h & b)) + 0xd5a79147 + w13;
        g += c;
        c += (rotateRight(d, 2) ^ rotateRight(d, 13) ^ rotateRight(d, 22)) + ((d & e) ^ (d & f) ^ (e & f));
        w14 += (rotateRight(w12, 17) ^ rotateRight(w12, 19) ^ (w12 >>> 10)) + w7 + (rotateRight(w15, 7) ^ rotateRight(w15, 18) ^ (w15 >>> 3));
        b += (rotateRight(g, 6) ^ rotateRight(g, 11) ^ rotateRight(g, 25)) + ((g & h) ^ (~g & a)) + 0x06ca6351 + w14;
        f += b;
        b += (rotateRight(c, 2) ^ rotateRight(c, 13) ^ rotateRight(c, 22)) + ((c & d) ^ (c & e) ^ (d & e));
        w15 += (rotateRight(w13, 17) ^ rotateRight(w13, 19) ^ (w13 >>> 10)) + w8 + (rotateRight(w0, 7) ^ rotateRight(w0, 18) ^ (w0 >>> 3));
        a += (rotateRight(f, 6) ^ rotateRight(f, 11) ^ rotateRight(f, 25)) + ((f & g) ^ (~f & h)) + 0x14292967 + w15;
        e += a;
        a += (rotateRight(b, 2) ^ rotateRight(b, 13) ^ rotateRight(b, 22)) + ((b & c) ^ (b & d) ^ (c & d));
        this.a = a; this.b = b; this.c = c; this.d = d; this.e = e; this.f = f; this.g = g; this.h = h;
        this.w0 = w0; this.w1 = w1; this.w2 = w2; this.w3 = w3; this.w4 = w4; this.w5 = w5; this.w6 = w6; this.w7 = w7;
        this.w8 = w8; this.w9 = w9; this.w10 = w10; this.w11 = w11; this.w12 = w12; this.w13 = w13; this.w14 = w14; this.w15 = w15;
    }

    /** Rounds 32-63, then the block's working variables added into the hash value. */
    private void secondHalf() {
        int w0 = this.w0, w1 = this.w1, w2 = this.w2, w3 = this.w3, w4 = this.w4, w5 = this.w5, w6 = this.w6, w7 = this.w7;
        int w8 = this.w8, w9 = this.w9, w10 = this.w10, w11 = this.w11, w12 = this.w12, w13 = this.w13, w14 = this.w14, w15 = this.w15;
        int a = this.a, b = this.b, c = this.c, d = this.d, e = this.e, f = this.f, g = this.g, h = this.h;
        w0 += (rotateRight(w14, 17) ^ rotateRight(w14, 19) ^ (w14 >>> 10)) + w9 + (rotateRight(w1, 7) ^ rotateRight(w1, 18) ^ (w1 >>> 3));
        h += (rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)) + ((e & f) ^ (~e & g)) + 0x27b70a85 + w0;
        d += h;
        h += (rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        w1 += (rotateRight(w15, 17) ^ rotateRight(w15, 19) ^ (w15 >>> 10)) + w10 + (rotateRight(w2, 7) ^ rotateRight(w2, 18) ^ (w2 >>> 3));
        g += (rotateRight(d, 6) ^ rotateRight(d, 11) ^ rotateRight(d, 25)) + ((d & e) ^ (~d & f)) + 0x2e1b2138 + w1;
        c += g;
        g += (rotateRight(h, 2) ^ rotateRight(h, 13) ^ rotateRight(h, 22)) + ((h & a) ^ (h & b) ^ (a & b));
        w2 += (rotateRight(w0, 17) ^ rotateRight(w0, 19) ^ (w0 >>> 10)) + w11 + (rotateRight(w3, 7) ^ rotateRight(w3, 18) ^ (w3 >>> 3));
        f += (rotateRight(c, 6) ^ rotateRight(c, 11) ^ rotateRight(c, 25)) + ((c & d) ^ (~c & e)) + 0x4d2c6dfc + w2;
        b += f;
        f += (rotateRight(g, 2) ^ rotateRight(g, 13) ^ rotateRight(g, 22)) + ((g & h) ^ (g & a) ^ (h & a));
        w3 += (rotateRight(w1, 17) ^ rotateRight(w1, 19) ^ (w1 >>> 10)) + w12 + (rotateRight(w4, 7) ^ rotateRight(w4, 18) ^ (w4 >>> 3));
        e += (rotateRight(b, 6) ^ rotateRight(b, 11) ^ rotateRight(b, 25)) + ((b & c) ^ (~b & d)) + 0x53380d13 + w3;
        a += e;
        e += (rotateRight(f, 2) ^ rotateRight(f, 13) ^ rotateRight(f, 22)) + ((f & g) ^ (f & h) ^ (g & h));
        w4 += (rotateRight(w2, 17) ^ rotateRight(w2, 19) ^ (w2 >>> 10)) + w13 + (rotateRight(w5, 7) ^ rotateRight(w5, 18) ^ (w5 >>> 3));
        d += (rotateRight(a, 6) ^ rotateRight(a, 11) ^ rotateRight(a, 25)) + ((a & b) ^ (~a & c)) + 0x650a7354 + w4;
        h += d;
        d += (rotateRight(e, 2) ^ rotateRight(e, 13) ^ rotateRight(e, 22)) + ((e & f) ^ (e & g) ^ (f & g));
        w5 += (rotateRight(w3, 17) ^ rotateRight(w3, 19) ^ (w3 >>> 10)) + w14 + (rotateRight(w6, 7) ^ rotateRight(w6, 18) ^ (w6 >>> 3));
        c += (rotateRight(h, 6) ^ rotateRight(h, 11) ^ rotateRight(h, 25)) + ((h & a) ^ (~h & b)) + 0x766a0abb + w5;
        g += c;
        c += (rotateRight(d, 2) ^ rotateRight(d, 13) ^ rotateRight(d, 22)) + ((d & e) ^ (d & f) ^ (e & f));
        w6 += (rotateRight(w4, 17) ^ rotateRight(w4, 19) ^ (w4 >>> 10)) + w15 + (rotateRight(w7, 7) ^ rotateRight(w7, 18) ^ (w7 >>> 3));
        b += (rotateRight(g, 6) ^ rotateRight(g, 11) ^ rotateRight(g, 25)) + ((g & h) ^ (~g & a)) + 0x81c2c92e + w6;
        f += b;
        b += (rotateRight(c, 2) ^ rotateRight(c, 13) ^ rotateRight(c, 22)) + ((c & d) ^ (c & e) ^ (d & e));
        w7 += (rotateRight(w5, 17) ^ rotateRight(w5, 19) ^ (w5 >>> 10)) + w0 + (rotateRight(w8, 7) ^ rotateRight(w8, 18) ^ (w8 >>> 3));
        a += (rotateRight(f, 6) ^ rotateRight(f, 11) ^ rotateRight(f, 25)) + ((f & g) ^ (~f & h)) + 0x92722c85 + w7;
        e += a;
        a += (rotateRight(b, 2) ^ rotateRight(b, 13) ^ rotateRight(b, 22)) + ((b & c) ^ (b & d) ^ (c & d));
        w8 += (rotateRight(w6, 17) ^ rotateRight(w6, 19) ^ (w6 >>> 10)) + w1 + (rotateRight(w9, 7) ^ rotateRight(w9, 18) ^ (w9 >>> 3));
        h += (rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)) + ((e & f) ^ (~e & g)) + 0xa2bfe8a1 + w8;
        d += h;
        h += (rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        w9 += (rotateRight(w7, 17) ^ rotateRight(w7, 19) ^ (w7 >>> 10)) + w2 + (rotateRight(w10, 7) ^ rotateRight(w10, 18) ^ (w10 >>> 3));
        g += (rotateRight(d, 6) ^ rotateRight(d, 11) ^ rotateRight(d, 25)) + ((d & e) ^ (~d & f)) + 0xa81a664b + w9;
        c += g;
        g += (rotateRight(h, 2) ^ rotateRight(h, 13) ^ rotateRight(h, 22)) + ((h & a) ^ (h & b) ^ (a & b));
        w10 += (rotateRight(w8, 17) ^ rotateRight(w8, 19) ^ (w8 >>> 10)) + w3 + (rotateRight(w11, 7) ^ rotateRight(w11, 18) ^ (w11 >>> 3));
        f += (rotateRight(c, 6) ^ rotateRight(c, 11) ^ rotateRight(c, 25)) + ((c & d) ^ (~c & e)) + 0xc24b8b70 + w10;
        b += f;
        f += (rotateRight(g, 2) ^ rotateRight(g, 13) ^ rotateRight(g, 22)) + ((g & h) ^ (g & a) ^ (h & a));
        w11 += (rotateRight(w9, 17) ^ rotateRight(w9, 19) ^ (w9 >>> 10)) + w4 + (rotateRight(w12, 7) ^ rotateRight(w12, 18) ^ (w12 >>> 3));
        e += (rotateRight(b, 6) ^ rotateRight(b, 11) ^ rotateRight(b, 25)) + ((b & c) ^ (~b & d)) + 0xc76c51a3 + w11;
        a += e;
        e += (rotateRight(f, 2) ^ rotateRight(f, 13) ^ rotateRight(f, 22)) + ((f & g) ^ (f & h) ^ (g & h));
        w12 += (rotateRight(w10, 17) ^ rotateRight(w10, 19) ^ (w10 >>> 10)) + w5 + (rotateRight(w13, 7) ^ rotateRight(w13, 18) ^ (w13 >>> 3));
        d += (rotateRight(a, 6) ^ rotateRight(a, 11) ^ rotateRight(a, 25)) + ((a & b) ^ (~a & c)) + 0xd192e819 + w12;
        h += d;
        d += (rotateRight(e, 2) ^ rotateRight(e, 13) ^ rotateRight(e, 22)) + ((e & f) ^ (e & g) ^ (f & g));
        w13 += (rotateRight(w11, 17) ^ rotateRight(w11, 19) ^ (w11 >>> 10)) + w6 + (rotateRight(w14, 7) ^ rotateRight(w14, 18) ^ (w14 >>> 3));
        c += (rotateRight(h, 6) ^ rotateRight(h, 11) ^ rotateRight(h, 25)) + ((h & a) ^ (~h & b)) + 0xd6990624 + w13;
        g += c;
        c += (rotateRight(d, 2) ^ rotateRight(d, 13) ^ rotateRight(d, 22)) + ((d & e) ^ (d & f) ^ (e & f));
        w14 += (rotateRight(w12, 17) ^ rotateRight(w12, 19) ^ (w12 >>> 10)) + w7 + (rotateRight(w15, 7) ^ rotateRight(w15, 18) ^ (w15 >>> 3));
        b += (rotateRight(g, 6) ^ rotateRight(g, 11) ^ rotateRight(g, 25)) + ((g & h) ^ (~g & a)) + 0xf40e3585 + w14;
        f += b;
        b += (rotateRight(c, 2) ^ rotateRight(c, 13) ^ rotateRight(c, 22)) + ((c & d) ^ (c & e) ^ (d & e));
        w15 += (rotateRight(w13, 17) ^ rotateRight(w13, 19) ^ (w13 >>> 10)) + w8 + (rotateRight(w0, 7) ^ rotateRight(w0, 18) ^ (w0 >>> 3));
        a += (rotateRight(f, 6) ^ rotateRight(f, 11) ^ rotateRight(f, 25)) + ((f & g) ^ (~f & h)) + 0x106aa070 + w15;
        e += a;
        a += (rotateRight(b, 2) ^ rotateRight(b, 13) ^ rotateRight(b, 22)) + ((b & c) ^ (b & d) ^ (c & d));
        w0 += (rotateRight(w14, 17) ^ rotateRight(w14, 19) ^ (w14 >>> 10)) + w9 + (rotateRight(w1, 7) ^ rotateRight(w1, 18) ^ (w1 >>> 3));
        h += (rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)) + ((e & f) ^ (~e & g)) + 0x19a4c116 + w0;
        d += h;
        h += (rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        w1 += (rotateRight(w15, 17) ^ rotateRight(w15, 19) ^ (w15 >>> 10)) + w10 + (rotateRight(w2, 7) ^ rotateRight(w2, 18) ^ (w2 >>> 3));
        g += (rotateRight(d, 6) ^ rotateRight(d, 11) ^ rotateRight(d, 25)) + ((d & e) ^ (~d & f)) + 0x1e376c08 + w1;
        c += g;
        g += (rotateRight(h, 2) ^ rotateRight(h, 13) ^ rotateRight(h, 22)) + ((h & a) ^ (h & b) ^ (a & b));
        w2 += (rotateRight(w0, 17) ^ rotateRight(w0, 19) ^ (w0 >>> 10)) + w11 + (rotateRight(w3, 7) ^ rotateRight(w3, 18) ^ (w3 >>> 3));
        f += (rotateRight(c, 6) ^ rotateRight(c, 11) ^ rotateRight(c, 25)) + ((c & d) ^ (~c & e)) + 0x2748774c + w2;
        b += f;
        f += (rotateRight(g, 2) ^ rotateRight(g, 13) ^ rotateRight(g, 22)) + ((g & h) ^ (g & a) ^ (h & a));
        w3 += (rotateRight(w1, 17) ^ rotateRight(w1, 19) ^ (w1 >>> 10)) + w12 + (rotateRight(w4, 7) ^ rotateRight(w4, 18) ^ (w4 >>> 3));
        e += (rotateRight(b, 6) ^ rotateRight(b, 11) ^ rotateRight(b, 25)) + ((b & c) ^ (~b & d)) + 0x34b0bcb5 + w3;
        a += e;
        e += (rotateRight(f, 2) ^ rotateRight(f, 13) ^ rotateRight(f, 22)) + ((f & g) ^ (f & h) ^ (g & h));
        w4 += (rotateRight(w2, 17) ^ rotateRight(w2, 19) ^ (w2 >>> 10)) + w13 + (rotateRight(w5, 7) ^ rotateRight(w5, 18) ^ (w5 >>> 3));
        d += (rotateRight(a, 6) ^ rotateRight(a, 11) ^ rotateRight(a, 25)) + ((a & b) ^ (~a & c)) + 0x391c0cb3 + w4;
        h += d;
        d += (rotateRight(e, 2) ^ rotateRight(e, 13) ^ rotateRight(e, 22)) + ((e & f) ^ (e & g) ^ (f & g));
        w5 += (rotateRight(w3, 17) ^ rotateRight(w3, 19) ^ (w3 >>> 10)) + w14 + (rotateRight(w6, 7) ^ rotateRight(w6, 18) ^ (w6 >>> 3));
        c += (rotateRight(h, 6) ^ rotateRight(h, 11) ^ rotateRight(h, 25)) + ((h & a) ^ (~h & b)) + 0x4ed8aa4a + w5;
        g += c;
        c += (rotateRight(d, 2) ^ rotateRight(d, 13) ^ rotateRight(d, 22)) + ((d & e) ^ (d & f) ^ (e & f));
        w6 += (rotateRight(w4, 17) ^ rotateRight(w4, 19) ^ (w4 >>> 10)) + w15 + (rotateRight(w7, 7) ^ rotateRight(w7, 18) ^ (w7 >>> 3));
        b += (rotateRight(g, 6) ^ rotateRight(g, 11) ^ rotateRight(g, 25)) + ((g & h) ^ (~g & a)) + 0x5b9cca4f + w6;
        f += b;
        b += (rotateRight(c, 2) ^ rotateRight(c, 13) ^ rotateRight(c, 22)) + ((c & d) ^ (c & e) ^ (d & e));
        w7 += (rotateRight(w5, 17) ^ rotateRight(w5, 19) ^ (w5 >>> 10)) + w0 + (rotateRight(w8, 7) ^ rotateRight(w8, 18) ^ (w8 >>> 3));
        a += (rotateRight(f, 6) ^ rotateRight(f, 11) ^ rotateRight(f, 25)) + ((f & g) ^ (~f & h)) + 0x682e6ff3 + w7;
        e += a;
        a += (rotateRight(b, 2) ^ rotateRight(b, 13) ^ rotateRight(b, 22)) + ((b & c) ^ (b & d) ^ (c & d));
        w8 += (rotateRight(w6, 17) ^ rotateRight(w6, 19) ^ (w6 >>> 10)) + w1 + (rotateRight(w9, 7) ^ rotateRight(w9, 18) ^ (w9 >>> 3));
        h += (rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)) + ((e & f) ^ (~e & g)) + 0x748f82ee + w8;
        d += h;
        h += (rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        w9 += (rotateRight(w7, 17) ^ rotateRight(w7, 19) ^ (w7 >>> 10)) + w2 + (rotateRight(w10, 7) ^ rotateRight(w10, 18) ^ (w10 >>> 3));
        g += (rotateRight(d, 6) ^ rotateRight(d, 11) ^ rotateRight(d, 25)) + ((d & e) ^ (~d & f)) + 0x78a5636f + w9;
        c += g;
        g += (rotateRight(h, 2) ^ rotateRight(h, 13) ^ rotateRight(h, 22)) + ((h & a) ^ (h & b) ^ (a & b));
        w10 += (rotateRight(w8, 17) ^ rotateRight(w8, 19) ^ (w8 >>> 10)) + w3 + (rotateRight(w11, 7) ^ rotateRight(w11, 18) ^ (w11 >>> 3));
        f += (rotateRight(c, 6) ^ rotateRight(c, 11) ^ rotateRight(c, 25)) + ((c & d) ^ (~c & e)) + 0x84c87814 + w10;
        b += f;
        f += (rotateRight(g, 2) ^ rotateRight(g, 13) ^ rotateRight(g, 22)) + ((g & h) ^ (g & a) ^ (h & a));
        w11 += (rotateRight(w9, 17) ^ rotateRight(w9, 19) ^ (w9 >>> 10)) + w4 + (rotateRight(w12, 7) ^ rotateRight(w12, 18) ^ (w12 >>> 3));
        e += (rotateRight(b, 6) ^ rotateRight(b, 11) ^ rotateRight(b, 25)) + ((b & c) ^ (~b & d)) + 0x8cc70208 + w11;
        a += e;
        e += (rotateRight(f, 2) ^ rotateRight(f, 13) ^ rotateRight(f, 22)) + ((f & g) ^ (f & h) ^ (g & h));
        w12 += (rotateRight(w10, 17) ^ rotateRight(w10, 19) ^ (w10 >>> 10)) + w5 + (rotateRight(w13, 7) ^ rotateRight(w13, 18) ^ (w13 >>> 3));
        d += (rotateRight(a, 6) ^ rotateRight(a, 11) ^ rotateRight(a, 25)) + ((a & b) ^ (~a & c)) + 0x90befffa + w12;
        h += d;
        d += (rotateRight(e, 2) ^ rotateRight(e, 13) ^ rotateRight(e, 22)) + ((e & f) ^ (e & g) ^ (f & g));
        w13 += (rotateRight(w11, 17) ^ rotateRight(w11, 19) ^ (w11 >>> 10)) + w6 + (rotateRight(w14, 7) ^ rotateRight(w14, 18) ^ (w14 >>> 3));
        c += (rotateRight(h, 6) ^ rotateRight(h, 11) ^ rotateRight(h, 25)) + ((h & a) ^ (~h & b)) + 0xa4506ceb + w13;
        g += c;
        c += (rotateRight(d, 2) ^ rotateRight(d, 13) ^ rotateRight(d, 22)) + ((d & e) ^ (d & f) ^ (e & f));
        w14 += (rotateRight(w12, 17) ^ rotateRight(w12, 19) ^ (w12 >>> 10)) + w7 + (rotateRight(w15, 7) ^ rotateRight(w15, 18) ^ (w15 >>> 3));
        b += (rotateRight(g, 6) ^ rotateRight(g, 11) ^ rotateRight(g, 25)) + ((g & h) ^ (~g & a)) + 0xbef9a3f7 + w14;
        f += b;
        b += (rotateRight(c, 2) ^ rotateRight(c, 13) ^ rotateRight(c, 22)) + ((c & d) ^ (c & e) ^ (d & e));
        w15 += (rotateRight(w13, 17) ^ rotateRight(w13, 19) ^ (w13 >>> 10)) + w8 + (rotateRight(w0, 7) ^ rotateRight(w0, 18) ^ (w0 >>> 3));
        a += (rotateRight(f, 6) ^ rotateRight(f, 11) ^ rotateRight(f, 25)) + ((f & g) ^ (~f & h)) + 0xc67178f2 + w15;
        e += a;
        a += (rotateRight(b, 2) ^ rotateRight(b, 13) ^ rotateRight(b, 22)) + ((b & c) ^ (b & d) ^ (c & d));
        h0 += a; h1 += b; h2 += c; h3 += d; h4 += e; h5 += f; h6 += g; h7 += h;
    }
}
