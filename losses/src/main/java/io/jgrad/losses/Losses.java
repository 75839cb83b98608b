package io.jgrad.losses;

import io.jgrad.tensor.Tensor;
import java.util.function.BinaryOperator;

/**
 * The functional core of jgrad's losses, with PyTorch's names, arguments and semantics
 * ({@code torch.nn.functional}). Every loss is composed from differentiable tensor ops, so
 * gradients come from autograd. Arguments that torch makes optional ({@code weight},
 * {@code posWeight}) may be null. Invalid shapes, dtypes and class indices throw
 * IllegalArgumentException naming the values. The maths lives in the family classes.
 */
public final class Losses {
  /** torch's default {@code ignore_index}. */
  public static final int IGNORE_INDEX = -100;

  private Losses() {}

  /**
   * Cross entropy of logits: {@code l_n = -w[y_n] log softmax(x_n)[y_n]} for class-index
   * targets (INT64), or {@code l_n = -sum_c w_c p_{n,c} log softmax(x_n)_c} for class-probability
   * targets (floating, same shape as input). Label smoothing eps mixes in the uniform
   * distribution: {@code (1 - eps) nll + eps / C * sum_c -w_c log softmax(x)_c}. MEAN divides by
   * the sum of the targets' weights (excluding ignored ones; NaN if all are ignored) for index
   * targets, and by N * d1 * ... for probability targets, as torch.
   * Shape: input [N, C] or [N, C, d1, ...] or [C]; target [N] / [N, d1, ...] / [] (indices) or
   * the input's shape (probabilities); output [] or, for NONE, the target's shape without C.
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.cross_entropy.html">torch.nn.functional.cross_entropy</a>
   */
  public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction,
                                    double labelSmoothing) {
    return ClassificationLosses.crossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing);
  }

  /** Cross entropy with no weight, ignoreIndex -100, MEAN and no label smoothing. */
  public static Tensor crossEntropy(Tensor input, Tensor target) {
    return crossEntropy(input, target, null, IGNORE_INDEX, Reduction.MEAN, 0);
  }

  /**
   * Negative log likelihood of log-probabilities: {@code l_n = -w[y_n] x[n, y_n]}, 0 where
   * {@code y_n == ignoreIndex}; MEAN is {@code sum l_n / sum w[y_n]} over non-ignored targets
   * (NaN when all are ignored, as torch).
   * Shape: input [N, C], [N, C, d1, ...] or [C]; target [N], [N, d1, ...] or [] (INT64 class
   * indices); NONE output has the target's shape.
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.nll_loss.html">torch.nn.functional.nll_loss</a>
   */
  public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
    return ClassificationLosses.nllLoss(input, target, weight, ignoreIndex, reduction);
  }

  /**
   * Binary cross entropy of probabilities: {@code l = -w (y log x + (1 - y) log(1 - x))} with
   * each log clamped to {@code >= -100} (so x = 0 or 1 gives a finite loss, as torch). Input
   * must lie in [0, 1]; prefer {@link #binaryCrossEntropyWithLogits} for stability.
   * Shape: input and target the same shape; weight broadcastable to it.
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.binary_cross_entropy.html">torch.nn.functional.binary_cross_entropy</a>
   */
  public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
    return ClassificationLosses.binaryCrossEntropy(input, target, weight, reduction);
  }

  /**
   * Binary cross entropy of logits:
   * {@code l = w ((1 - y) x + (1 + (pw - 1) y) log(1 + exp(-x)))}, computed as
   * {@code -logSigmoid(x)} for stability. posWeight weighs the positive term per class.
   * Shape: input and target the same shape; weight and posWeight ([C], the last dim)
   * broadcastable to it.
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.binary_cross_entropy_with_logits.html">torch.nn.functional.binary_cross_entropy_with_logits</a>
   */
  public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
                                                    Reduction reduction) {
    return ClassificationLosses.binaryCrossEntropyWithLogits(input, target, weight, posWeight, reduction);
  }

  /**
   * Mean squared error {@code l = (x - y)^2}. Shape: input and target the same shape.
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.mse_loss.html">torch.nn.functional.mse_loss</a>
   */
  public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
    return RegressionLosses.mseLoss(input, target, reduction);
  }

  /**
   * Absolute error {@code l = |x - y|}; the gradient at x == y is 0. Shape: input and target
   * the same shape.
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.l1_loss.html">torch.nn.functional.l1_loss</a>
   */
  public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
    return RegressionLosses.l1Loss(input, target, reduction);
  }

  /**
   * Smooth L1: {@code 0.5 d^2 / beta} if {@code |d| < beta}, else {@code |d| - 0.5 beta}
   * (d = x - y; beta = 0 is L1; torch's default beta is 1). Shape: input and target the same shape.
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.smooth_l1_loss.html">torch.nn.functional.smooth_l1_loss</a>
   */
  public static Tensor smoothL1Loss(Tensor input, Tensor target, Reduction reduction, double beta) {
    return RegressionLosses.smoothL1Loss(input, target, reduction, beta);
  }

  /**
   * Huber: {@code 0.5 d^2} if {@code |d| < delta}, else {@code delta (|d| - 0.5 delta)}
   * (torch's default delta is 1). Shape: input and target the same shape.
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.huber_loss.html">torch.nn.functional.huber_loss</a>
   */
  public static Tensor huberLoss(Tensor input, Tensor target, Reduction reduction, double delta) {
    return RegressionLosses.huberLoss(input, target, reduction, delta);
  }

  /**
   * Kullback-Leibler divergence with log-probability input:
   * {@code l = y (log y - x)} (0 where y = 0), or {@code exp(y) (y - x)} when logTarget.
   * MEAN averages over all elements (torch's 'mean'); for the mathematically correct
   * per-sample mean use {@link #klDivBatchMean}. Shape: input and target the same shape.
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.kl_div.html">torch.nn.functional.kl_div</a>
   */
  public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget) {
    return RegressionLosses.klDiv(input, target, reduction, logTarget);
  }

  /**
   * KL divergence with torch's {@code reduction='batchmean'}: the sum of the pointwise
   * values of {@link #klDiv} divided by the batch size {@code input.size(0)}.
   * Shape: input and target the same shape; output [].
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.kl_div.html">torch.nn.functional.kl_div</a>
   */
  public static Tensor klDivBatchMean(Tensor input, Tensor target, boolean logTarget) {
    return RegressionLosses.klDivBatchMean(input, target, logTarget);
  }

  /**
   * Poisson negative log likelihood: {@code exp(x) - y x} when logInput, else
   * {@code x - y log(x + eps)}; full adds Stirling's term
   * {@code y log y - y + 0.5 log(2 pi y)} where y > 1. torch's defaults: logInput true,
   * full false, eps 1e-8. Shape: input and target the same shape.
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.poisson_nll_loss.html">torch.nn.functional.poisson_nll_loss</a>
   */
  public static Tensor poissonNllLoss(Tensor input, Tensor target, boolean logInput, boolean full, double eps,
                                      Reduction reduction) {
    return RegressionLosses.poissonNllLoss(input, target, logInput, full, eps, reduction);
  }

  /**
   * Gaussian negative log likelihood:
   * {@code 0.5 (log max(var, eps) + (x - y)^2 / max(var, eps))}, plus {@code 0.5 log(2 pi)}
   * when full. The clamp is applied without gradient effect, as torch (eps default 1e-6).
   * Shape: input and target [N, *]; var the same shape, or with the last dim 1 or missing.
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.gaussian_nll_loss.html">torch.nn.functional.gaussian_nll_loss</a>
   */
  public static Tensor gaussianNllLoss(Tensor input, Tensor target, Tensor var, boolean full, double eps,
                                       Reduction reduction) {
    return RegressionLosses.gaussianNllLoss(input, target, var, full, eps, reduction);
  }

  /**
   * Cosine embedding loss: {@code 1 - cos(x1, x2)} where y = 1, {@code max(0, cos - margin)}
   * where y = -1; cos uses {@code sqrt((|x1|^2 + 1e-12)(|x2|^2 + 1e-12))} as torch.
   * Shape: x1, x2 [N, D] or [D]; target [N] or [].
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.cosine_embedding_loss.html">torch.nn.functional.cosine_embedding_loss</a>
   */
  public static Tensor cosineEmbeddingLoss(Tensor input1, Tensor input2, Tensor target, double margin,
                                           Reduction reduction) {
    return MarginLosses.cosineEmbeddingLoss(input1, input2, target, margin, reduction);
  }

  /**
   * Margin ranking: {@code max(0, -y (x1 - x2) + margin)}. Shape: x1, x2, y the same shape.
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.margin_ranking_loss.html">torch.nn.functional.margin_ranking_loss</a>
   */
  public static Tensor marginRankingLoss(Tensor input1, Tensor input2, Tensor target, double margin,
                                         Reduction reduction) {
    return MarginLosses.marginRankingLoss(input1, input2, target, margin, reduction);
  }

  /**
   * Hinge embedding: x where y = 1, {@code max(0, margin - x)} where y = -1 (torch's default
   * margin 1). Shape: input and target the same shape.
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.hinge_embedding_loss.html">torch.nn.functional.hinge_embedding_loss</a>
   */
  public static Tensor hingeEmbeddingLoss(Tensor input, Tensor target, double margin, Reduction reduction) {
    return MarginLosses.hingeEmbeddingLoss(input, target, margin, reduction);
  }

  /**
   * Soft margin: {@code log(1 + exp(-y x))} (computed as torch, log1p(exp)). Shape: input and
   * target the same shape.
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.soft_margin_loss.html">torch.nn.functional.soft_margin_loss</a>
   */
  public static Tensor softMarginLoss(Tensor input, Tensor target, Reduction reduction) {
    return MarginLosses.softMarginLoss(input, target, reduction);
  }

  /**
   * Multi-label soft margin:
   * {@code l_n = -1/C sum_c w_c (y log sigmoid(x) + (1 - y) log sigmoid(-x))}.
   * Shape: input and target [N, C]; weight broadcastable to [N, C]; NONE output [N].
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.multilabel_soft_margin_loss.html">torch.nn.functional.multilabel_soft_margin_loss</a>
   */
  public static Tensor multilabelSoftMarginLoss(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
    return MarginLosses.multilabelSoftMarginLoss(input, target, weight, reduction);
  }

  /**
   * Multi-class margin: {@code l_n = 1/C sum_{i != y} w[y] max(0, margin - x[y] + x[i])^p},
   * p in {1, 2}. Shape: input [N, C] or [C]; target [N] or [] (INT64); NONE output [N].
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.multi_margin_loss.html">torch.nn.functional.multi_margin_loss</a>
   */
  public static Tensor multiMarginLoss(Tensor input, Tensor target, int p, double margin, Tensor weight,
                                       Reduction reduction) {
    return MarginLosses.multiMarginLoss(input, target, p, margin, weight, reduction);
  }

  /**
   * Multi-label margin: {@code l_n = 1/C sum_j sum_{i not a target} max(0, 1 - (x[y_j] - x[i]))}
   * over the target indices y_j before the first -1.
   * Shape: input [N, C] or [C]; target the same shape (INT64, -1 padded); NONE output [N].
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.multilabel_margin_loss.html">torch.nn.functional.multilabel_margin_loss</a>
   */
  public static Tensor multilabelMarginLoss(Tensor input, Tensor target, Reduction reduction) {
    return MarginLosses.multilabelMarginLoss(input, target, reduction);
  }

  /**
   * Triplet margin: {@code max(0, d(a, p) - d(a, n) + margin)} with
   * {@code d(u, v) = ||u - v + eps||_p}; swap uses {@code min(d(a, n), d(p, n))} ("Learning
   * shallow convolutional feature descriptors with triplet losses"). torch's defaults: margin 1,
   * p 2, eps 1e-6, swap false. Shape: anchor, positive, negative [N, D] or [D]; NONE output [N].
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.triplet_margin_loss.html">torch.nn.functional.triplet_margin_loss</a>
   */
  public static Tensor tripletMarginLoss(Tensor anchor, Tensor positive, Tensor negative, double margin, double p,
                                         double eps, boolean swap, Reduction reduction) {
    return MarginLosses.tripletMarginLoss(anchor, positive, negative, margin, p, eps, swap, reduction);
  }

  /**
   * Triplet margin with a caller-chosen distance (null: pairwise L2 distance):
   * {@code max(0, d(a, p) - d(a, n) + margin)}, margin > 0.
   * Shape: anchor, positive, negative [N, D] or [D]; distance returns [N] or [].
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.triplet_margin_with_distance_loss.html">torch.nn.functional.triplet_margin_with_distance_loss</a>
   */
  public static Tensor tripletMarginWithDistanceLoss(Tensor anchor, Tensor positive, Tensor negative,
                                                     BinaryOperator<Tensor> distanceFunction, double margin,
                                                     boolean swap, Reduction reduction) {
    return MarginLosses.tripletMarginWithDistanceLoss(anchor, positive, negative, distanceFunction, margin, swap,
        reduction, "tripletMarginWithDistanceLoss");
  }

  /**
   * CTC loss: {@code -log sum_{alignments a of y} prod_t p_t(a_t)} over the first
   * {@code inputLengths[n]} steps, by the log-space forward recursion ("Connectionist temporal
   * classification"). MEAN divides each loss by its target length (at least 1), then averages
   * over the batch, as torch. An impossible alignment gives +inf, or 0 with zeroInfinity; its
   * gradient is 0 in both cases (torch's is NaN without zeroInfinity).
   * Shape: logProbs [T, N, C] (log-softmax outputs); targets [N, S] padded or the N targets
   * concatenated (1-D, INT64, no blank); lengths [N]; NONE output [N].
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.ctc_loss.html">torch.nn.functional.ctc_loss</a>
   */
  public static Tensor ctcLoss(Tensor logProbs, Tensor targets, int[] inputLengths, int[] targetLengths, int blank,
                               Reduction reduction, boolean zeroInfinity) {
    return CtcLoss.compute(logProbs, targets, inputLengths, targetLengths, blank, reduction, zeroInfinity);
  }

  /** torch's {@code pairwise_distance}: {@code ||x1 - x2 + eps||_p} along the last dim. */
  public static Tensor pairwiseDistance(Tensor x1, Tensor x2, double p, double eps) {
    return MarginLosses.pairwiseDistance(x1, x2, p, eps);
  }

  // ---- short forms: the required tensors only, every other argument torch's default --------------
  // (checked against torch called the same way: tools/golden/gen_losses_defaults.py)

  /** {@code F.nll_loss(input, target)}: no weight, ignoreIndex -100, MEAN. */
  public static Tensor nllLoss(Tensor input, Tensor target) { return nllLoss(input, target, null, IGNORE_INDEX, Reduction.MEAN); }

  /** {@code F.binary_cross_entropy(input, target)}: no weight, MEAN. */
  public static Tensor binaryCrossEntropy(Tensor input, Tensor target) { return binaryCrossEntropy(input, target, null, Reduction.MEAN); }

  /** {@code F.binary_cross_entropy_with_logits(input, target)}: no weight or posWeight, MEAN. */
  public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) { return binaryCrossEntropyWithLogits(input, target, null, null, Reduction.MEAN); }

  /** {@code F.mse_loss(input, target)}: MEAN. */
  public static Tensor mseLoss(Tensor input, Tensor target) { return mseLoss(input, target, Reduction.MEAN); }

  /** {@code F.l1_loss(input, target)}: MEAN. */
  public static Tensor l1Loss(Tensor input, Tensor target) { return l1Loss(input, target, Reduction.MEAN); }

  /** {@code F.smooth_l1_loss(input, target)}: MEAN, beta 1. */
  public static Tensor smoothL1Loss(Tensor input, Tensor target) { return smoothL1Loss(input, target, Reduction.MEAN, 1.0); }

  /** {@code F.huber_loss(input, target)}: MEAN, delta 1. */
  public static Tensor huberLoss(Tensor input, Tensor target) { return huberLoss(input, target, Reduction.MEAN, 1.0); }

  /** {@code F.kl_div(input, target)}: MEAN over all elements (torch's default, see {@link #klDivBatchMean}), target as probabilities. */
  public static Tensor klDiv(Tensor input, Tensor target) { return klDiv(input, target, Reduction.MEAN, false); }

  /** {@code F.poisson_nll_loss(input, target)}: log input, no Stirling term, eps 1e-8, MEAN. */
  public static Tensor poissonNllLoss(Tensor input, Tensor target) { return poissonNllLoss(input, target, true, false, 1e-8, Reduction.MEAN); }

  /** {@code F.gaussian_nll_loss(input, target, var)}: no constant term, eps 1e-6, MEAN. */
  public static Tensor gaussianNllLoss(Tensor input, Tensor target, Tensor var) { return gaussianNllLoss(input, target, var, false, 1e-6, Reduction.MEAN); }

  /** {@code F.cosine_embedding_loss(input1, input2, target)}: margin 0, MEAN. */
  public static Tensor cosineEmbeddingLoss(Tensor input1, Tensor input2, Tensor target) { return cosineEmbeddingLoss(input1, input2, target, 0, Reduction.MEAN); }

  /** {@code F.margin_ranking_loss(input1, input2, target)}: margin 0, MEAN. */
  public static Tensor marginRankingLoss(Tensor input1, Tensor input2, Tensor target) { return marginRankingLoss(input1, input2, target, 0, Reduction.MEAN); }

  /** {@code F.hinge_embedding_loss(input, target)}: margin 1, MEAN. */
  public static Tensor hingeEmbeddingLoss(Tensor input, Tensor target) { return hingeEmbeddingLoss(input, target, 1.0, Reduction.MEAN); }

  /** {@code F.soft_margin_loss(input, target)}: MEAN. */
  public static Tensor softMarginLoss(Tensor input, Tensor target) { return softMarginLoss(input, target, Reduction.MEAN); }

  /** {@code F.multilabel_soft_margin_loss(input, target)}: no weight, MEAN. */
  public static Tensor multilabelSoftMarginLoss(Tensor input, Tensor target) { return multilabelSoftMarginLoss(input, target, null, Reduction.MEAN); }

  /** {@code F.multi_margin_loss(input, target)}: p 1, margin 1, no weight, MEAN. */
  public static Tensor multiMarginLoss(Tensor input, Tensor target) { return multiMarginLoss(input, target, 1, 1.0, null, Reduction.MEAN); }

  /** {@code F.multilabel_margin_loss(input, target)}: MEAN. */
  public static Tensor multilabelMarginLoss(Tensor input, Tensor target) { return multilabelMarginLoss(input, target, Reduction.MEAN); }

  /** {@code F.triplet_margin_loss(anchor, positive, negative)}: margin 1, p 2, eps 1e-6, no swap, MEAN. */
  public static Tensor tripletMarginLoss(Tensor anchor, Tensor positive, Tensor negative) { return tripletMarginLoss(anchor, positive, negative, 1.0, 2, 1e-6, false, Reduction.MEAN); }

  /** {@code F.triplet_margin_with_distance_loss(anchor, positive, negative)}: pairwise L2 distance, margin 1, no swap, MEAN. */
  public static Tensor tripletMarginWithDistanceLoss(Tensor anchor, Tensor positive, Tensor negative) { return tripletMarginWithDistanceLoss(anchor, positive, negative, null, 1.0, false, Reduction.MEAN); }

  /** {@code F.ctc_loss(logProbs, targets, inputLengths, targetLengths)}: blank 0, MEAN, zeroInfinity false. */
  public static Tensor ctcLoss(Tensor logProbs, Tensor targets, int[] inputLengths, int[] targetLengths) { return ctcLoss(logProbs, targets, inputLengths, targetLengths, 0, Reduction.MEAN, false); }

  /** {@code F.pairwise_distance(x1, x2)}: p 2, eps 1e-6. */
  public static Tensor pairwiseDistance(Tensor x1, Tensor x2) { return pairwiseDistance(x1, x2, 2, 1e-6); }
}
