package io.jgrad.losses.procedure;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.reg.MagnitudeMask;
import io.jgrad.losses.reg.ParamSelector;
import io.jgrad.losses.reg.SparsityRegularizers;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.StepContext;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ART, adaptive regularized training, as HyperSparse's train.py and utils/art.py: three phases.
 * <ol>
 *   <li>warm-up ({@code warmupEpochs}): plain training;</li>
 *   <li>ART: the loss gains {@code lambda_e HS(w)} ({@link SparsityRegularizers#hyperSparse}) with
 *       {@code lambda_e = lambdaInit * eta^(e - warmup)} growing each epoch; after each ART epoch
 *       the model is magnitude-pruned to {@code pruneRate} (a copy) and its training accuracy is
 *       pushed into a buffer of {@code 2 * sizeModelBuffer + 1} epochs; the buffer whose mean is
 *       best so far gives its middle epoch's pruned model; ART stops when that mean exceeds the
 *       dense model's training accuracy of the epoch;</li>
 *   <li>fine-tuning: the best pruned model is loaded and its mask is kept (pruned weights stay
 *       exactly zero after every optimizer step, whatever the optimizer).</li>
 * </ol>
 * Paper 45, "HyperSparse Neural Networks: Shifting Exploration to Exploitation through Adaptive
 * Regularization". Reference defaults: prune rate 0.9, lambda_init 5e-6, eta 1.05, warm-up 60
 * epochs (CIFAR), buffer 1. As a {@link TrainStep} the accuracies are the running means over the
 * epoch's batches (the pruned model is evaluated on each batch, in eval mode, after the step);
 * a hand-written loop can call {@link #endEpoch} with full training-set accuracies instead,
 * as the reference does.
 */
public final class ArtSchedule implements TrainStep {
  public static final String ID = "art_schedule";

  /** The phase of training. */
  public enum Phase { WARMUP, ART, FINETUNE }

  private record Entry(int artEpoch, double prunedAcc, Map<String, Tensor> state) {}

  private final double pruneRate, lambdaInit, eta;
  private final int warmupEpochs, bufferSize;
  private final ParamSelector selector;
  private final ArrayDeque<Entry> buffer = new ArrayDeque<>();
  private final MagnitudeMask mask = new MagnitudeMask();
  private Phase phase;
  private int artEpochs, lastEpoch;
  private double bestMean = -1;
  private Entry best;
  private long denseCorrect, prunedCorrect, seen;

  public ArtSchedule(double pruneRate, double lambdaInit, double eta, int warmupEpochs, int sizeModelBuffer, ParamSelector selector) {
    if (!(pruneRate >= 0 && pruneRate < 1)) throw new IllegalArgumentException(ID + ": prune_rate must be in [0, 1), got " + pruneRate);
    if (!(lambdaInit >= 0)) throw new IllegalArgumentException(ID + ": lambda_init must be >= 0, got " + lambdaInit);
    if (!(eta >= 1)) throw new IllegalArgumentException(ID + ": eta must be >= 1, got " + eta);
    if (warmupEpochs < 0) throw new IllegalArgumentException(ID + ": warmup_epochs must be >= 0, got " + warmupEpochs);
    if (sizeModelBuffer < 0) throw new IllegalArgumentException(ID + ": size_model_buffer must be >= 0, got " + sizeModelBuffer);
    this.pruneRate = pruneRate;
    this.lambdaInit = lambdaInit;
    this.eta = eta;
    this.warmupEpochs = warmupEpochs;
    this.bufferSize = 2 * sizeModelBuffer + 1;
    this.selector = selector;
    this.phase = warmupEpochs > 0 ? Phase.WARMUP : Phase.ART;
  }

  /** The HyperSparse coefficient of 1-based epoch {@code epoch}: lambda_init eta^(epoch - 1 - warmup). */
  public double lambda(int epoch) { return lambdaInit * Math.pow(eta, epoch - 1 - warmupEpochs); }

  @Override
  public Tensor run(StepContext ctx) {
    int e = ctx.epoch();
    if (e != lastEpoch) {
      if (lastEpoch > 0 && phase == Phase.ART && seen > 0) endEpoch(ctx.model(), (double) denseCorrect / seen, (double) prunedCorrect / seen);
      lastEpoch = e;
      denseCorrect = prunedCorrect = seen = 0;
      if (phase == Phase.WARMUP && e - 1 >= warmupEpochs) phase = Phase.ART;
    }
    Batch batch = ctx.batch();
    Tensor out = ctx.forward(batch.x());
    Tensor loss = ctx.loss(out, batch);
    if (phase == Phase.ART) loss = loss.add(penalty(ctx.model(), e));
    ctx.backward(loss);
    ctx.step();
    if (phase == Phase.FINETUNE) mask.apply();
    if (phase == Phase.ART) {
      denseCorrect += correct(out, batch.y());
      prunedCorrect += prunedCorrect(ctx, batch);
      seen += batch.size();
    }
    return loss;
  }

  /** The ART-phase term of epoch {@code epoch}: lambda_e HS(w) over the selected weights. */
  public Tensor penalty(Module model, int epoch) { return penalty(weights(model), epoch); }

  /** The ART-phase term of epoch {@code epoch} on the given weights (all together). */
  public Tensor penalty(List<Tensor> weights, int epoch) {
    return SparsityRegularizers.hyperSparse(weights, pruneRate).mul(lambda(epoch));
  }

  private List<Tensor> weights(Module model) {
    return selector.selectNonEmpty(ID, model).stream().map(ParamSelector.Selected::tensor).toList();
  }

  private static long correct(Tensor out, Tensor y) {
    try (var off = Grad.disabled()) {
      return (long) out.detach().argmax(1, false).eq(y).countNonzero().item();
    }
  }

  private long prunedCorrect(StepContext ctx, Batch batch) {
    Module model = ctx.model();
    Map<String, Tensor> saved = copyState(model);
    boolean training = model.isTraining();
    try (var off = Grad.disabled()) {
      new MagnitudeMask().pruneGlobal(weights(model), pruneRate);
      model.eval();
      return correct(ctx.forward(batch.x()), batch.y());
    } finally {
      model.train(training);
      model.loadStateDict(saved);
    }
  }

  /**
   * Ends an ART epoch with the dense model's and its pruned copy's training accuracies (in
   * [0, 1]); returns true when ART terminates here (the best pruned model is then loaded into
   * {@code model} and its mask fixed). Only meaningful in the ART phase.
   */
  public boolean endEpoch(Module model, double denseAcc, double prunedAcc) {
    if (phase != Phase.ART) return false;
    artEpochs++;
    Map<String, Tensor> pruned;
    Map<String, Tensor> live = copyState(model);
    try (var off = Grad.disabled()) {
      new MagnitudeMask().pruneGlobal(weights(model), pruneRate);
      pruned = copyState(model);
      model.loadStateDict(live);
    }
    buffer.addLast(new Entry(artEpochs, prunedAcc, pruned));
    while (buffer.size() > bufferSize) buffer.removeFirst();
    double mean = buffer.stream().mapToDouble(Entry::prunedAcc).average().orElse(0);
    if (mean > bestMean) {
      bestMean = mean;
      best = new ArrayList<>(buffer).get(buffer.size() / 2);
    }
    if (bestMean > denseAcc) {
      model.loadStateDict(best.state());
      mask.pruneGlobal(weights(model), pruneRate);
      phase = Phase.FINETUNE;
      return true;
    }
    return false;
  }

  /** Starts fine-tuning now with the current model pruned to the target rate (e.g. when a budget of ART epochs ends). */
  public void pruneNow(Module model) {
    mask.pruneGlobal(weights(model), pruneRate);
    phase = Phase.FINETUNE;
  }

  /** Re-zeroes the pruned weights (call after each optimizer step when driving the phases by hand). */
  public void applyMask() { mask.apply(); }

  public Phase phase() { return phase; }

  /** Sets the phase (for hand-written loops that run the warm-up themselves). */
  public void setPhase(Phase p) { phase = p; }

  public int artEpochs() { return artEpochs; }

  public double bestPrunedAccuracy() { return bestMean; }

  private static Map<String, Tensor> copyState(Module model) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    try (var off = Grad.disabled()) {
      for (var e : model.stateDict().entrySet()) out.put(e.getKey(), TensorScope.untracked(() -> e.getValue().detach().copy()));
    }
    return out;
  }
}
