package io.jgrad.losses.testing;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.Losses;
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
 * cleared before the first micro-batch of each update, clipping, optimizer step, afterStep,
 * per-step schedule. Procedures and post-step regularizers are tested against it (and against
 * the Trainer).
 *
 * <p>{@link #run(TrainStep, List)} runs a sequence of batches, each in its own TensorScope, with
 * gradients zeroed in place (torch's default); {@link #run(TrainStep, Tensor, Tensor)} runs one
 * step on one batch outside any scope and returns its loss tensor.
 */
public final class StepLoop implements StepContext {
  private final Module model;
  private final Optimizer optimizer;
  private final Objective objective;
  private final List<Regularizer> regularizers;
  private final int microBatches;
  private final double clipNorm;
  private final LrScheduler scheduler;
  private final boolean setToNone;
  private Batch batch;
  private int micro;
  private long steps;
  private int backwards;
  private int epoch = 1;

  /**
   * {@code setToNone}: how {@link #zeroGrad()} clears the gradients (drop them, or zero them in
   * place); {@code clipNorm} 0: no clipping; {@code scheduler} null: none.
   */
  public StepLoop(Module model, Optimizer optimizer, Objective objective, List<Regularizer> regularizers,
                  int microBatches, double clipNorm, LrScheduler scheduler, boolean setToNone) {
    this.model = model;
    this.optimizer = optimizer;
    this.objective = objective;
    this.regularizers = regularizers;
    this.microBatches = microBatches;
    this.clipNorm = clipNorm;
    this.scheduler = scheduler;
    this.setToNone = setToNone;
  }

  /** {@code objective}, no regularizer, one micro-batch per update, gradients zeroed in place. */
  public static StepLoop of(Module model, Optimizer optimizer, Objective objective) {
    return new StepLoop(model, optimizer, objective, List.of(), 1, 0, null, false);
  }

  /** Cross entropy plus {@code regularizers}, one micro-batch per update, gradients dropped by {@link #zeroGrad()}. */
  public static StepLoop crossEntropy(Module model, Optimizer optimizer, List<Regularizer> regularizers) {
    return new StepLoop(model, optimizer, Objective.of(Losses::crossEntropy), regularizers, 1, 0, null, true);
  }

  /** Runs {@code step} on every batch in order (one micro-batch each, model in training mode); returns the losses. */
  public List<Double> run(TrainStep step, List<Batch> batches) {
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

  /** One step of {@code step} on the batch (x, y), after {@link #zeroGrad()}; returns its loss. */
  public Tensor run(TrainStep step, Tensor x, Tensor y) {
    batch = new Batch(x, y);
    zeroGrad();
    return step.run(this);
  }

  /** Sets the epoch the steps report (1 until set). */
  public void epoch(int epoch) { this.epoch = epoch; }

  /** How many times {@link #backward} was called. */
  public int backwardCalls() { return backwards; }

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

  @Override public void zeroGrad() { optimizer.zeroGrad(setToNone); }

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

  @Override public int epoch() { return epoch; }
}
