package io.jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jgrad.spark.collective.Collective;
import io.jgrad.spark.collective.LocalCollectives;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The gradient average: weights for unequal batches, float64 parameters, missing gradients, broadcast of state. */
class GradientSyncTest {
  private static <T> List<T> onRanks(int n, java.util.function.IntFunction<Callable<T>> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<T>> fs = new ArrayList<>();
      for (int r = 0; r < n; r++) fs.add(pool.submit(task.apply(r)));
      List<T> out = new ArrayList<>();
      for (Future<T> f : fs) out.add(f.get());
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void unequalBatchesAreWeightedByTheirSize() throws Exception {
    // Worker 0 holds 3 examples, worker 1 holds 5: the joint mean is (3 g0 + 5 g1) / 8.
    List<Collective> cs = LocalCollectives.create(2);
    float[][] g = {{1, 2, 3}, {5, -6, 7}};
    double[][] h = {{0.5, 0.25}, {2, 4}};
    List<Object[]> got = onRanks(2, r -> () -> {
      Tensor a = Tensor.zeros(3).requiresGrad(true), b = Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true), c = Tensor.zeros(2).requiresGrad(true);
      a.setGrad(Tensor.of(g[r]));
      b.setGrad(Tensor.of(h[r]));
      if (r == 1) c.setGrad(Tensor.of(8f, 16f)); // rank 0's batch did not reach c
      Tensor unused = Tensor.zeros(1).requiresGrad(true);
      new GradientSync(cs.get(r), List.of(a, b, c, unused)).allReduceGradients(r == 0 ? 3 : 5);
      return new Object[] {a.grad().toFloatArray(), b.grad().toDoubleArray(), c.grad().toFloatArray(), unused.grad()};
    });
    for (Object[] o : got) {
      assertArrayEquals(new float[] {(3 * 1 + 5 * 5) / 8f, (3 * 2 - 5 * 6) / 8f, (3 * 3 + 5 * 7) / 8f}, (float[]) o[0], 1e-6f);
      assertArrayEquals(new double[] {(3 * 0.5 + 5 * 2) / 8, (3 * 0.25 + 5 * 4) / 8}, (double[]) o[1], 1e-12);
      assertArrayEquals(new float[] {5 * 8 / 8f, 5 * 16 / 8f}, (float[]) o[2], 1e-6f);
      assertNull(o[3], "no worker had a gradient: none is made up");
    }
    assertArrayEquals((float[]) got.get(0)[0], (float[]) got.get(1)[0], 0f);
  }

  @Test
  void broadcastCopiesRankZerosStateAndSkipsIntegerTensors() throws Exception {
    List<Collective> cs = LocalCollectives.create(3);
    List<float[]> got = onRanks(3, r -> () -> {
      Tensor w = Tensor.of(r, r + 1f);
      Tensor d = Tensor.of(10.0 * r);
      Tensor counter = Tensor.of((long) r);
      GradientSync.broadcast(cs.get(r), List.of(w, d, counter), 0);
      assertEquals(0.0, d.item(), 0.0);
      assertEquals(r, (long) counter.item(), "int64 tensors stay (they are equal anyway: step counters)");
      return w.toFloatArray();
    });
    for (float[] w : got) assertArrayEquals(new float[] {0, 1}, w);
  }
}
