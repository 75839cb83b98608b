package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.cpu.Philox;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Randomness has no torch reference (our Philox stream is our own), so this pins Philox4x32-10
 * with Random123's known-answer vectors, then checks determinism (seed, pieces, thread count)
 * and distributions (KS, moments, chi-square) with bounds far outside sampling noise.
 */
class RandomTest {
  private static final int N = 1_000_000;

  @Test
  void philoxKnownAnswers() {
    // Random123 kat_vectors, philox4x32_10: counter words 0..3, key words 0..1.
    assertBlock(0, 0, 0, 0, 0, 0, 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8);
    assertBlock(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff,
        0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd);
    assertBlock(0xa4093822, 0x299f31d0, 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344,
        0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1);
    int[] viaSeed = new int[4], full = new int[4];
    Philox.block(0x299f31d0_a4093822L, 0x85a308d3_243f6a88L, viaSeed);
    Philox.block(0xa4093822, 0x299f31d0, 0x243f6a88, 0x85a308d3, 0, 0, full);
    assertArrayEquals(full, viaSeed, "the (seed, counter) form is the 4-word form with counter words 2, 3 = 0");
  }

  private static void assertBlock(int k0, int k1, int c0, int c1, int c2, int c3, int... expected) {
    int[] out = new int[4];
    Philox.block(k0, k1, c0, c1, c2, c3, out);
    assertArrayEquals(expected, out, () -> "philox4x32_10 got " + Arrays.toString(Arrays.stream(out)
        .mapToObj(Integer::toHexString).toArray()));
  }

  @Test
  void sameSeedSameNumbersOtherSeedOthers() {
    float[] a = Tensor.rand(new Generator(7), 1000).toFloatArray();
    float[] b = Tensor.rand(new Generator(7), 1000).toFloatArray();
    float[] c = Tensor.rand(new Generator(8), 1000).toFloatArray();
    assertArrayEquals(a, b, 0f);
    int same = 0;
    for (int i = 0; i < a.length; i++) if (a[i] == c[i]) same++;
    assertTrue(same < 5, "seeds 7 and 8 share " + same + " of 1000 values");
    Generator g = new Generator(7);
    Tensor.rand(g, 10).close();
    float[] next = Tensor.rand(g, 1000).toFloatArray();
    assertFalse(Arrays.equals(a, next), "successive draws advance the stream");
    g.setSeed(7);
    assertArrayEquals(a, Tensor.rand(g, 1000).toFloatArray(), 0f, "setSeed restarts the stream");
  }

  @Test
  void largeFillEqualsPhiloxPerIndexAndPiecewiseDraws() {
    // A 1M fill runs on every kernel thread; element i must still be Philox(seed, i) alone.
    long seed = 0x1234_5678_9abcL;
    float[] big = Tensor.rand(new Generator(seed), N).toFloatArray();
    int[] w = new int[4];
    for (int i = 0; i < N; i++) {
      Philox.block(seed, i, w);
      if (big[i] != Philox.unitFloat(w[0])) throw new AssertionError("element " + i + " differs from Philox(seed, " + i + ")");
    }
    Generator g = new Generator(seed);
    float[] joined = new float[N];
    int pos = 0;
    for (int piece : new int[] {1, 999, 65_535, 65_537, 300_000, N - 1 - 999 - 65_535 - 65_537 - 300_000}) {
      float[] p = Tensor.rand(g, piece).toFloatArray();
      System.arraycopy(p, 0, joined, pos, piece);
      pos += piece;
    }
    assertEquals(N, pos);
    assertArrayEquals(big, joined, 0f, "draws in pieces continue the same stream");
    double[] d = Tensor.randn(new Generator(seed), DType.FLOAT64, 100_000).toDoubleArray();
    double[] d2 = Tensor.randn(new Generator(seed), DType.FLOAT64, 200_000).toDoubleArray();
    assertArrayEquals(d, Arrays.copyOf(d2, 100_000), 0.0, "a prefix does not depend on the fill size");
  }

