package io.jgrad.spark;

import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.StepContext;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.nn.train.TrainingDivergedException;
import io.jgrad.spark.collective.Collective;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TrainStep} that makes any other one data-parallel: it runs the inner step (the
 * standard one, or a procedure such as SAM) with a {@link StepContext} whose {@code backward}
 * also replaces the gradients by their mean over the workers, so every
 * {@link io.jgrad.nn.train.Objective}, {@link io.jgrad.nn.train.Regularizer} and procedure of
 * the {@link io.jgrad.nn.train.Trainer} works unchanged.
 *
 * <p>Per batch: (1) with {@code broadcastBuffers}, rank 0's floating buffers (BatchNorm running
 * statistics) are copied to every worker, as PyTorch's DistributedDataParallel does before each
 * forward; (2) the inner step runs; after each of its {@code ctx.backward(loss)} calls the
 * gradients of the optimizer's parameters become {@code sum_r b_r g_r / sum_r b_r} (b_r: worker
 * r's batch size), so a two-pass procedure's first gradient (SAM's ascent direction) is the
 * global one too; (3) at {@code ctx.step()} the first loss the step computed is averaged the
 * same way, a NaN or infinite mean fails every worker at the same step (before the update),
 * then clipping, the optimizer, regularizers' {@code afterStep} and per-step schedules run on
 * identical gradients; (4) the loss returned to the Trainer is that global mean.
 *
 * <p>Convention (PyTorch DDP's): each worker's loss is the mean over its own batch, and the
 * averaged gradient equals the gradient of the mean over the global batch plus the penalties.
 * What stays per worker: batch statistics (BatchNorm in training mode), losses that couple the
 * examples of a batch (their "batch" is the worker's), and input gradients, whose scale is
 * 1/b_r rather than 1/B (procedures that normalise them, such as FGSM's sign or VAT's unit
 * direction, are unaffected). A step that calls {@code loss.backward()} itself instead of
 * {@code ctx.backward} is synchronised once, at {@code ctx.step()}. Every worker must run the
 * same number of backward passes per batch (no data-dependent branching around them).
 */
public final class DataParallelStep implements TrainStep {
  private final TrainStep inner;
  private final GradientSync sync;
  private final List<Tensor> buffers;
  private final boolean broadcastBuffers;
  private final boolean equalBatches;
  private long lossNanos;

  /**
   * @param params the optimizer's parameters, in the same order on every worker
   * @param model whose floating buffers are broadcast from rank 0 before each batch when
   *     {@code broadcastBuffers}
   */
  public DataParallelStep(TrainStep inner, Collective collective, List<Tensor> params, Module model, boolean broadcastBuffers) {
    this(inner, collective, params, model, broadcastBuffers, false);
  }

  /**
   * With {@code equalBatches} the caller guarantees that every worker's batch has the same size
   * at every step (as {@link Worker} arranges): gradients are then summed unscaled and divided
   * by the number of workers, which saves a multiplication per element and a rounding.
   */
  public DataParallelStep(TrainStep inner, Collective collective, List<Tensor> params, Module model, boolean broadcastBuffers,
                          boolean equalBatches) {
    if (inner == null || collective == null || params == null || model == null) {
      throw new IllegalArgumentException("DataParallelStep: inner step, collective, parameters and model must not be null");
    }
    this.inner = inner;
    this.sync = new GradientSync(collective, params);
    this.buffers = new ArrayList<>(model.buffers());
    this.broadcastBuffers = broadcastBuffers && !buffers.isEmpty() && collective.size() > 1;
    this.equalBatches = equalBatches;
  }

  private int weight(StepContext ctx) { return equalBatches ? 1 : ctx.batch().size(); }

  /** The parameters an optimizer updates, in its group order. */
  public static List<Tensor> parameters(Optimizer optimizer) {
    List<Tensor> ps = new ArrayList<>();
    for (var g : optimizer.paramGroups()) ps.addAll(g.params());
    return ps;
  }

  @Override
  public Tensor run(StepContext ctx) {
    if (broadcastBuffers) GradientSync.broadcast(sync.collective(), buffers, 0);
    Synced s = new Synced(ctx);
    Tensor returned = inner.run(s);
    if (returned == null) return null; // the Trainer reports the inner step's contract violation
    double global;
    if (s.reduced && returned == s.firstLoss) {
      global = s.globalLoss;
    } else {
      long t0 = System.nanoTime();
      global = sync.mean(returned.item(), weight(ctx));
      lossNanos += System.nanoTime() - t0;
    }
    return Tensor.scalar(global, returned.dtype());
  }

  /** Gradient all-reduces so far (one per backward pass). */
  public long gradientReductions() { return sync.gradientCalls(); }

  /** Seconds spent averaging gradients so far (copies and waiting for slower workers included). */
  public double gradientSeconds() { return sync.gradientNanos() / 1e9; }

  /** Seconds spent averaging losses so far. */
  public double lossSeconds() { return lossNanos / 1e9; }

  /** The Trainer's context with synchronised backward passes and step. */
  private final class Synced implements StepContext {
    private final StepContext ctx;
    private Tensor firstLoss;
    private int backwards;
    private boolean reduced;
    private double globalLoss = Double.NaN;

    Synced(StepContext ctx) { this.ctx = ctx; }

    @Override public Module model() { return ctx.model(); }

    @Override public Optimizer optimizer() { return ctx.optimizer(); }

    @Override public Batch batch() { return ctx.batch(); }

    @Override public Tensor forward(Tensor x) { return ctx.forward(x); }

    @Override
    public Tensor loss(Tensor output, Batch batch) {
      Tensor l = ctx.loss(output, batch);
      if (firstLoss == null) firstLoss = l;
      return l;
    }

    @Override
    public void backward(Tensor loss) {
      ctx.backward(loss);
      backwards++;
      sync.allReduceGradients(weight(ctx));
    }

    @Override public void zeroGrad() { ctx.zeroGrad(); }

    @Override
    public void step() {
      if (backwards == 0) sync.allReduceGradients(weight(ctx));
      if (firstLoss != null) {
        long t0 = System.nanoTime();
        globalLoss = sync.mean(firstLoss.item(), weight(ctx));
        lossNanos += System.nanoTime() - t0;
        reduced = true;
        if (!Double.isFinite(globalLoss)) {
          throw new TrainingDivergedException(ctx.epoch(), ctx.stepCount() + 1, globalLoss, ctx.optimizer().getLr(0));
        }
      }
      ctx.step();
    }

    @Override public boolean isUpdateStep() { return ctx.isUpdateStep(); }

    @Override public long stepCount() { return ctx.stepCount(); }

    @Override public int epoch() { return ctx.epoch(); }
  }
}
