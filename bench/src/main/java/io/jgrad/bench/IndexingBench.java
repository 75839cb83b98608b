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
 * Indexing and sorting, float32: gather and scatterAdd along dim 1 of x [4096, 1024] with an int64
 * index [4096, 256] (uniform in [0, 1024)); sort of 1M elements and of each row of [1024, 1024].
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 40, time = 20, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Djgrad.threads=2"})
public class IndexingBench {
  @Param({"gather:4096x1024x256", "scatterAdd:4096x1024x256", "sort:1M", "sortRows:1024x1024"})
  public String c;

  private Tensor x, index, src;
  private Supplier<Object> op;

  @Setup(Level.Trial)
  public void setup() {
    String name = Inputs.op(c), size = Inputs.size(c);
    switch (name) {
      case "gather", "scatterAdd" -> {
        int[] d = Inputs.dims(size);
        x = Inputs.uniform(4, d[0], d[1]);
        index = Inputs.indices(5, d[1], d[0], d[2]);
        src = Inputs.uniform(6, d[0], d[2]);
      }
      case "sort" -> x = Inputs.uniform(4, Inputs.count(size));
      case "sortRows" -> x = Inputs.uniform(4, Inputs.dims(size));
      default -> throw Inputs.unknown("IndexingBench", c);
    }
    op = switch (name) {
      case "gather" -> () -> x.gather(1, index).shape();
      case "scatterAdd" -> () -> x.scatterAdd(1, index, src).shape();
      case "sort" -> () -> x.sort(0, false).values().shape();
      default -> () -> x.sort(1, false).values().shape();
    };
    Warm.untilCompiled("IndexingBench " + c, this::run);
  }

  @Benchmark
  public Object run() {
    try (TensorScope s = TensorScope.open()) {
      return op.get();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    x.close();
    if (index != null) index.close();
    if (src != null) src.close();
  }
}
