package io.jgrad.bench;

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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole training step (forward, cross-entropy, zeroGrad in place as torch 1.13's zero_grad(),
 * backward, SGD step, loss read back),
 * float32. {@code mlp}: Linear 64-256-256-10 with ReLU, batch 128. {@code cnn}: conv(1->16, 3, pad
 * 1)-ReLU-maxpool(2)-conv(16->32)-ReLU-maxpool(2)-flatten-Linear(1568, 10) on 1x28x28, batch 64
 * (the {@code jgrad train --model cnn} network). Run with {@code -prof gc} for bytes per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// The setup runs steps until every kernel is compiled (Warm.untilCompiled: a training step needed
// ~8 s of 1 s warm-up iterations, 172 ms falling to 1.1 ms per MLP step); the warm-up
// iterations only let the timings settle.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 40, time = 20, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Djgrad.threads=2"})
public class StepBench {
  @Param({"mlp:128", "cnn:64"})
  public String c;

  private Module model;
  private SGD opt;
  private Tensor x, y;

  @Setup(Level.Trial)
  public void setup() {
    Generator g = new Generator(42);
    int batch = Integer.parseInt(Inputs.size(c));
    int[] k = {3, 3}, one = {1, 1};
    switch (Inputs.op(c)) {
      case "mlp" -> {
        model = new Sequential(new Linear(64, 256, true, g), new ReLU(), new Linear(256, 256, true, g), new ReLU(),
            new Linear(256, 10, true, g));
        x = Inputs.uniform(10, batch, 64);
      }
      case "cnn" -> {
        model = new Sequential(new Conv2d(1, 16, k, one, one, one, 1, true, g), new ReLU(), new MaxPool2d(2),
            new Conv2d(16, 32, k, one, one, one, 1, true, g), new ReLU(), new MaxPool2d(2), new Flatten(),
            new Linear(32 * 7 * 7, 10, true, g));
        x = Inputs.uniform(10, batch, 1, 28, 28);
      }
      default -> throw Inputs.unknown("StepBench", c);
    }
    y = Inputs.indices(11, 10, batch);
    opt = new SGD(model.parameters(), 0.01);
    Warm.untilCompiled("StepBench " + c, this::step);
  }

  @Benchmark
  public double step() {
    try (TensorScope s = TensorScope.open()) {
      Tensor loss = Losses.crossEntropy(model.forward(x), y);
      opt.zeroGrad(false);
      loss.backward();
      opt.step();
      return loss.item();
    }
  }
}
