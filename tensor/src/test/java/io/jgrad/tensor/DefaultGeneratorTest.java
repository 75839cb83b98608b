package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Creation as a PyTorch user writes it: {@code Tensor.randn(64, 5)} without a generator draws
 * from the default generator, which {@code Tensor.manualSeed} reseeds as torch.manual_seed; 2-D
 * tensors from Java arrays of rows. Isolated: other tests must not draw from the default
 * generator while these run; its state is restored afterwards.
 */
@Isolated
class DefaultGeneratorTest {
  private long seed, offset;

  @BeforeEach
  void saveDefault() {
    seed = Generator.defaultGenerator().seed();
    offset = Generator.defaultGenerator().offset();
  }

  @AfterEach
  void restoreDefault() { Generator.defaultGenerator().setState(seed, offset); }

  @Test
  void randomCreationWithoutAGeneratorUsesTheSeedableDefault() {
    Tensor.manualSeed(123);
    Tensor a = Tensor.randn(64, 5);
    Tensor u = Tensor.rand(DType.FLOAT64, 3, 4);
    Tensor i = Tensor.randint(0, 10, 7);
    Tensor p = Tensor.randperm(9);
    Tensor.manualSeed(123);
    assertArrayEquals(a.toFloatArray(), Tensor.randn(64, 5).toFloatArray(), "manualSeed restarts the stream");
    assertArrayEquals(u.toDoubleArray(), Tensor.rand(DType.FLOAT64, 3, 4).toDoubleArray());
    assertArrayEquals(i.toLongArray(), Tensor.randint(0, 10, 7).toLongArray());
    assertArrayEquals(p.toLongArray(), Tensor.randperm(9).toLongArray());
    // the same numbers as an explicit generator with that seed
    Generator g = new Generator(123);
    assertArrayEquals(a.toFloatArray(), Tensor.randn(g, 64, 5).toFloatArray());
    assertArrayEquals(new int[] {64, 5}, a.shape());
    assertEquals(DType.FLOAT32, a.dtype());
    assertEquals(DType.FLOAT64, Tensor.randn(DType.FLOAT64, 2).dtype());
    assertEquals(DType.INT64, i.dtype());
    for (long v : i.toLongArray()) assertTrue(v >= 0 && v < 10, "randint in [0, 10): " + v);
    long[] perm = p.toLongArray().clone();
    Arrays.sort(perm);
    assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, perm);
    // successive draws differ; the default is the generator layers use
    Tensor.manualSeed(123);
    Tensor first = Tensor.randn(64, 5);
    assertFalse(Arrays.equals(first.toFloatArray(), Tensor.randn(64, 5).toFloatArray()));
    assertEquals(Generator.defaultGenerator().seed(), 123);
    Tensor probs = Tensor.full(new int[] {1000}, 0.3, DType.FLOAT32);
    double mean = Tensor.bernoulli(probs).mean().item();
    assertTrue(mean > 0.2 && mean < 0.4, "bernoulli(0.3) mean " + mean);
    Tensor w = Tensor.of(0f, 0f, 1f);
    assertArrayEquals(new long[] {2, 2}, Tensor.multinomial(w, 2, true).toLongArray());
  }

  @Test
  void concurrentDrawsFromTheDefaultNeverOverlap() throws Exception {
    // one process-wide generator: each draw reserves its own counters, so two threads get two
    // distinct blocks of the stream; which thread gets which depends on scheduling (documented)
    Tensor.manualSeed(99);
    float[] s1 = Tensor.randn(4096).toFloatArray(), s2 = Tensor.randn(4096).toFloatArray();
    Tensor.manualSeed(99);
    CyclicBarrier start = new CyclicBarrier(2);
    List<float[]> got = new ArrayList<>(List.of(new float[0], new float[0]));
    List<Thread> ts = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      int kk = k;
      Thread t = new Thread(() -> {
        try {
          start.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        got.set(kk, Tensor.randn(4096).toFloatArray());
      });
      ts.add(t);
      t.start();
    }
    for (Thread t : ts) t.join();
    boolean inOrder = Arrays.equals(got.get(0), s1) && Arrays.equals(got.get(1), s2);
    boolean swapped = Arrays.equals(got.get(0), s2) && Arrays.equals(got.get(1), s1);
    assertTrue(inOrder || swapped, "each thread got one whole block of the sequential stream");
  }

  @Test
  void twoDimensionalTensorsFromRows() {
    Tensor l = Tensor.of(new long[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(DType.INT64, l.dtype());
    assertArrayEquals(new int[] {2, 3}, l.shape());
    assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6}, l.toLongArray());
    Tensor d = Tensor.of(new double[] {0.5, 1.5}, new double[] {2.5, 3.5});
    assertEquals(DType.FLOAT64, d.dtype());
    assertArrayEquals(new double[] {0.5, 1.5, 2.5, 3.5}, d.toDoubleArray());
    Tensor f = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
    assertEquals(DType.FLOAT32, f.dtype());
    assertArrayEquals(new int[] {3, 2}, f.shape());
    Tensor n = Tensor.of(new int[][] {{7}, {8}});
    assertEquals(DType.INT32, n.dtype());
    assertArrayEquals(new int[] {7, 8}, n.toIntArray());
    Tensor b = Tensor.of(new boolean[][] {{true, false}, {false, true}});
    assertEquals(DType.BOOL, b.dtype());
    assertArrayEquals(new boolean[] {true, false, false, true}, b.toBooleanArray());
    assertArrayEquals(new int[] {0, 0}, Tensor.of(new long[0][]).shape());
    // a copy: changing the array afterwards does not change the tensor
    long[][] rows = {{1, 2}, {3, 4}};
    Tensor c = Tensor.of(rows);
    rows[0][0] = 99;
    assertEquals(1, c.get(0, 0));
    // 1-D forms are unchanged
    assertArrayEquals(new int[] {3}, Tensor.of(1L, 2L, 3L).shape());
    String m = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new long[][] {{1, 2}, {3}})).getMessage();
    assertTrue(m.contains("row 1 has 1 values, row 0 has 2"), m);
  }
}