  @Test
  void uniformIsUniformOnHalfOpenInterval() {
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      double[] u = Tensor.rand(new Generator(11), dt, N).toDoubleArray();
      double min = 1, max = 0, sum = 0;
      for (double v : u) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
      }
      assertTrue(min >= 0 && max < 1, dt + ": range [" + min + ", " + max + "]");
      assertEquals(0.5, sum / N, 0.01, dt + ": mean");
      Arrays.sort(u);
      double ks = 0;
      for (int i = 0; i < N; i++) ks = Math.max(ks, Math.max(Math.abs((i + 1.0) / N - u[i]), Math.abs(u[i] - (double) i / N)));
      // 1.95 / sqrt(N) is the 0.1% critical value.
      assertTrue(ks < 1.95 / Math.sqrt(N), dt + ": KS statistic " + ks);
    }
  }

  @Test
  void normalHasStandardMomentsAndShape() {
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      double[] z = Tensor.randn(new Generator(12), dt, N).toDoubleArray();
      double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
      for (double v : z) m1 += v;
      m1 /= N;
      for (double v : z) {
        double c = v - m1;
        m2 += c * c;
        m3 += c * c * c;
        m4 += c * c * c * c;
      }
      m2 /= N;
      m3 /= N;
      m4 /= N;
      double sd = Math.sqrt(m2);
      assertEquals(0, m1, 0.01, dt + ": mean");
      assertEquals(1, sd, 0.01, dt + ": std");
      assertEquals(0, m3 / (sd * sd * sd), 0.03, dt + ": skewness");
      assertEquals(3, m4 / (m2 * m2), 0.06, dt + ": kurtosis");
      Arrays.sort(z);
      double ks = 0;
      for (int i = 0; i < N; i++) {
        double f = phi(z[i]);
        ks = Math.max(ks, Math.max(Math.abs((i + 1.0) / N - f), Math.abs(f - (double) i / N)));
      }
      assertTrue(ks < 1.95 / Math.sqrt(N), dt + ": KS statistic vs the normal CDF " + ks);
    }
  }

  /** Standard normal CDF via erfc (W. J. Cody's rational approximation is overkill; this is accurate to ~1e-7). */
  private static double phi(double x) {
    double t = 1 / (1 + 0.5 * Math.abs(x) / Math.sqrt(2));
    double y = t * Math.exp(-x * x / 2 - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
        + t * 0.17087277)))))))));
    return x >= 0 ? 1 - y / 2 : y / 2;
  }

  @Test
  void randintStaysInBoundsAndIsUniform() {
    long[] v = Tensor.randint(new Generator(13), -3, 7, 200_000).toLongArray();
    long[] counts = new long[10];
    for (long x : v) {
      assertTrue(x >= -3 && x < 7, "value " + x);
      counts[(int) (x + 3)]++;
    }
    double expected = v.length / 10.0, chi2 = 0;
    for (long c : counts) chi2 += (c - expected) * (c - expected) / expected;
    assertTrue(chi2 < 27.9, "chi-square (9 dof, 0.1% critical 27.9) " + chi2 + " counts " + Arrays.toString(counts));
    assertEquals(DType.INT64, Tensor.randint(new Generator(1), 0, 2, 3).dtype());
    long[] one = Tensor.randint(new Generator(1), 5, 6, 100).toLongArray();
    for (long x : one) assertEquals(5, x);
  }

  @Test
  void bernoulliFrequencyMatchesP() {
    Tensor p = Tensor.full(new int[] {200_000}, 0.3, DType.FLOAT64);
    Tensor b = Tensor.bernoulli(new Generator(14), p);
    assertEquals(DType.FLOAT64, b.dtype());
    double ones = 0;
    for (double x : b.toDoubleArray()) {
      assertTrue(x == 0 || x == 1);
      ones += x;
    }
    assertEquals(0.3, ones / 200_000, 0.005);
    float[] edges = Tensor.bernoulli(new Generator(15), Tensor.of(0f, 1f, 0f, 1f)).toFloatArray();
    assertArrayEquals(new float[] {0, 1, 0, 1}, edges, 0f);
  }

  @Test
  void randpermIsAPermutation() {
    for (int n : new int[] {0, 1, 2, 17, 1000}) {
      long[] p = Tensor.randperm(new Generator(16), n).toLongArray();
      long[] sorted = p.clone();
      Arrays.sort(sorted);
      for (int i = 0; i < n; i++) assertEquals(i, sorted[i], "n=" + n);
    }
    long[] a = Tensor.randperm(new Generator(1), 50).toLongArray();
    long[] b = Tensor.randperm(new Generator(2), 50).toLongArray();
    assertFalse(Arrays.equals(a, b));
    // Each of the 6 permutations of 3 appears about equally often.
    Generator g = new Generator(17);
    int[] counts = new int[6];
    for (int t = 0; t < 6000; t++) {
      long[] q = Tensor.randperm(g, 3).toLongArray();
      counts[(int) (q[0] * 2 + (q[1] > q[2] ? 1 : 0))]++;
    }
    for (int c : counts) assertEquals(1000, c, 130, Arrays.toString(counts));
  }

  @Test
  void multinomialWithReplacementFollowsWeights() {
    Tensor w = Tensor.of(1.0, 2.0, 3.0, 4.0);
    long[] s = Tensor.multinomial(new Generator(18), w, 100_000, true).toLongArray();
    int[] counts = new int[4];
    for (long x : s) counts[(int) x]++;
    for (int i = 0; i < 4; i++) assertEquals((i + 1) / 10.0, counts[i] / 100_000.0, 0.006, Arrays.toString(counts));
  }

  @Test
  void multinomialWithoutReplacementNeverRepeats() {
    Tensor w = Tensor.of(new float[] {5, 1, 0, 3}, new float[] {0, 0, 2, 0});
    for (int seed = 0; seed < 50; seed++) {
      Tensor s = Tensor.multinomial(new Generator(seed), w, 4, false);
      assertArrayEquals(new int[] {2, 4}, s.shape());
      long[] v = s.toLongArray();
      for (int r = 0; r < 2; r++) {
        long[] row = Arrays.copyOfRange(v, r * 4, r * 4 + 4);
        long[] sorted = row.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new long[] {0, 1, 2, 3}, sorted, "row " + r + ": " + Arrays.toString(row));
        if (r == 1) assertEquals(2, row[0], "the only positive weight comes first");
        if (r == 0) assertEquals(2, row[3], "the zero weight comes last");
      }
    }
    // First draw frequencies follow the weights; the heaviest category comes first most often.
    Generator g = new Generator(19);
    int[] first = new int[3];
    for (int t = 0; t < 20_000; t++) first[(int) Tensor.multinomial(g, Tensor.of(1.0, 1.0, 2.0), 2, false).toLongArray()[0]]++;
    assertEquals(0.5, first[2] / 20_000.0, 0.02, Arrays.toString(first));
  }

  @Test
  void multinomialAndRandomErrors() {
    Generator g = new Generator(1);
    assertMessage(() -> Tensor.multinomial(g, Tensor.of(1.0, -1.0), 1, true), "must be finite and non-negative");
    assertMessage(() -> Tensor.multinomial(g, Tensor.of(1.0, Double.NaN), 1, true), "must be finite and non-negative");
    assertMessage(() -> Tensor.multinomial(g, Tensor.of(1.0, 2.0), 3, false), "cannot draw 3 samples from 2 categories");
    assertMessage(() -> Tensor.multinomial(g, Tensor.of(0.0, 0.0), 1, true), "zero total weight");
    assertMessage(() -> Tensor.multinomial(g, Tensor.scalar(1, DType.FLOAT32), 1, true), "1-D or 2-D");
    assertMessage(() -> Tensor.randint(g, 3, 3, 2), "low 3 must be < high 3");
    assertMessage(() -> Tensor.rand(g, DType.INT32, 2), "dtype must be floating");
    assertMessage(() -> Tensor.bernoulli(g, Tensor.of(0.5f, 1.5f)), "outside [0, 1]");
    assertMessage(() -> Tensor.randperm(g, -1), "non-negative");
  }

  static void assertMessage(org.junit.jupiter.api.function.Executable f, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, f);
    assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' lacks '" + part + "'");
  }

  @org.junit.jupiter.api.Test
  void savedStateResumesTheStream() {
    Generator a = new Generator(77);
    Tensor.rand(a, 10).close();
    long seed = a.seed(), offset = a.offset();
    double[] next = Tensor.rand(a, 5).toDoubleArray();
    Generator b = new Generator(1);
    b.setState(seed, offset);
    org.junit.jupiter.api.Assertions.assertArrayEquals(next, Tensor.rand(b, 5).toDoubleArray());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> b.setState(1, -1));
  }
}
