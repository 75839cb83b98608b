package io.jgrad.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The kernel thread pool under several calling threads at once: every parallel kernel (matmul,
 * conv, reductions, softmax, sort, scans, random) gives the same bits as when it ran alone, a
 * nested call runs serially instead of deadlocking, a failing chunk reaches its own caller only,
 * and the pool keeps working afterwards. Every test has a deadline, so a deadlock fails it.
 */
class ParallelConcurrencyTest {
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  /** Kernels big enough to take the parallel paths, each a function of a seed. */
  static List<Function<Long, Tensor>> workloads() {
    return List.of(
        s -> Tensor.randn(new Generator(s), 160, 150).matmul(Tensor.randn(new Generator(s + 1), 150, 170)),
        s -> Tensor.randn(new Generator(s), 3, 80, 90).to(DType.FLOAT64).matmul(Tensor.randn(new Generator(s + 1), 3, 90, 70).to(DType.FLOAT64)),
        s -> Tensor.randn(new Generator(s), 8, 3, 28, 28).conv2d(Tensor.randn(new Generator(s + 1), 16, 3, 3, 3), null, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1),
        s -> Tensor.randn(new Generator(s), 1 << 19).sum(),
        s -> Tensor.randn(new Generator(s), 600, 300).sum(new int[] {0}, false),
        s -> Tensor.randn(new Generator(s), 400, 300).softmax(1),
        s -> Tensor.randn(new Generator(s), 300, 400).logSoftmax(0),
        s -> Tensor.randn(new Generator(s), 200, 400).cumsum(1),
        s -> Tensor.randn(new Generator(s), 64, 1024).sort(1, false).values(),
        s -> Tensor.rand(new Generator(s), 300_000),
        s -> Tensor.randn(new Generator(s), 4, 8, 64, 64).maxPool2d(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, new int[] {1, 1}, false));
  }

  private static double[] bits(Tensor t) {
    try (t) {
      return t.toDoubleArray();
    }
  }

  @Test
  void concurrentCallersGetTheSameBitsAsAlone() {
    assertTimeoutPreemptively(DEADLINE, () -> {
      List<Function<Long, Tensor>> w = workloads();
      // Warmed first, so the threads race compiled kernels (the bits are the same cold: DeterminismTest).
      for (int rep = 0; rep < 20; rep++) for (int i = 0; i < w.size(); i++) bits(w.get(i).apply(100L + i));
      List<double[]> alone = new ArrayList<>();
      for (int i = 0; i < w.size(); i++) alone.add(bits(w.get(i).apply(100L + i)));
      int threads = 4;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CyclicBarrier start = new CyclicBarrier(threads);
      AtomicInteger compared = new AtomicInteger();
      try {
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int offset = t;
          fs.add(pool.submit(() -> {
            start.await(60, TimeUnit.SECONDS);
            for (int rep = 0; rep < 3; rep++) {
              for (int k = 0; k < w.size(); k++) {
                int i = (k + offset) % w.size();
                assertArrayEquals(alone.get(i), bits(w.get(i).apply(100L + i)), "workload " + i + " on thread " + offset);
                compared.incrementAndGet();
              }
            }
            return null;
          }));
        }
        for (Future<?> f : fs) f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
      }
      assertEquals(threads * 3 * w.size(), compared.get());
    });
  }

  @Test
  void nestedCallsRunSeriallyWithoutDeadlock() {
    assertTimeoutPreemptively(DEADLINE, () -> {
      long[] sums = new long[64];
      Parallel.forRange(64, (lo, hi) -> {
        for (int i = lo; i < hi; i++) {
          int row = i;
          Parallel.forChunks(1000, 8, (a, b) -> {
            long s = 0;
            for (int j = a; j < b; j++) s += j;
            synchronized (sums) { sums[row] += s; }
          });
        }
      });
      for (long s : sums) assertEquals(999L * 1000 / 2, s);
    });
  }

  @Test
  void aFailingChunkReachesItsCallerAndThePoolKeepsWorking() {
    assertTimeoutPreemptively(DEADLINE, () -> {
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
          int id = t;
          fs.add(pool.submit(() -> {
            for (int rep = 0; rep < 200; rep++) {
              if (id == 0) {
                var e = assertThrows(IllegalStateException.class, () -> Parallel.forChunks(100, 10, (lo, hi) -> {
                  if (lo >= 50) throw new IllegalStateException("chunk " + lo);
                }));
                assertTrue(e.getMessage().startsWith("chunk "));
              } else {
                AtomicInteger n = new AtomicInteger();
                Parallel.forChunks(100, 10, (lo, hi) -> n.addAndGet(hi - lo));
                assertEquals(100, n.get(), "a healthy caller sees all its chunks");
              }
            }
            return null;
          }));
        }
        for (Future<?> f : fs) f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
      }
      try (Tensor a = Tensor.ones(200, 200); Tensor p = a.matmul(a)) {
        assertEquals(200.0, p.get(7, 9));
      }
    });
  }

  @Test
  void manyShortCallsFromManyThreads() {
    assertTimeoutPreemptively(DEADLINE, () -> {
      int threads = 6;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Long>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          fs.add(pool.submit(() -> {
            long total = 0;
            for (int rep = 0; rep < 5_000; rep++) {
              long[] part = new long[4];
              Parallel.forChunks(4, 4, (lo, hi) -> {
                for (int c = lo; c < hi; c++) part[c] = c + 1;
              });
              total += part[0] + part[1] + part[2] + part[3];
            }
            return total;
          }));
        }
        for (Future<Long> f : fs) assertEquals(5_000L * 10, f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
      } finally {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
      }
    });
  }
}
