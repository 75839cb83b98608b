package io.jgrad.kernels.opencl;

import io.jgrad.kernels.opencl.ClMatmul.Variant;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.cpu.CpuBackend;
import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.View;

/**
 * float32 matmul throughput, n x n x n, of both OpenCL kernels (tiled, direct) and of the CPU
 * backend in the same run, so numbers from a loaded machine can at least be compared with each
 * other. Not a JUnit test. Run (after {@code ./mvnw -o -pl kernels-opencl -am test-compile}):
 * {@code java --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -cp
 * kernels-opencl/target/test-classes:kernels-opencl/target/classes:tensor/target/classes:<jocl.jar>
 * io.jgrad.kernels.opencl.ClMatmulBench 256 512 1024}
 */
public final class ClMatmulBench {
  private ClMatmulBench() {}

  public static void main(String[] args) {
    OpenClBackend cl = OpenClProvider.backend(Integer.getInteger("jgrad.opencl.device", 0));
    ClMatmul mm = new ClMatmul(cl.context());
    System.out.println("device: " + cl.context().info().name());
    for (String arg : args.length == 0 ? new String[] {"512"} : args) {
      int n = Integer.parseInt(arg);
      float[] host = new float[n * n];
      for (int i = 0; i < host.length; i++) host[i] = (i % 7) * 0.1f;
      int[] shape = {1, n, n}, rows = {n * n, n, 1}, cols = {n * n, 1, n};
      View a = new View(cl.upload(DType.FLOAT32, host), DType.FLOAT32, shape, rows, 0);
      View bt = new View(cl.upload(DType.FLOAT32, host), DType.FLOAT32, shape, cols, 0);
      View out = new View(cl.allocate(DType.FLOAT32, n * n), DType.FLOAT32, shape, rows, 0);
      for (Variant v : Variant.values()) {
        for (View b : new View[] {a, bt}) {
          String what = "opencl " + v.name().toLowerCase() + (b == bt ? ", b transposed" : "");
          report(what, n, time(cl, () -> mm.matmul(a, b, out, v)));
        }
      }
      Backend cpu = CpuBackend.INSTANCE;
      View ca = new View(cpu.upload(DType.FLOAT32, host), DType.FLOAT32, shape, rows, 0);
      View co = new View(cpu.allocate(DType.FLOAT32, n * n), DType.FLOAT32, shape, rows, 0);
      report("cpu backend", n, time(cpu, () -> cpu.matmul(ca, ca, co)));
      for (View v : new View[] {a, bt, out, ca, co}) v.buffer().release();
    }
  }

  /** Seconds per call: best of 5 rounds of 3 calls, after a warm-up call (kernel build). */
  private static double time(Backend be, Runnable call) {
    call.run();
    be.synchronize();
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long t = System.nanoTime();
      for (int r = 0; r < 3; r++) call.run();
      be.synchronize();
      best = Math.min(best, (System.nanoTime() - t) / 3e9);
    }
    return best;
  }

  private static void report(String what, int n, double seconds) {
    System.out.printf("n=%d %-28s %8.2f ms %8.2f GFLOP/s%n", n, what, seconds * 1e3, 2.0 * n * n * n / seconds / 1e9);
  }
}
