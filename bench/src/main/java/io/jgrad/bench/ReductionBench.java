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
 * Float32 reductions and row softmax: sum/max of 16M elements, sum over rows (dim 1) and columns
 * (dim 0) of [4096, 1024], softmax and logSoftmax along dim 1 of [4096, 1024].
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 40, time = 20, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Djgrad.threads=2"})
public class ReductionBench {
  @Param({"sum:16M", "max:16M", "sumRows:4096x1024", "sumCols:4096x1024", "softmax:4096x1024",
      "logSoftmax:4096x1024"})
  public String c;

  private Tensor x;
  private Supplier<Tensor> op;

  @Setup(Level.Trial)
  public void setup() {
    String name = Inputs.op(c), size = Inputs.size(c);
    x = size.contains("x") ? Inputs.uniform(3, Inputs.dims(size)) : Inputs.uniform(3, Inputs.count(size));
    op = switch (name) {
      case "sum" -> () -> x.sum();
      case "max" -> () -> x.max();
      case "sumRows" -> () -> x.sum(1);
      case "sumCols" -> () -> x.sum(0);
      case "softmax" -> () -> x.softmax(1);
      case "logSoftmax" -> () -> x.logSoftmax(1);
      default -> throw Inputs.unknown("ReductionBench", c);
    };
    Warm.untilCompiled("ReductionBench " + c, this::run);
  }

  @Benchmark
  public Object run() {
    try (TensorScope s = TensorScope.open()) {
      return op.get().shape();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() { x.close(); }
}
