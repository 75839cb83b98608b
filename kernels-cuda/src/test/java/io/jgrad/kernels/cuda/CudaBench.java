package io.jgrad.kernels.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.spi.Backends;
import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.RandomOp;
import io.jgrad.tensor.spi.View;
import java.util.Locale;

/**
 * A small benchmark main (no JMH: the GPU machine runs it from the bundle): SGEMM at 1024/4096/8192
 * (FP32 and TF32) in GFLOP/s, elementwise add and row softmax in GB/s beside a device-to-device
 * copy. Each result is one line "jgrad,<bench>,<size>,<ms>,<rate>,<unit>" that tools/gpu/report.py
 * joins with tools/gpu/peer_bench.py's torch lines. Times: median of the timed repetitions after
 * warm-up, the stream synchronized around each repetition.
 *   java ... io.jgrad.kernels.cuda.CudaBench [sizes=1024,4096,8192] [reps=10]
 */
public final class CudaBench {
  private CudaBench() {}

  interface Op { void run(); }

  static double medianMs(CudaBackend be, Op op, int warm, int reps) {
    for (int i = 0; i < warm; i++) op.run();
    be.synchronize();
    double[] t = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      op.run();
      be.synchronize();
      t[i] = (System.nanoTime() - t0) / 1e6;
    }
    java.util.Arrays.sort(t);
    return t[reps / 2];
  }

  static View rand(CudaBackend be, int[] shape, long seed) {
    int n = 1;
    for (int s : shape) n *= s;
    Buffer b = be.allocate(DType.FLOAT32, n);
    View v = new View(b, DType.FLOAT32, shape, CudaBackend.contiguousStrides(shape), 0);
    be.random(RandomOp.NORMAL, v, seed, 0, 0, 1);
    return v;
  }

  static void line(String bench, String size, double ms, double rate, String unit) {
    System.out.println(String.format(Locale.ROOT, "jgrad,%s,%s,%.4f,%.1f,%s", bench, size, ms, rate, unit));
  }

  public static void main(String[] args) {
    String sizes = args.length > 0 ? args[0] : "1024,4096,8192";
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    CudaBackend be = (CudaBackend) Backends.of(Device.cuda(0));
    System.out.println("# device: " + be.deviceName());
    for (String s : sizes.split(",")) {
      int n = Integer.parseInt(s.trim());
      View a = rand(be, new int[] {1, n, n}, 1), b = rand(be, new int[] {1, n, n}, 2), c = rand(be, new int[] {1, n, n}, 3);
      for (boolean tf32 : new boolean[] {false, true}) {
        be.tf32(tf32);
        double ms = medianMs(be, () -> be.matmul(a, b, c), 2, n >= 8192 ? Math.max(3, reps / 3) : reps);
        line(tf32 ? "sgemm_tf32" : "sgemm_fp32", String.valueOf(n), ms, 2.0 * n * n * n / (ms * 1e-3) / 1e9, "GFLOP/s");
      }
      be.tf32(false);
      for (View v : new View[] {a, b, c}) v.buffer().release();
    }
    int m = 1 << 26;  // 64 Mi floats = 256 MiB per operand
    View x = rand(be, new int[] {m}, 4), y = rand(be, new int[] {m}, 5), z = rand(be, new int[] {m}, 6);
    double copy = medianMs(be, () -> be.ctx.check(cuMemcpyDtoDAsync(((CudaBuffer) z.buffer()).ptr(),
        ((CudaBuffer) x.buffer()).ptr(), 4L * m, be.ctx.stream), "copy"), 3, reps);
    line("copy_d2d", "64Mi", copy, 2.0 * 4 * m / (copy * 1e-3) / 1e9, "GB/s");
    double add = medianMs(be, () -> be.binary(BinaryOp.ADD, x, y, z), 3, reps);
    line("add_f32", "64Mi", add, 3.0 * 4 * m / (add * 1e-3) / 1e9, "GB/s");
    int rows = 16384, cols = 4096;
    View sx = x.with(new int[] {rows, cols}, new int[] {cols, 1}, 0), sz = z.with(new int[] {rows, cols}, new int[] {cols, 1}, 0);
    double sm = medianMs(be, () -> be.softmax(sx, 1, false, sz), 3, reps);
    line("softmax_rows_f32", rows + "x" + cols, sm, 2.0 * 4 * m / (sm * 1e-3) / 1e9, "GB/s");
    for (View v : new View[] {x, y, z}) v.buffer().release();
  }
}
