package io.jgrad.tensor;

import static io.jgrad.tensor.IndexingPropertyTest.assertSameValues;
import static io.jgrad.tensor.IndexingPropertyTest.flat;
import static io.jgrad.tensor.IndexingPropertyTest.random;
import static io.jgrad.tensor.IndexingPropertyTest.randomShape;
import static io.jgrad.tensor.IndexingPropertyTest.unflat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded properties of the joining ops against naive index formulas and round trips. */
class JoiningPropertyTest {
  private static final DType[] DTYPES = {DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32};

  @Test
  void splitThenCatIsIdentityAndPiecesAreViews() {
    SplittableRandom r = new SplittableRandom(11);
    for (int trial = 0; trial < 30; trial++) {
      int rank = 1 + trial % 3;
      int[] shape = randomShape(r, rank, 8);
      Tensor x = random(r, DTYPES[trial % 4], shape, true);
      int dim = r.nextInt(rank), size = r.nextInt(1, shape[dim] + 2), chunks = r.nextInt(1, 10);
      List<Tensor> pieces = x.split(size, dim);
      assertEquals((shape[dim] + size - 1) / size, pieces.size());
      for (Tensor p : pieces) assertTrue(p.sharesMemoryWith(x), "split pieces are views");
      assertSameValues(x.toDoubleArray(), Tensor.cat(pieces, dim).toDoubleArray(), "cat(split) trial " + trial);
      List<Tensor> ch = x.chunk(chunks, dim);
      int cs = (shape[dim] + chunks - 1) / chunks;
      assertEquals((shape[dim] + cs - 1) / cs, ch.size(), "chunk count");
      assertTrue(ch.size() <= chunks);
      assertSameValues(x.toDoubleArray(), Tensor.cat(ch, dim).toDoubleArray(), "cat(chunk) trial " + trial);
    }
  }

  @Test
  void rollAndFlipMatchIndexFormulas() {
    SplittableRandom r = new SplittableRandom(12);
    for (int trial = 0; trial < 30; trial++) {
      int rank = 1 + trial % 3;
      int[] s = randomShape(r, rank, 6);
      Tensor x = random(r, DTYPES[trial % 4], s, true);
      double[] xv = x.toDoubleArray();
      int dim = r.nextInt(rank), shift = r.nextInt(-15, 16);
      double[] rolled = x.roll(new int[] {shift}, new int[] {dim}).toDoubleArray();
      double[] flipped = x.flip(dim).toDoubleArray();
      for (int f = 0; f < xv.length; f++) {
        int[] p = unflat(f, s);
        int[] q = p.clone();
        q[dim] = Math.floorMod(p[dim] - shift, s[dim]);
        assertEquals(Double.doubleToLongBits(xv[flat(q, s)]), Double.doubleToLongBits(rolled[f]), "roll trial " + trial);
        q[dim] = s[dim] - 1 - p[dim];
        assertEquals(Double.doubleToLongBits(xv[flat(q, s)]), Double.doubleToLongBits(flipped[f]), "flip trial " + trial);
      }
      double[] flat = x.roll(new int[] {shift}, new int[0]).toDoubleArray();
      for (int f = 0; f < xv.length; f++) {
        assertEquals(Double.doubleToLongBits(xv[Math.floorMod(f - shift, xv.length)]), Double.doubleToLongBits(flat[f]));
      }
    }
  }

