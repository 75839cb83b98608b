package io.jgrad.bench;

import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * Elementwise float32 ops over 16M elements (64 MB per operand), each call allocating its result
 * (from the pool, closed by the per-call scope) as {@code torch.add(a, b)} does; addInPlace is
 * {@code a.add_(b)}. addBroadcast adds a [1024] row to [4096, 1024]; addTransposed adds a
 * transposed (non-contiguous) [4096, 4096] view to a contiguous one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 40, time = 20, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Djgrad.threads=2"})
public class ElementwiseBench {
  @Param({"add:16M", "mul:16M", "exp:16M", "sigmoid:16M", "tanh:16M", "relu:16M", "addInPlace:16M",
      "addBroadcast:4096x1024", "addTransposed:4096x4096"})
  public String c;

  private Tensor a, b;
  private Supplier<Tensor> op;

  @Setup(Level.Trial)
  public void setup() {
    String name = Inputs.op(c), size = Inputs.size(c);
    switch (name) {
      case "addBroadcast" -> {
        int[] d = Inputs.dims(size);
        a = Inputs.uniform(1, d);
        b = Inputs.uniform(2, d[1]);
      }
      case "addTransposed" -> {
        int[] d = Inputs.dims(size);
        a = Inputs.uniform(1, d);
        b = Inputs.uniform(2, d[1], d[0]).t();
      }
      default -> {
        a = Inputs.uniform(1, Inputs.count(size));
        b = Inputs.uniform(2, Inputs.count(size));
      }
    }
    op = switch (name) {
      case "add", "addBroadcast", "addTransposed" -> () -> a.add(b);
      case "mul" -> () -> a.mul(b);
      case "exp" -> () -> a.exp();
      case "sigmoid" -> () -> a.sigmoid();
      case "tanh" -> () -> a.tanh();
      case "relu" -> () -> a.relu();
      case "addInPlace" -> () -> a.addInPlace(b);
      default -> throw Inputs.unknown("ElementwiseBench", c);
    };
    Warm.untilCompiled("ElementwiseBench " + c, this::run);
  }

  @Benchmark
  public Object run() {
    try (TensorScope s = TensorScope.open()) {
      return op.get().shape();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    a.close();
    b.close();
  }
}
