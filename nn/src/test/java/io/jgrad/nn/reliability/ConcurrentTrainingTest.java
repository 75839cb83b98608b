package io.jgrad.nn.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jgrad.nn.Module;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Several threads each train their own model while others run inference on one shared,
 * read-only model: every training run gives the same bits (each step's loss, every final
 * parameter and buffer) as the same run done alone, one after another, and every inference
 * gives the same bits as before any thread started. No run may take longer than the deadline;
 * a deadlock fails the test with every thread's stack, it never hangs the build.
 *
 * <p>The runs start after one warm-up run of each kind: before the JIT has compiled the vector
 * kernels, a first run can differ from later ones in the last ulp (the Vector API's
 * transcendental functions run SVML when compiled and {@code Math} per lane before), which
 * has nothing to do with threads.
 */
class ConcurrentTrainingTest {
  static final int EPOCHS = 2;
  static final long DEADLINE_S = Long.getLong("jgrad.concurrency.deadline", 240);

  @Test
  void concurrentRunsGiveTheSameBitsAsSequentialOnes() throws Exception {
    for (int kind = 0; kind < 3; kind++) Jobs.run(kind, 1000 + kind, 1);

    int[] kinds = {0, 1, 2, 0, 1, 2};
    long[] seeds = {11, 12, 13, 14, 15, 16};
    List<Jobs.Result> alone = new ArrayList<>();
    for (int i = 0; i < kinds.length; i++) alone.add(Jobs.run(kinds[i], seeds[i], EPOCHS));

    Module shared = Jobs.sharedModel();
    Tensor input = Tensor.randn(new Generator(5), 16, 1, 16, 16);
    double[] expected = Jobs.infer(shared, input);

    int readers = 2;
    ExecutorService pool = Executors.newFixedThreadPool(kinds.length + readers);
    CyclicBarrier start = new CyclicBarrier(kinds.length + readers);
    List<Future<Jobs.Result>> training = new ArrayList<>();
    List<Future<Integer>> inference = new ArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    try {
      for (int i = 0; i < kinds.length; i++) {
        int k = kinds[i];
        long s = seeds[i];
        training.add(pool.submit(() -> {
          start.await(60, TimeUnit.SECONDS);
          return Jobs.run(k, s, EPOCHS);
        }));
      }
      for (int i = 0; i < readers; i++) {
        inference.add(pool.submit(() -> {
          start.await(60, TimeUnit.SECONDS);
          int n = 0;
          do {
            double[] got = Jobs.infer(shared, input);
            for (int j = 0; j < got.length; j++) {
              if (Double.doubleToRawLongBits(got[j]) != Double.doubleToRawLongBits(expected[j])) {
                throw new AssertionError("shared-model inference " + n + ": output " + j + " is " + got[j] + ", was " + expected[j]);
              }
            }
            n++;
          } while (!done.get() || n < 3);
          return n;
        }));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
      for (int i = 0; i < kinds.length; i++) {
        Jobs.Result r = await(training.get(i), deadline, "training run " + i);
        assertTrue(r.sameBits(alone.get(i)), "training run " + i + " (kind " + kinds[i] + ", seed " + seeds[i]
            + ") differs from the same run done alone: losses " + r.losses() + " vs " + alone.get(i).losses());
      }
      done.set(true);
      int inferences = 0;
      for (Future<Integer> f : inference) inferences += await(f, deadline, "inference");
      System.out.println("ConcurrentTrainingTest: " + kinds.length + " training runs (" + alone.get(0).losses().size()
          + " steps each for the loops) on " + kinds.length + " threads matched their sequential runs bit for bit, while "
          + readers + " threads ran " + inferences + " inferences on one shared model, all identical");
    } finally {
      done.set(true);
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "threads did not stop:\n" + threadDump());
    }
    assertEquals(expected.length, Jobs.infer(shared, input).length);
  }

  static <T> T await(Future<T> f, long deadlineNanos, String what) throws InterruptedException {
    try {
      return f.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      fail(what + " did not finish within " + DEADLINE_S + " s (deadlock?); threads:\n" + threadDump());
      return null;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AssertionError a) throw a;
      throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
    }
  }

  static String threadDump() {
    StringBuilder b = new StringBuilder();
    for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) b.append(t);
    return b.toString();
  }
}