  @Test
  void padModesMatchIndexFormulas() {
    SplittableRandom r = new SplittableRandom(13);
    for (int trial = 0; trial < 40; trial++) {
      int rank = 1 + trial % 4;
      int[] s = randomShape(r, rank, 5);
      Tensor x = random(r, DTYPES[trial % 4], s, false);
      double[] xv = x.toDoubleArray();
      int padded = r.nextInt(1, rank + 1);
      int[] pad = new int[2 * padded];
      PadMode mode = PadMode.values()[trial % 4];
      for (int k = 0; k < padded; k++) {
        int n = s[rank - 1 - k];
        int limit = mode == PadMode.REFLECT ? n - 1 : mode == PadMode.CIRCULAR ? n : 4;
        pad[2 * k] = r.nextInt(0, limit + 1);
        pad[2 * k + 1] = r.nextInt(0, limit + 1);
      }
      Tensor out = x.pad(pad, mode, 7);
      int[] os = out.shape();
      double[] ov = out.toDoubleArray();
      for (int f = 0; f < ov.length; f++) {
        int[] p = unflat(f, os);
        boolean border = false;
        for (int d = 0; d < rank; d++) {
          int k = rank - 1 - d;
          if (k >= padded) continue;
          int n = s[d], i = p[d] - pad[2 * k];
          if (i < 0 || i >= n) border = true;
          p[d] = switch (mode) {
            case CONSTANT -> i;
            case REFLECT -> i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
            case REPLICATE -> Math.max(0, Math.min(n - 1, i));
            case CIRCULAR -> Math.floorMod(i, n);
          };
        }
        double want = mode == PadMode.CONSTANT && border ? 7 : xv[flat(p, s)];
        assertEquals(want, ov[f], 0, mode + " trial " + trial + " pad " + java.util.Arrays.toString(pad));
      }
      if (mode == PadMode.CONSTANT) {
        int[] crop = new int[pad.length];
        for (int i = 0; i < pad.length; i++) crop[i] = -pad[i];
        assertSameValues(xv, out.pad(crop, PadMode.CONSTANT, 0).toDoubleArray(), "negative padding crops back");
      }
    }
  }

  @Test
  void repeatMatchesModuloFormula() {
    SplittableRandom r = new SplittableRandom(14);
    for (int trial = 0; trial < 20; trial++) {
      int rank = trial % 3;
      int[] s = randomShape(r, rank, 4);
      Tensor x = random(r, DTYPES[trial % 4], s, true);
      int extra = r.nextInt(0, 2);
      int[] reps = new int[rank + extra];
      for (int i = 0; i < reps.length; i++) reps[i] = r.nextInt(0, 4);
      Tensor out = x.repeat(reps);
      int[] os = out.shape();
      double[] ov = out.toDoubleArray(), xv = x.toDoubleArray();
      for (int f = 0; f < ov.length; f++) {
        int[] p = unflat(f, os), q = new int[rank];
        for (int d = 0; d < rank; d++) q[d] = p[d + extra] % s[d];
        assertEquals(Double.doubleToLongBits(xv[flat(q, s)]), Double.doubleToLongBits(ov[f]), "repeat trial " + trial);
      }
    }
  }

  @Test
  void trilAndTriuPartitionTheMatrix() {
    SplittableRandom r = new SplittableRandom(15);
    for (int trial = 0; trial < 20; trial++) {
      int[] s = randomShape(r, 2 + trial % 2, 7);
      Tensor x = random(r, DType.FLOAT64, s, false);
      int diag = r.nextInt(-8, 9);
      double[] lo = x.tril(diag).toDoubleArray(), up = x.triu(diag + 1).toDoubleArray(), xv = x.toDoubleArray();
      for (int f = 0; f < xv.length; f++) {
        int[] p = unflat(f, s);
        int i = p[s.length - 2], j = p[s.length - 1];
        assertEquals(j - i <= diag ? xv[f] : 0, lo[f], 0, "tril");
        assertEquals(j - i > diag ? xv[f] : 0, up[f], 0, "triu");
      }
    }
  }

  @Test
  void catPromotesAndStackInsertsADim() {
    Tensor a = Tensor.of(new int[] {1, 2}), b = Tensor.of(new long[] {3}), c = Tensor.of(0.5f);
    Tensor ab = Tensor.cat(List.of(a, b), 0);
    assertEquals(DType.INT64, ab.dtype());
    assertArrayEquals(new long[] {1, 2, 3}, ab.toLongArray());
    Tensor abc = Tensor.cat(List.of(a, b, c), 0);
    assertEquals(DType.FLOAT32, abc.dtype());
    assertArrayEquals(new float[] {1, 2, 3, 0.5f}, abc.toFloatArray());
    Tensor st = Tensor.stack(List.of(Tensor.of(1f, 2f), Tensor.of(3f, 4f)), 1);
    assertArrayEquals(new int[] {2, 2}, st.shape());
    assertArrayEquals(new float[] {1, 3, 2, 4}, st.toFloatArray());
  }
}
