package io.jgrad.bench;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Float32 matrix product {@code C[M,N] = A[M,K] B[K,N]}, timed per call (the output is returned
 * to the pool each call, so this measures the kernel, not page faults). Shapes are
 * {@code MxNxK:form}: form NN (both row-major), TN (A stored as [K,M] and transposed, the
 * weight-gradient case), NT (B stored as [N,K], the Linear-layer forward case).
 * GFLOP/s = 2*M*N*K / time; {@code bench/run-matmul.sh} prints them next to numpy and torch.
 * Threads: {@code -Djgrad.threads} (default 2 below; the run script also runs 1).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 40, time = 20, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Djgrad.threads=2"})
public class MatmulBench {
  @Param({"64x64x64:NN", "128x128x128:NN", "256x256x256:NN", "512x512x512:NN", "1024x1024x1024:NN",
      "2048x2048x2048:NN", "1024x1024x1024:TN", "1024x1024x1024:NT",
      "128x256x784:NN", "128x256x784:NT", "784x256x128:TN",
      "128x10x256:NN", "128x10x256:NT", "256x10x128:TN"})
  public String shape;

  private Tensor a, b;

  @Setup(Level.Trial)
  public void setup() {
    String[] parts = shape.split(":");
    String[] d = parts[0].split("x");
    int m = Integer.parseInt(d[0]), n = Integer.parseInt(d[1]), k = Integer.parseInt(d[2]);
    SplittableRandom r = new SplittableRandom(42);
    a = switch (parts[1]) {
      case "TN" -> random(r, k, m).t();
      default -> random(r, m, k);
    };
    b = switch (parts[1]) {
      case "NT" -> random(r, n, k).t();
      default -> random(r, k, n);
    };
    Warm.untilCompiled("MatmulBench " + shape, this::matmul);
  }

  private static Tensor random(SplittableRandom r, int rows, int cols) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) v[i] = (float) r.nextDouble(-1, 1);
    return Tensor.fromArray(v, rows, cols);
  }

  @Benchmark
  public float matmul() {
    try (Tensor c = a.matmul(b)) {
      return c.get(0, 0) == 0 ? 0f : 1f;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    a.close();
    b.close();
  }

  /** Entry for a quick run without the shaded jar. */
  public static void main(String[] args) throws Exception {
    org.openjdk.jmh.Main.main(args);
  }
}
