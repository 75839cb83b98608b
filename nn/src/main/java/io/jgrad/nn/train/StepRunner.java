package io.jgrad.nn.train;

import io.jgrad.autograd.Grad;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.optim.Clip;
import io.jgrad.nn.optim.LrScheduler;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.ReduceLROnPlateau;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Trainer's {@link StepContext}: runs one {@link TrainStep} per batch (micro-batch under
 * gradient accumulation) and owns what happens around it.
 *
 * <p>Gradient accumulation over k micro-batches: every micro-batch starts from zero gradients, so
 * a procedure may call {@link #zeroGrad()} freely; {@link #backward} scales the loss by 1/k (1/r
 * for a last group of r &lt; k micro-batches at an epoch's end, so each update is the mean over
 * its micro-batches); {@link #step()} on a non-update micro-batch adds the gradients into a
 * per-parameter sum, and on the group's last micro-batch adds that sum back into {@code .grad}
 * before clipping and the optimizer step. Without accumulation nothing is copied.
 *
 * <p>Divergence and logging: the first {@link #loss} the procedure computes (the clean loss of a
 * two-pass procedure) and the correct count of the first {@link #forward} output with B rows
 * are read back in one transfer at {@link #step()}, before the update, where a NaN or infinite
 * loss throws {@link TrainingDivergedException}. The reported loss is what
 * {@link TrainStep#run} returns; when that is another tensor (or the step computed no
 * {@code ctx.loss}), it is read after the step and checked too (one more transfer).
 */
final class StepRunner implements StepContext {
  private final Module model;
  private final Optimizer optimizer;
  private final Objective objective;
  private final List<Regularizer> regularizers;
  private final List<Tensor> clipParams;
  private final double clipNorm;
  private final LrScheduler perStepScheduler;
  private final int accumulate;
  private final TrainerState state;
  private final List<Tensor> accumulated;
  private final Map<Tensor, Tensor> gradSum = new IdentityHashMap<>();

  private Batch batch;
  private int groupSize;
  private boolean updateStep;
  private boolean stepped;
  private Tensor firstOutput;
  private Tensor firstLoss;
  private double lossValue;
  private double correct;
  private boolean read;
  private double groupLoss;
  private int groupCount;

  StepRunner(Module model, Optimizer optimizer, Objective objective, List<Regularizer> regularizers, List<Tensor> clipParams,
             double clipNorm, LrScheduler perStepScheduler, int accumulate, TrainerState state) {
    this.model = model;
    this.optimizer = optimizer;
    this.objective = objective;
    this.regularizers = regularizers;
    this.clipParams = clipParams;
    this.clipNorm = clipNorm;
    this.perStepScheduler = perStepScheduler;
    this.accumulate = accumulate;
    this.state = state;
    // The parameters the optimizer zeroes before each micro-batch are the ones whose sums are kept.
    List<Tensor> ps = new java.util.ArrayList<>();
    for (var g : optimizer.paramGroups()) ps.addAll(g.params());
    this.accumulated = List.copyOf(ps);
  }

  /**
   * Runs {@code step} on {@code b}, micro-batch {@code micro} (0-based) of a group of
   * {@code groupSize}; returns {loss, correct count (NaN when not a classification)}.
   */
  double[] run(TrainStep step, Batch b, int micro, int groupSize) {
    this.batch = b;
    this.groupSize = groupSize;
    this.updateStep = micro == groupSize - 1;
    this.stepped = false;
    this.firstOutput = null;
    this.firstLoss = null;
    this.read = false;
    if (micro == 0) {
      groupLoss = 0;
      groupCount = 0;
    }
    optimizer.zeroGrad(false);
    Tensor returned = step.run(this);
    if (returned == null) throw new IllegalStateException("TrainStep " + step + " returned null; return the step's loss");
    if (!stepped) throw new IllegalStateException("TrainStep " + step + " returned without calling ctx.step()");
    if (!read || returned != firstLoss) {
      // A step that computed no ctx.loss, or returns another tensor: read what it returns. Nothing
      // can be undone at this point: the step has already updated the weights.
      if (read) {
        groupLoss -= lossValue;
        groupCount--;
      }
      firstLoss = returned;
      readBack();
      if (!Double.isFinite(lossValue)) throw diverged();
    }
    return new double[] {lossValue, correct};
  }

  @Override
  public Module model() { return model; }

  @Override
  public Optimizer optimizer() { return optimizer; }

  @Override
  public Batch batch() { return batch; }

  @Override
  public Tensor forward(Tensor x) {
    Tensor out = model.call(x);
    if (firstOutput == null && out.dim() >= 1 && out.shape()[0] == batch.size()) firstOutput = out;
    return out;
  }

  @Override
  public Tensor loss(Tensor output, Batch b) {
    Tensor loss = objective.loss(output, b);
    if (loss == null) throw new IllegalStateException("Objective " + objective + " returned a null loss");
    for (Regularizer r : regularizers) {
      Tensor p = r.penalty(model, b, output);
      if (p != null) loss = loss.add(p);
    }
    if (firstLoss == null) firstLoss = loss;
    return loss;
  }

  @Override
  public void backward(Tensor loss) {
    (groupSize == 1 ? loss : loss.mul(1.0 / groupSize)).backward();
  }

  @Override
  public void zeroGrad() { optimizer.zeroGrad(false); }

  @Override
  public void step() {
    if (stepped) throw new IllegalStateException("StepContext.step() called twice for one batch");
    stepped = true;
    if (firstLoss != null) {
      readBack();
      if (!Double.isFinite(lossValue)) throw diverged();
    }
    if (accumulate > 1 && !fold()) return;
    if (clipNorm > 0) Clip.gradNorm(clipParams, clipNorm);
    optimizer.step();
    if (!regularizers.isEmpty()) {
      try (var off = Grad.disabled()) {
        for (Regularizer r : regularizers) r.afterStep(model, optimizer);
      }
    }
    if (perStepScheduler != null) {
      if (perStepScheduler instanceof ReduceLROnPlateau p) p.step(groupCount == 0 ? lossValue : groupLoss / groupCount);
      else perStepScheduler.step();
    }
    state.step++;
  }

  /**
   * Accumulation: adds this micro-batch's gradients into the running sums; on the group's last
   * micro-batch adds the sums into {@code .grad} instead. Returns whether to update now.
   */
  private boolean fold() {
    try (var off = Grad.disabled(); TensorScope scope = TensorScope.open()) {
      for (Tensor p : accumulated) {
        Tensor g = p.grad();
        Tensor sum = gradSum.get(p);
        if (!updateStep) {
          if (g == null) continue;
          if (sum == null) gradSum.put(p, TensorScope.untracked(() -> Tensor.zerosLike(g)).addInPlace(g));
          else sum.addInPlace(g);
        } else if (sum != null) {
          if (g == null) p.setGrad(TensorScope.untracked(sum::copy));
          else g.addInPlace(sum);
        }
      }
      if (updateStep) {
        for (Tensor sum : gradSum.values()) sum.close();
        gradSum.clear();
      }
    }
    return updateStep;
  }

  /** Frees the accumulated sums (an interrupted group at the end of a fit). */
  void release() {
    for (Tensor sum : gradSum.values()) sum.close();
    gradSum.clear();
  }

  private TrainingDivergedException diverged() {
    return new TrainingDivergedException(state.epoch, state.step + 1, lossValue, optimizer.getLr(0));
  }

  /** Reads the loss and the correct count back in one transfer. */
  private void readBack() {
    double[] lc = Evaluation.lossAndCorrect(firstLoss, firstOutput, batch.y());
    lossValue = lc[0];
    correct = lc[1];
    read = true;
    groupLoss += lossValue;
    groupCount++;
  }

  @Override
  public boolean isUpdateStep() { return updateStep; }

  @Override
  public long stepCount() { return state.step; }

  @Override
  public int epoch() { return state.epoch; }

}
