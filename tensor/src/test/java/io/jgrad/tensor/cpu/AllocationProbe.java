package io.jgrad.tensor.cpu;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Drives every Vector API kernel until C2 has compiled it, then measures the bytes it
 * allocates per call with {@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes}.
 * Run in a child JVM per vector width and tile shape ({@link KernelAllocationTest}), with
 * {@code -Djgrad.threads=1} so every kernel runs on this thread.
 *
 * <p>Each case runs in batches of about 5 ms; it passes once three batches in a row allocate
 * within its bound (0 for kernels), and fails when it still allocates after {@code
 * -Dprobe.seconds} (default 20 s): C2 compiles a kernel within a second or two, so a kernel
 * still allocating then runs a boxed, uncompiled or partly inlined form. Prints one line per
 * case: {@code RESULT family name level bytesPerCall calls ms PASS|FAIL}. {@code -Dprobe.only}
 * (comma-separated names) reruns a subset, {@code -Dprobe.families} (comma-separated) keeps
 * some families only.
 */
public final class AllocationProbe {
  /** Bytes an op-level call may allocate: views, loop geometry, lambdas. */
  public static final long OP_BOUND = 4096;

  private static final com.sun.management.ThreadMXBean MX =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private AllocationProbe() {}

  /** Every case, in a fixed order. */
  public static List<ProbeCase> cases() {
    List<ProbeCase> all = new ArrayList<>();
    all.addAll(io.jgrad.tensor.cpu.matmul.MatmulProbeCases.cases());
    all.addAll(ElementwiseProbeCases.cases());
    all.addAll(ReduceProbeCases.cases());
    all.addAll(io.jgrad.tensor.TensorProbeCases.cases());
    return all;
  }

  public static void main(String[] args) {
    double seconds = Double.parseDouble(System.getProperty("probe.seconds", "20"));
    String only = System.getProperty("probe.only", ""), families = System.getProperty("probe.families", "");
    Set<String> subset = only.isBlank() ? Set.of() : Set.of(only.split(","));
    Set<String> keep = families.isBlank() ? Set.of() : Set.of(families.split(","));
    System.out.println("CONFIG " + CpuConfig.describe());
    long t0 = System.nanoTime();
    int failed = 0;
    for (ProbeCase c : cases()) {
      if (!subset.isEmpty() && !subset.contains(c.name())) continue;
      if (!keep.isEmpty() && !keep.contains(c.family())) continue;
      if (!measure(c, seconds)) failed++;
    }
    System.out.printf("DONE %d failed, %.1f s%n", failed, (System.nanoTime() - t0) / 1e9);
  }

  /** Runs one case to a verdict and prints its line; true when it passed. */
  static boolean measure(ProbeCase c, double seconds) {
    long bound = c.kernel() ? 0 : OP_BOUND;
    long tid = Thread.currentThread().threadId();
    long start = System.nanoTime(), deadline = start + (long) (seconds * 1e9);
    int batch = 1, good = 0;
    long calls = 0, perCall = -1;
    boolean pass = false;
    while (true) {
      long b0 = MX.getThreadAllocatedBytes(tid), t = System.nanoTime();
      for (int i = 0; i < batch; i++) c.body().run();
      long dt = System.nanoTime() - t, b1 = MX.getThreadAllocatedBytes(tid);
      calls += batch;
      perCall = (b1 - b0) / batch;
      good = b1 - b0 <= bound * batch ? good + 1 : 0;
      if (good >= 3) {
        pass = true;
        break;
      }
      if (System.nanoTime() > deadline) break;
      if (dt < 5_000_000 && batch < 1 << 20) batch *= 2;
    }
    System.out.printf("RESULT\t%s\t%s\t%s\t%d\t%d\t%d\t%s%n", c.family(), c.name(), c.kernel() ? "kernel" : "op",
        perCall, calls, (System.nanoTime() - start) / 1_000_000, pass ? "PASS" : "FAIL");
    return pass;
  }
}
