package io.jgrad.bench;

import io.jgrad.tensor.Tensor;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-op overhead on tiny tensors: add of two 4-element float32 tensors, without and with grad
 * recording (the left operand requires grad, so a node is recorded; no backward), and a 4x4 matmul.
 * Each call closes its result, as a dropped torch tensor is freed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 40, time = 20, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Djgrad.threads=2"})
public class OverheadBench {
  @Param({"add:4", "addGrad:4", "mm:4x4"})
  public String c;

  private Tensor a, b;

  @Setup(Level.Trial)
  public void setup() {
    switch (Inputs.op(c)) {
      case "add" -> {
        a = Inputs.uniform(12, 4);
        b = Inputs.uniform(13, 4);
      }
      case "addGrad" -> {
        a = Inputs.uniform(12, 4).requiresGrad(true);
        b = Inputs.uniform(13, 4);
      }
      case "mm" -> {
        a = Inputs.uniform(12, 4, 4);
        b = Inputs.uniform(13, 4, 4);
      }
      default -> throw Inputs.unknown("OverheadBench", c);
    }
    Warm.untilCompiled("OverheadBench " + c, this::run);
  }

  @Benchmark
  public int run() {
    try (Tensor r = c.startsWith("mm") ? a.matmul(b) : a.add(b)) {
      return r.dim();
    }
  }
}
