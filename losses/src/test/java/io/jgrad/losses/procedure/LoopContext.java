package io.jgrad.losses.procedure;

import io.jgrad.autograd.Grad;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.optim.Clip;
import io.jgrad.nn.optim.LrScheduler;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.StepContext;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal training loop implementing {@link StepContext} as the Trainer's contract describes
 * it: objective plus regularizer penalties, backward scaled by 1 / micro-batches, gradients
 * zeroed before the first micro-batch of each update, clipping, optimizer step, afterStep,
 * per-step schedule. Procedures are tested against it and against the Trainer.
 */
final class LoopContext implements StepContext {
  private final Module model;
  private final Optimizer optimizer;
  private final Objective objective;
  private final List<Regularizer> regularizers;
  private final int microBatches;
  private final double clipNorm;
  private final LrScheduler scheduler;
  private Batch batch;
  private int micro;
  private long steps;
  private int backwards;

  LoopContext(Module model, Optimizer optimizer, Objective objective, List<Regularizer> regularizers,
              int microBatches, double clipNorm, LrScheduler scheduler) {
    this.model = model;
    this.optimizer = optimizer;
    this.objective = objective;
    this.regularizers = regularizers;
    this.microBatches = microBatches;
    this.clipNorm = clipNorm;
    this.scheduler = scheduler;
  }

  static LoopContext of(Module model, Optimizer optimizer, Objective objective) {
    return new LoopContext(model, optimizer, objective, List.of(), 1, 0, null);
  }

  /** Runs {@code step} on every batch in order (one micro-batch each); returns the losses. */
  List<Double> run(TrainStep step, List<Batch> batches) {
    List<Double> losses = new ArrayList<>();
    model.train();
    for (Batch b : batches) {
      try (TensorScope scope = TensorScope.open()) {
        if (micro == 0) optimizer.zeroGrad(false);
        batch = b;
        losses.add(step.run(this).detach().item());
        micro = (micro + 1) % microBatches;
      }
    }
    return losses;
  }

  int backwardCalls() { return backwards; }

  @Override public Module model() { return model; }

  @Override public Optimizer optimizer() { return optimizer; }

  @Override public Batch batch() { return batch; }

  @Override public Tensor forward(Tensor x) { return model.forward(x); }

  @Override
  public Tensor loss(Tensor output, Batch b) {
    Tensor l = objective.loss(output, b);
    for (Regularizer r : regularizers) {
      Tensor p = r.penalty(model, b, output);
      if (p != null) l = l.add(p);
    }
    return l;
  }

  @Override
  public void backward(Tensor loss) {
    backwards++;
    (microBatches == 1 ? loss : loss.div(microBatches)).backward();
  }

  @Override public void zeroGrad() { optimizer.zeroGrad(false); }

  @Override
  public void step() {
    if (!isUpdateStep()) return;
    if (clipNorm > 0) Clip.gradNorm(model.parameters(), clipNorm);
    optimizer.step();
    try (var off = Grad.disabled()) {
      for (Regularizer r : regularizers) r.afterStep(model, optimizer);
    }
    if (scheduler != null) scheduler.step();
    steps++;
  }

  @Override public boolean isUpdateStep() { return micro == microBatches - 1; }

  @Override public long stepCount() { return steps; }

  @Override public int epoch() { return 1; }
}
