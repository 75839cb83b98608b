package io.jgrad.losses.reg;

import io.jgrad.losses.Losses;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.StepContext;
import io.jgrad.tensor.Tensor;
import java.util.List;

/** A minimal StepContext for tests: cross entropy plus the regularizers' penalties, backward, optimizer step, afterStep. */
final class SimpleStepContext implements StepContext {
  private final Module model;
  private final Optimizer optimizer;
  private final List<Regularizer> regs;
  Batch batch;
  int epoch = 1;
  long steps;

  SimpleStepContext(Module model, Optimizer optimizer, List<Regularizer> regs) {
    this.model = model;
    this.optimizer = optimizer;
    this.regs = regs;
  }

  @Override public Module model() { return model; }
  @Override public Optimizer optimizer() { return optimizer; }
  @Override public Batch batch() { return batch; }
  @Override public Tensor forward(Tensor x) { return model.forward(x); }

  @Override
  public Tensor loss(Tensor output, Batch b) {
    Tensor l = Losses.crossEntropy(output, b.y());
    for (Regularizer r : regs) {
      Tensor p = r.penalty(model, b, output);
      if (p != null) l = l.add(p);
    }
    return l;
  }

  @Override public void backward(Tensor loss) { loss.backward(); }
  @Override public void zeroGrad() { optimizer.zeroGrad(); }

  @Override
  public void step() {
    optimizer.step();
    try (var off = io.jgrad.autograd.Grad.disabled()) {
      for (Regularizer r : regs) r.afterStep(model, optimizer);
    }
    steps++;
  }

  @Override public boolean isUpdateStep() { return true; }
  @Override public long stepCount() { return steps; }
  @Override public int epoch() { return epoch; }

  /** One step of {@code step} on batch (x, y) from zero gradients. */
  Tensor run(io.jgrad.nn.train.TrainStep step, Tensor x, Tensor y) {
    batch = new Batch(x, y);
    zeroGrad();
    return step.run(this);
  }
}
