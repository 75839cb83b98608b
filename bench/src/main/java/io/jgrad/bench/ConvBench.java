package io.jgrad.bench;

import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
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
 * conv2d, float32, 3x3 kernel, stride 1, padding 1. Case {@code mode:NxCxHxW-O}: {@code fwd} is
 * the forward pass; {@code fwdBwd} is forward, then backward of {@code out.sum()} into the input,
 * weight and bias gradients (what a training step pays for the layer).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// The setup runs the op until every kernel is compiled (Warm.untilCompiled); the warm-up
// iterations only let the timings settle.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 40, time = 20, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Djgrad.threads=2"})
public class ConvBench {
  @Param({"fwd:64x3x32x32-32", "fwdBwd:64x3x32x32-32", "fwd:64x16x14x14-32", "fwdBwd:64x16x14x14-32"})
  public String c;

  private Tensor x, w, b;
  private boolean backward;
  private static final int[] ONE = {1, 1};

  @Setup(Level.Trial)
  public void setup() {
    String[] p = Inputs.size(c).split("-");
    int[] d = Inputs.dims(p[0]);
    int out = Integer.parseInt(p[1]);
    backward = switch (Inputs.op(c)) {
      case "fwd" -> false;
      case "fwdBwd" -> true;
      default -> throw Inputs.unknown("ConvBench", c);
    };
    x = Inputs.uniform(7, d).requiresGrad(backward);
    w = Inputs.uniform(8, out, d[1], 3, 3).requiresGrad(backward);
    b = Inputs.uniform(9, out).requiresGrad(backward);
    Warm.untilCompiled("ConvBench " + c, this::run);
  }

  @Benchmark
  public Object run() {
    try (TensorScope s = TensorScope.open()) {
      Tensor y = x.conv2d(w, b, ONE, ONE, ONE, 1);
      if (!backward) return y.shape();
      x.setGrad(null);
      w.setGrad(null);
      b.setGrad(null);
      y.sum().backward();
      return w.grad().shape();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    x.close();
    w.close();
    b.close();
  }
}
