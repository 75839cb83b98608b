package io.jgrad.bench;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.Losses;
import io.jgrad.nn.Conv2d;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MaxPool2d;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.optim.SGD;
import io.jgrad.tensor.Generator;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput with several threads at once, as a server would run: {@code trainStep}, each JMH
 * thread trains its own copy of the {@code jgrad train --model cnn} network (1x28x28, batch 32,
 * SGD); {@code inferShared}, every thread runs inference (no gradient) on one shared model in
 * eval mode, batch 32. JMH sums the threads' operations per second. Run with {@code -t 1}, {@code -t
 * 2}, ... and the kernel pool size {@code -jvmArgsAppend -Djgrad.threads=N}; bench/run-threads.sh
 * runs the grid and prints the table that docs/threads.md quotes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConcurrencyBench {
  static Module cnn(Generator g) {
    int[] k = {3, 3}, one = {1, 1};
    return new Sequential(new Conv2d(1, 16, k, one, one, one, 1, true, g), new ReLU(), new MaxPool2d(2),
        new Conv2d(16, 32, k, one, one, one, 1, true, g), new ReLU(), new MaxPool2d(2), new Flatten(),
        new Linear(32 * 7 * 7, 10, true, g));
  }

  /** One thread's own model, optimizer and batch. */
  @State(Scope.Thread)
  public static class Own {
    Module model;
    SGD opt;
    Tensor x, y;

    @Setup(Level.Trial)
    public void setup() {
      long seed = Thread.currentThread().threadId();
      model = cnn(new Generator(seed));
      opt = new SGD(model.parameters(), 0.01);
      x = Inputs.uniform(seed, 32, 1, 28, 28);
      y = Inputs.indices(seed + 1, 10, 32);
    }
  }

  /** The model every thread shares, read-only. */
  @State(Scope.Benchmark)
  public static class Shared {
    Module model;

    @Setup(Level.Trial)
    public void setup() {
      model = cnn(new Generator(7));
      model.eval();
    }
  }

  @Benchmark
  public double trainStep(Own s) {
    try (TensorScope scope = TensorScope.open()) {
      Tensor loss = Losses.crossEntropy(s.model.forward(s.x), s.y);
      s.opt.zeroGrad(false);
      loss.backward();
      s.opt.step();
      return loss.item();
    }
  }

  @Benchmark
  public double inferShared(Shared m, Own s) {
    try (var off = Grad.disabled(); TensorScope scope = TensorScope.open()) {
      return m.model.forward(s.x).sum().item();
    }
  }
}
