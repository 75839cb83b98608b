package io.jgrad.bench;

import io.jgrad.losses.Losses;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.StepContext;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.List;
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
 * The cost of the catalog's training procedures against the plain step, on StepBench's MLP
 * (Linear 64-256-256-10 with ReLU, batch 128, float32, SGD): one whole training step each, run
 * through the same minimal StepContext (objective cross entropy plus the regularizers; backward;
 * optimizer step; the loss read back), so the ratios are the procedures' own costs.
 * {@code plain}: the standard step; {@code sam} (rho 0.05); {@code vat}: the standard step with
 * the vat_loss regularizer (K = 1: two extra forwards, one extra backward to the input, the
 * backward of the LDS term); {@code grad_norm_penalty} (double backprop); {@code amp}
 * (inner_iter 1); {@code gradient_norm_regularization_fd}. Components are built through the
 * registry. Targets (issue 17): SAM at most 2.1x the plain step, VAT at most 3.2x.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 7, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Djgrad.threads=2"})
public class ProcedureBench {
  @Param({"plain", "sam", "vat", "grad_norm_penalty", "amp", "gradient_norm_regularization_fd"})
  public String p;

  private Module model;
  private Optimizer opt;
  private Batch batch;
  private TrainStep step;
  private List<Regularizer> regs;
  private Context ctx;

  @Setup(Level.Trial)
  public void setup() {
    Generator g = new Generator(42);
    model = new Sequential(new Linear(64, 256, true, g), new ReLU(), new Linear(256, 256, true, g), new ReLU(),
        new Linear(256, 10, true, g));
    batch = new Batch(Inputs.uniform(10, 128, 64), Inputs.indices(11, 10, 128));
    opt = new SGD(model.parameters(), 0.01);
    regs = List.of();
    step = switch (p) {
      case "plain" -> TrainStep.STANDARD;
      case "vat" -> {
        regs = List.of(Catalog.create("vat_loss:epsilon=1.0", Regularizer.class));
        yield TrainStep.STANDARD;
      }
      default -> Catalog.create(p, TrainStep.class);
    };
    ctx = new Context();
  }

  @Benchmark
  public double step() {
    try (TensorScope s = TensorScope.open()) {
      opt.zeroGrad(false);
      return step.run(ctx).item();
    }
  }

  /** Objective cross entropy + regularizers, plain backward and step. */
  private final class Context implements StepContext {
    @Override public Module model() { return model; }

    @Override public Optimizer optimizer() { return opt; }

    @Override public Batch batch() { return batch; }

    @Override public Tensor forward(Tensor x) { return model.forward(x); }

    @Override
    public Tensor loss(Tensor output, Batch b) {
      Tensor l = Losses.crossEntropy(output, b.y());
      for (Regularizer r : regs) l = l.add(r.penalty(model, b, output));
      return l;
    }

    @Override public void backward(Tensor loss) { loss.backward(); }

    @Override public void zeroGrad() { opt.zeroGrad(false); }

    @Override public void step() { opt.step(); }

    @Override public boolean isUpdateStep() { return true; }

    @Override public long stepCount() { return 0; }

    @Override public int epoch() { return 1; }
  }
}
