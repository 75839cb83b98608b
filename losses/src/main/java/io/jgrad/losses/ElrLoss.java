package io.jgrad.losses;

import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.GradMode;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * Early-learning regularization, catalog id {@code elr_loss}. Paper 81, "Early-Learning
 * Regularization Prevents Memorization of Noisy Labels" (Liu et al. 2020), as
 * {@code shengliu66/ELR: ELR/model/loss.py} ({@code elr_loss}) with the CIFAR-10 configuration's
 * defaults beta = 0.7, lambda = 3 (CIFAR-100: 0.9 and 7).
 *
 * <p>State: a target table {@code t} [numExamples, C], zeros at first, a buffer (saved in
 * checkpoints, moved by {@code to(device)}) keyed by each sample's index in the training set.
 * Per training step, with {@code p = clamp(softmax(z), 1e-4, 1 - 1e-4)}:
 * {@code t[idx] <- beta t[idx] + (1 - beta) sg(p) / sum_c sg(p)} (temporal ensembling, no
 * gradient), then {@code L = CE(z, y) + lambda mean_i log(1 - <t[idx_i], p_i>)}; the gradient of
 * the regularizer flows through the clamped p only. The table is updated only while gradients are
 * enabled and this module is in training mode, so evaluation does not touch it. The indices of
 * one batch must be distinct (a sampler without replacement), as the reference's indexed
 * assignment assumes. Shape: logits [B, C], int64 target [B], int64 index [B] -> scalar.
 */
public class ElrLoss extends Module implements Objective {
  private final int numExamples;
  private final int numClasses;
  private final double beta;
  private final double lambda;
  private final Tensor table;

  public ElrLoss(int numExamples, int numClasses, double beta, double lambda) {
    String op = "elr_loss";
    if (numExamples < 1) throw new IllegalArgumentException(op + ": num_examples must be >= 1, got " + numExamples);
    if (numClasses < 2) throw new IllegalArgumentException(op + ": num_classes must be >= 2, got " + numClasses);
    ClassTargets.inRange(op, "beta", beta, 0, 1);
    ClassTargets.finite(op, "lambda", lambda);
    this.numExamples = numExamples;
    this.numClasses = numClasses;
    this.beta = beta;
    this.lambda = lambda;
    this.table = registerBuffer("target", untracked(() -> Tensor.zeros(Module.defaultDType(), numExamples, numClasses)));
  }

  /** The target table [numExamples, C] (the live buffer). */
  public Tensor table() { return table; }

  public double beta() { return beta; }

  public double lambda() { return lambda; }

  /** Not a layer: use {@link #loss(Tensor, Batch)}. */
  @Override
  public Tensor forward(Tensor x) {
    throw new UnsupportedOperationException("elr_loss is an objective: call loss(output, batch)");
  }

  /** The objective: {@link #loss(Tensor, Tensor, Tensor)} with the batch's targets and sample indices. */
  @Override
  public Tensor loss(Tensor output, Batch batch) {
    if (batch.index() == null) {
      throw new IllegalArgumentException("elr_loss: the batch has no sample indices (batches of a DataLoader over a Dataset carry them)");
    }
    return loss(output, batch.y(), batch.index());
  }

  /** Updates the table rows of {@code index} (in training) and returns CE + lambda * reg. */
  public Tensor loss(Tensor output, Tensor target, Tensor index) {
    String op = "elr_loss";
    Check.notNull(op, "output", output, "target", target, "index", index);
    Check.floating(op, "output", output);
    if (output.dim() != 2 || output.size(1) != numClasses) {
      throw new IllegalArgumentException(op + ": output must be [B, " + numClasses + "], got " + Check.shape(output));
    }
    checkIndex(op, index, output.size(0));
    Tensor idx = index.to(DType.INT64).to(table.device());
    Tensor p = output.softmax(1).clamp(1e-4, 1 - 1e-4);
    if (GradMode.isEnabled() && isTraining()) {
      try (GradMode.Scope off = GradMode.disabled()) {
        Tensor pd = p.detach().to(table.dtype());
        Tensor pbar = pd.div(pd.sum(new int[] {1}, true));
        Tensor rows = table.indexSelect(0, idx);
        Tensor delta = rows.mul(beta).add(pbar.mul(1 - beta)).sub(rows);
        table.copyFrom(table.indexAdd(0, idx, delta, 1.0));
      }
    }
    Tensor t = table.indexSelect(0, idx).detach();
    Tensor ce = Losses.crossEntropy(output, target, null, Losses.IGNORE_INDEX, Reduction.MEAN, 0);
    return ce.add(NoisyLabelLosses.elrRegularizer(output, t).mul(lambda));
  }

  private void checkIndex(String op, Tensor index, int batch) {
    if (index.dtype() != DType.INT64 && index.dtype() != DType.INT32) {
      throw new IllegalArgumentException(op + ": sample index must be int64, got " + index.dtype());
    }
    if (index.dim() != 1 || index.size(0) != batch) {
      throw new IllegalArgumentException(op + ": sample index must be [" + batch + "], got " + Check.shape(index));
    }
    long[] ix = index.toLongArray();
    long[] sorted = ix.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      if (sorted[i] < 0 || sorted[i] >= numExamples) {
        throw new IllegalArgumentException(op + ": sample index " + sorted[i] + " out of range for num_examples=" + numExamples);
      }
      if (i > 0 && sorted[i] == sorted[i - 1]) {
        throw new IllegalArgumentException(op + ": sample index " + sorted[i] + " appears twice in one batch");
      }
    }
  }

  @Override
  protected String extraRepr() {
    return "num_examples=" + numExamples + ", num_classes=" + numClasses + ", beta=" + beta + ", lambda=" + lambda;
  }
}
