package io.jgrad.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Warm-up until the JIT is done, called at the end of each benchmark's trial setup: runs the
 * benchmark body until the JVM's total compilation time has not moved for 1.5 s (and 10 calls),
 * at least 2 s and at most 60 s in all. Vector API code that C2 has not compiled yet runs a
 * boxing fallback hundreds of times slower, and a fixed count of warm-up seconds was not enough
 * (with 5 x 1 s, matmul and training steps still ran partly interpreted in the measured
 * iterations). Prints the calls, the time and the bytes allocated per call (all threads, so the
 * kernel pool's workers count) at the start and at the end: once compiled, only the call's
 * tensor metadata is left, which JMH's {@code -prof gc} shows as gc.alloc.rate.norm.
 */
final class Warm {
  private static final com.sun.management.ThreadMXBean MX =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();
  private static final long MIN_NANOS = 2_000_000_000L, QUIET_NANOS = 1_500_000_000L, MAX_NANOS = 60_000_000_000L;

  private Warm() {}

  static void untilCompiled(String what, Runnable body) {
    long start = System.nanoTime(), quietSince = start, jit = JIT.getTotalCompilationTime(), first = -1, last = 0;
    int calls = 0, quietCalls = 0;
    while (true) {
      long b0 = allThreads();
      body.run();
      last = allThreads() - b0;
      if (first < 0) first = last;
      calls++;
      long now = System.nanoTime(), t = JIT.getTotalCompilationTime();
      if (t != jit) {
        jit = t;
        quietSince = now;
        quietCalls = 0;
      } else {
        quietCalls++;
      }
      boolean quiet = now - quietSince >= QUIET_NANOS && quietCalls >= 10;
      if ((quiet && now - start >= MIN_NANOS) || now - start >= MAX_NANOS) {
        System.err.printf("warm-up of %s: %d calls, %.1f s, %d bytes per call at first, %d at the end%s%n", what,
            calls, (now - start) / 1e9, first, last, quiet ? "" : " (the JIT was still compiling)");
        return;
      }
    }
  }

  private static long allThreads() {
    long sum = 0;
    for (long v : MX.getThreadAllocatedBytes(MX.getAllThreadIds())) if (v > 0) sum += v;
    return sum;
  }
}
