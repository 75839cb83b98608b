package io.jgrad.bench;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Fft;
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
 * Batched 1-D transforms along the last dim, time per call: {@code BxN:kind:dtype} with kind fft
 * (real input, full spectrum), rfft (real input, onesided) or c2c (complex pairs input). N = 4096
 * runs the radix-4 Stockham path, N = 4099 (prime) Bluestein on a 5-smooth length 8200.
 * {@code bench/peers/fft_peer.py} times numpy.fft (float64, one thread) and torch.fft at the
 * same shapes. Threads: {@code -Djgrad.threads} (default 2 below).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 40, time = 20, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Djgrad.threads=2"})
public class FftBench {
  @Param({"256x4096:fft:float64", "256x4099:fft:float64", "256x4096:rfft:float64", "256x4099:rfft:float64",
      "256x4096:c2c:float64", "256x4099:c2c:float64", "256x4096:rfft:float32"})
  public String shape;

  private Tensor x;
  private String kind;

  @Setup(Level.Trial)
  public void setup() {
    String[] p = shape.split(":");
    String[] d = p[0].split("x");
    int b = Integer.parseInt(d[0]), n = Integer.parseInt(d[1]);
    kind = p[1];
    int[] dims = kind.equals("c2c") ? new int[] {b, n, 2} : new int[] {b, n};
    SplittableRandom r = new SplittableRandom(42);
    double[] v = new double[b * n * (kind.equals("c2c") ? 2 : 1)];
    for (int i = 0; i < v.length; i++) v[i] = r.nextDouble(-1, 1);
    x = Tensor.fromArray(v, dims);
    if (p[2].equals("float32")) x = x.to(DType.FLOAT32);
    Warm.untilCompiled("FftBench", this::transform);
  }

  @Benchmark
  public double transform() {
    Tensor y = switch (kind) {
      case "rfft" -> Fft.rfft(x);
      case "c2c" -> Fft.fftComplex(x, -1, -1, null);
      default -> Fft.fft(x);
    };
    try (y) {
      return y.get(0, 1, 0);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() { x.close(); }

  public static void main(String[] args) throws Exception { org.openjdk.jmh.Main.main(args); }
}
