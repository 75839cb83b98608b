package io.jgrad.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * StridedLoop against a naive N-d walk: the (offset of each operand) sequence it visits must
 * be the row-major sequence, for random shapes (0-size, size-1, rank 0) and strides (stride 0,
 * permuted, gapped), sequentially, by row ranges, and in parallel.
 */
class StridedLoopTest {
  private static final int OPS = 3;

  @Test
  void matchesNaiveIterationOnRandomLayouts() {
    SplittableRandom rnd = new SplittableRandom(42);
    int parallelRuns = 0;
    for (int trial = 0; trial < 2000; trial++) {
      int rank = rnd.nextInt(5);
      int[] shape = new int[rank];
      for (int d = 0; d < rank; d++) shape[d] = rnd.nextInt(10) == 0 ? 0 : rnd.nextInt(10) < 3 ? 1 : 1 + rnd.nextInt(5);
      int[][] strides = new int[OPS][];
      int[] offsets = new int[OPS];
      for (int k = 0; k < OPS; k++) {
        strides[k] = randomStrides(shape, rnd);
        offsets[k] = rnd.nextInt(7);
      }
      List<Long> expected = naive(shape, strides, offsets);
      StridedLoop loop = new StridedLoop(shape, strides, offsets);
      String what = "shape " + Arrays.toString(shape) + " strides " + Arrays.deepToString(strides);
      assertEquals(expected.size(), loop.numel(), what + ": numel");

      List<Long> seq = new ArrayList<>();
      loop.run(collect(seq));
      assertEquals(expected, seq, what + ": sequential");

      // Any split into row ranges, concatenated, is the same walk.
      List<Long> pieces = new ArrayList<>();
      int rows = loop.rows(), cut = rows == 0 ? 0 : rnd.nextInt(rows + 1);
      loop.runRows(0, cut, collect(pieces));
      loop.runRows(cut, rows, collect(pieces));
      assertEquals(expected, pieces, what + ": rows [0," + cut + ") + [" + cut + "," + rows + ")");

      List<Long> par = Collections.synchronizedList(new ArrayList<>());
      loop.run(collect(par), 0);
      if (rows >= 2) parallelRuns++;
      List<Long> a = new ArrayList<>(expected), b = new ArrayList<>(par);
      Collections.sort(a);
      Collections.sort(b);
      assertEquals(a, b, what + ": parallel visits every element once");
    }
    assertEquals(true, parallelRuns > 300, "enough multi-row layouts ran through the parallel path: " + parallelRuns);
  }

  @Test
  void rankZeroIsOneElement() {
    List<Long> seq = new ArrayList<>();
    StridedLoop loop = new StridedLoop(new int[0], new int[][] {{}, {}}, new int[] {3, 5});
    loop.run(collect(seq));
    assertEquals(List.of(key(new int[] {3, 5})), seq);
    assertEquals(1, loop.numel());
  }

  @Test
  void contiguousDimsMergeIntoOneRow() {
    StridedLoop loop = new StridedLoop(new int[] {4, 1, 3, 5}, new int[][] {{15, 15, 5, 1}, {15, 7, 5, 1}},
        new int[] {0, 0});
    assertEquals(1, loop.rows());
    assertEquals(60, loop.innerSize());
    StridedLoop transposed = new StridedLoop(new int[] {3, 4}, new int[][] {{1, 3}, {4, 1}}, new int[] {0, 0});
    assertEquals(3, transposed.rows());
  }

  private static int[] randomStrides(int[] shape, SplittableRandom rnd) {
    int rank = shape.length;
    int[] order = new int[rank];
    for (int i = 0; i < rank; i++) order[i] = i;
    if (rnd.nextBoolean()) {
      for (int i = rank - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    int[] st = new int[rank];
    int acc = 1 + (rnd.nextInt(4) == 0 ? 1 : 0);
    for (int i = rank - 1; i >= 0; i--) {
      int d = order[i];
      st[d] = rnd.nextInt(6) == 0 ? 0 : acc;
      acc *= Math.max(shape[d], 1) + (rnd.nextInt(4) == 0 ? 1 : 0);
    }
    return st;
  }

  private static List<Long> naive(int[] shape, int[][] strides, int[] offsets) {
    List<Long> out = new ArrayList<>();
    long n = 1;
    for (int s : shape) n *= s;
    int[] idx = new int[shape.length];
    for (long e = 0; e < n; e++) {
      int[] off = new int[OPS];
      for (int k = 0; k < OPS; k++) {
        off[k] = offsets[k];
        for (int d = 0; d < shape.length; d++) off[k] += idx[d] * strides[k][d];
      }
      out.add(key(off));
      for (int d = shape.length - 1; d >= 0; d--) {
        if (++idx[d] < shape[d]) break;
        idx[d] = 0;
      }
    }
    return out;
  }

  private static StridedLoop.Row collect(List<Long> into) {
    return (n, offsets, inner) -> {
      for (int i = 0; i < n; i++) {
        int[] off = new int[offsets.length];
        for (int k = 0; k < off.length; k++) off[k] = offsets[k] + i * inner[k];
        into.add(key(off));
      }
    };
  }

  /** Packs up to 3 offsets (each < 2^20) into one comparable number. */
  private static long key(int[] off) {
    long k = 0;
    for (int o : off) k = (k << 20) | o;
    return k;
  }
}
