package io.jgrad.bench;

import io.jgrad.losses.Losses;
import io.jgrad.nn.Module;
import io.jgrad.nn.optim.SGD;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;

/**
 * Training throughput against caller threads, measured two ways: steps per wall-clock second
 * (what a quiet machine shows as scaling) and process CPU milliseconds per step (what stays flat
 * when threads add no contention, lock waits or cache thrash of their own, and so still reads
 * true on a machine shared with other work). Each of T threads trains its own copy of the
 * {@code jgrad train --model cnn} network (1x28x28, batch 32, SGD) for a fixed number of steps
 * after a warm-up. Run with {@code -Djgrad.threads=1} (callers single-threaded, no spinning
 * workers in the CPU time): {@code java -Djgrad.threads=1 -cp benchmarks.jar io.jgrad.bench.ScalingProbe 1 2 4}.
 */
public final class ScalingProbe {
  public static void main(String[] args) throws Exception {
    int steps = Integer.getInteger("steps", 60);
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    run(2, 40, os); // warm-up: the JIT compiles the kernels
    System.out.printf(Locale.ROOT, "machine: %d cores; jgrad.threads=%s; load %.2f%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("jgrad.threads", "all"), os.getSystemLoadAverage());
    System.out.println("| threads | steps/s (wall) | speed-up | CPU ms per step | load avg |");
    System.out.println("|---|---|---|---|---|");
    double base = 0;
    for (String a : args) {
      int t = Integer.parseInt(a);
      double[] r = run(t, steps, os);
      if (base == 0) base = r[0];
      System.out.printf(Locale.ROOT, "| %d | %.2f | %.2fx | %.1f | %.2f |%n", t, r[0], r[0] / base, r[1], os.getSystemLoadAverage());
    }
  }

  /** {steps per second over all threads, process CPU ms per step}. */
  static double[] run(int threads, int steps, com.sun.management.OperatingSystemMXBean os) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads + 1), end = new CyclicBarrier(threads + 1);
    List<Thread> ts = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      long seed = 100 + i;
      Thread th = new Thread(() -> {
        try {
          Module m = ConcurrencyBench.cnn(new Generator(seed));
          SGD opt = new SGD(m.parameters(), 0.01);
          Tensor x = Inputs.uniform(seed, 32, 1, 28, 28), y = Inputs.indices(seed + 1, 10, 32);
          start.await();
          for (int s = 0; s < steps; s++) {
            try (TensorScope scope = TensorScope.open()) {
              Tensor loss = Losses.crossEntropy(m.forward(x), y);
              opt.zeroGrad(false);
              loss.backward();
              opt.step();
              loss.item();
            }
          }
          end.await();
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      th.start();
      ts.add(th);
    }
    start.await();
    long cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
    end.await();
    long wall = System.nanoTime() - t0, cpu = os.getProcessCpuTime() - cpu0;
    for (Thread th : ts) th.join();
    int total = threads * steps;
    return new double[] {total / (wall / 1e9), cpu / 1e6 / total};
  }
}
