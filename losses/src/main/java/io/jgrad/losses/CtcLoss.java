package io.jgrad.losses;

import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Connectionist temporal classification loss ("Connectionist temporal classification:
 * labelling unsegmented sequence data with recurrent neural networks"): the negative log of
 * the total probability of all alignments of the target to the input, by the forward
 * (alpha) recursion in log space over the blank-extended target, composed from differentiable
 * ops so autograd gives the gradient. Thin wrapper over {@link Losses#ctcLoss}.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.CTCLoss.html">torch.nn.CTCLoss</a>
 */
public record CtcLoss(int blank, Reduction reduction, boolean zeroInfinity) {
  /** Unreachable states hold this instead of -inf: logSumExp of -inf entries has a NaN gradient. */
  static final double NEG = -1e30;

  /** torch's defaults: blank 0, MEAN, zeroInfinity false. */
  public CtcLoss() {
    this(0, Reduction.MEAN, false);
  }

  /** The loss of this batch; see {@link Losses#ctcLoss}. */
  public Tensor apply(Tensor logProbs, Tensor targets, int[] inputLengths, int[] targetLengths) {
    return Losses.ctcLoss(logProbs, targets, inputLengths, targetLengths, blank, reduction, zeroInfinity);
  }

  static Tensor compute(Tensor logProbs, Tensor targets, int[] inputLengths, int[] targetLengths, int blank,
                        Reduction reduction, boolean zeroInfinity) {
    String op = "ctcLoss";
    Check.notNull(op, "logProbs", logProbs, "targets", targets, "inputLengths", inputLengths,
        "targetLengths", targetLengths, "reduction", reduction);
    Check.floating(op, "logProbs", logProbs);
    Check.integral(op, "targets", targets);
    if (logProbs.dim() != 3) {
      throw new IllegalArgumentException(op + ": logProbs " + Check.shape(logProbs) + " must be [T, N, C]");
    }
    int t = logProbs.size(0), n = logProbs.size(1), c = logProbs.size(2);
    if (inputLengths.length != n || targetLengths.length != n) {
      throw new IllegalArgumentException(op + ": batch size " + n + " but " + inputLengths.length + " input lengths and "
          + targetLengths.length + " target lengths");
    }
    if (blank < 0 || blank >= c) throw new IllegalArgumentException(op + ": blank " + blank + " out of range for " + c + " classes");
    long[] flat = targets.toLongArray();
    boolean padded = targets.dim() == 2;
    if (padded && targets.size(0) != n) {
      throw new IllegalArgumentException(op + ": targets " + Check.shape(targets) + " and logProbs " + Check.shape(logProbs)
          + " have different batch sizes");
    }
    if (!padded && targets.dim() != 1) throw new IllegalArgumentException(op + ": targets " + Check.shape(targets) + " must be 1-D or 2-D");
    int offset = 0;
    List<Tensor> losses = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      int len = targetLengths[b], in = inputLengths[b];
      if (in < 0 || in > t) throw new IllegalArgumentException(op + ": input length " + in + " out of range for " + t + " time steps");
      int start = padded ? b * targets.size(1) : offset;
      if (len < 0 || (padded ? len > targets.size(1) : start + len > flat.length)) {
        throw new IllegalArgumentException(op + ": target length " + len + " exceeds the targets " + Check.shape(targets));
      }
      long[] label = Arrays.copyOfRange(flat, start, start + len);
      for (long l : label) {
        if (l < 0 || l >= c || l == blank) {
          throw new IllegalArgumentException(op + ": target class " + l + " out of range for " + c + " classes (blank " + blank + ")");
        }
      }
      offset += len;
      losses.add(sequence(logProbs.select(1, b), in, label, blank));
    }
    Tensor loss = Tensor.stack(losses, 0);
    // an impossible alignment ends near NEG: it is +inf, or 0 (with zero gradient) under zeroInfinity
    Tensor impossible = loss.gt(-NEG / 2);
    loss = Tensor.where(impossible.logicalNot(), loss, zeroInfinity ? 0 : Double.POSITIVE_INFINITY);
    return switch (reduction) {
      case NONE -> loss;
      case SUM -> loss.sum();
      case MEAN -> {
        double[] lens = new double[n];
        for (int b = 0; b < n; b++) lens[b] = Math.max(1, targetLengths[b]);
        yield loss.div(Tensor.fromArray(lens, n).to(loss.dtype()).to(loss.device())).mean();
      }
    };
  }

  /** -log p(label | x) for one sequence of log-probabilities lp [T, C], its first {@code in} steps. */
  private static Tensor sequence(Tensor lp, int in, long[] label, int blank) {
    int l = 2 * label.length + 1;
    long[] ext = new long[l];
    boolean[] skip = new boolean[l];
    for (int s = 0; s < l; s++) {
      ext[s] = s % 2 == 0 ? blank : label[s / 2];
      skip[s] = s % 2 == 1 && s >= 2 && ext[s] != ext[s - 2];
    }
    if (in == 0) return Tensor.full(new int[0], label.length == 0 ? 0 : -NEG, lp.dtype(), lp.device());
    // Label tables are built on the host from the target lists and uploaded once per sequence.
    Tensor em = lp.indexSelect(1, Tensor.of(ext).to(lp.device())); // [T, L]: log-probability of each extended label
    Tensor skipMask = Tensor.of(skip).to(lp.device());
    double[] init = new double[l];
    Arrays.fill(init, NEG);
    init[0] = 0;
    if (l > 1) init[1] = 0;
    Tensor start = Tensor.fromArray(init, l).to(lp.dtype()).to(lp.device());
    Tensor alpha = em.select(0, 0).add(Tensor.where(start.eq(0), Tensor.zerosLike(start), start));
    Tensor pad = Tensor.full(new int[] {2}, NEG, lp.dtype(), lp.device());
    for (int step = 1; step < in; step++) {
      Tensor shifted = Tensor.cat(List.of(pad, alpha), 0);
      Tensor prev1 = shifted.narrow(0, 1, l);
      Tensor prev2 = Tensor.where(skipMask, shifted.narrow(0, 0, l), NEG);
      alpha = Tensor.stack(List.of(alpha, prev1, prev2), 0).logSumExp(new int[] {0}, false).add(em.select(0, step));
    }
    Tensor last = l == 1 ? alpha.narrow(0, 0, 1) : alpha.narrow(0, l - 2, 2);
    return last.logSumExp(new int[] {0}, false).neg();
  }
}
