package io.jgrad.losses;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.function.BinaryOperator;

/**
 * Margin and embedding losses (cosine embedding, margin ranking, hinge embedding, soft margin,
 * multi-label soft margin, multi-class margin, multi-label margin, triplet), composed from
 * differentiable tensor ops. max(0, z) is {@code relu} so the kink gets torch's zero gradient.
 * Reached through {@link Losses}.
 */
final class MarginLosses {
  private MarginLosses() {}

  static Tensor cosineEmbeddingLoss(Tensor x1, Tensor x2, Tensor y, double margin, Reduction reduction) {
    String op = "cosineEmbeddingLoss";
    Check.notNull(op, "input1", x1, "input2", x2, "target", y, "reduction", reduction);
    Check.sameShape(op, x1, "input1", x2, "input2");
    if (x1.dim() != 1 && x1.dim() != 2) {
      throw new IllegalArgumentException(op + ": input " + Check.shape(x1) + " must be 1-D or 2-D");
    }
    int expect = x1.dim() == 2 ? 1 : 0;
    if (y.dim() != expect || (expect == 1 && y.size(0) != x1.size(0))) {
      throw new IllegalArgumentException(op + ": target " + Check.shape(y) + " does not match input "
          + Check.shape(x1));
    }
    int d = x1.dim() - 1;
    final double tiny = 1e-12; // torch's EPSILON added to each squared magnitude
    Tensor prod = x1.mul(x2).sum(d);
    Tensor m1 = x1.mul(x1).sum(d).add(tiny);
    Tensor m2 = x2.mul(x2).sum(d).add(tiny);
    Tensor cos = prod.div(m1.mul(m2).sqrt());
    Tensor pos = Tensor.where(y.eq(1), cos.neg().add(1), 0.0);
    Tensor neg = Tensor.where(y.eq(-1), cos.sub(margin).relu(), 0.0);
    return Check.reduce(pos.add(neg), reduction);
  }

  static Tensor marginRankingLoss(Tensor x1, Tensor x2, Tensor y, double margin, Reduction reduction) {
    String op = "marginRankingLoss";
    Check.notNull(op, "input1", x1, "input2", x2, "target", y, "reduction", reduction);
    Check.sameShape(op, x1, "input1", x2, "input2");
    Check.sameShape(op, x1, "input1", y, "target");
    return Check.reduce(y.neg().mul(x1.sub(x2)).add(margin).relu(), reduction);
  }

  static Tensor hingeEmbeddingLoss(Tensor x, Tensor y, double margin, Reduction reduction) {
    String op = "hingeEmbeddingLoss";
    Check.notNull(op, "input", x, "target", y, "reduction", reduction);
    Check.sameShape(op, x, "input", y, "target");
    Tensor marginPart = Tensor.where(y.ne(1), x.neg().add(margin).relu(), 0.0);
    Tensor selfPart = Tensor.where(y.ne(-1), x, 0.0);
    return Check.reduce(marginPart.add(selfPart), reduction);
  }

  static Tensor softMarginLoss(Tensor x, Tensor y, Reduction reduction) {
    String op = "softMarginLoss";
    Check.notNull(op, "input", x, "target", y, "reduction", reduction);
    Check.sameShape(op, x, "input", y, "target");
    // log(1 + e^(-y x)) = -logSigmoid(y x): finite for any x (log1p(exp(1e4)) overflowed to +inf).
    return Check.reduce(x.mul(y).logSigmoid().neg(), reduction);
  }

  static Tensor multilabelSoftMarginLoss(Tensor x, Tensor y, Tensor weight, Reduction reduction) {
    String op = "multilabelSoftMarginLoss";
    Check.notNull(op, "input", x, "target", y, "reduction", reduction);
    Check.sameShape(op, x, "input", y, "target");
    if (x.dim() == 0) throw new IllegalArgumentException(op + ": input must have at least 1 dim");
    Tensor loss = y.mul(x.logSigmoid()).add(y.neg().add(1).mul(x.neg().logSigmoid())).neg();
    if (weight != null) loss = loss.mul(weight);
    int cd = x.dim() - 1;
    loss = loss.sum(cd).div(x.size(cd));
    return Check.reduce(loss, reduction);
  }

  static Tensor multiMarginLoss(Tensor x, Tensor y, int p, double margin, Tensor weight, Reduction reduction) {
    String op = "multiMarginLoss";
    Check.notNull(op, "input", x, "target", y, "reduction", reduction);
    if (p != 1 && p != 2) throw new IllegalArgumentException(op + ": only p == 1 and p == 2 supported, got " + p);
    Check.floating(op, "input", x);
    Check.integral(op, "target", y);
    boolean single = x.dim() == 1;
    if (single) {
      x = x.unsqueeze(0);
      y = y.reshape(1);
    }
    if (x.dim() != 2 || y.dim() != 1 || y.size(0) != x.size(0)) {
      throw new IllegalArgumentException(op + ": input " + Check.shape(x) + " and target " + Check.shape(y)
          + " have inconsistent shapes (expected [N, C] and [N])");
    }
    int c = x.size(1);
    if (weight != null && (weight.dim() != 1 || weight.size(0) != c)) {
      throw new IllegalArgumentException(op + ": weight " + Check.shape(weight) + " must have shape [" + c + "]");
    }
    for (long t : y.toLongArray()) {
      if (t < 0 || t >= c) throw new IllegalArgumentException(op + ": target class " + t + " out of range for " + c + " classes");
    }
    Tensor yi = y.to(DType.INT64).unsqueeze(1);
    Tensor z = x.sub(x.gather(1, yi)).add(margin).relu();
    if (p == 2) z = z.mul(z);
    if (weight != null) z = z.mul(weight.to(x.dtype()).indexSelect(0, yi.flatten()).unsqueeze(1));
    Tensor notTarget = Tensor.zerosLike(x).scatter(1, yi, 1.0).neg().add(1);
    Tensor loss = z.mul(notTarget).sum(1).div(c);
    if (single && reduction == Reduction.NONE) return loss.squeeze(0);
    return Check.reduce(loss, reduction);
  }

  static Tensor multilabelMarginLoss(Tensor x, Tensor y, Reduction reduction) {
    String op = "multilabelMarginLoss";
    Check.notNull(op, "input", x, "target", y, "reduction", reduction);
    Check.floating(op, "input", x);
    Check.integral(op, "target", y);
    Check.sameShape(op, x, "input", y, "target");
    boolean single = x.dim() == 1;
    if (single) {
      x = x.unsqueeze(0);
      y = y.unsqueeze(0);
    }
    if (x.dim() != 2) throw new IllegalArgumentException(op + ": input " + Check.shape(x) + " must be 1-D or 2-D");
    int n = x.size(0), c = x.size(1);
    long[] t = y.toLongArray();
    double[] valid = new double[n * c];
    double[] isTarget = new double[n * c];
    long[] safe = new long[n * c];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < c; j++) {
        long v = t[i * c + j];
        if (v < 0) break; // the target list ends at the first negative index
        if (v >= c) throw new IllegalArgumentException(op + ": target class " + v + " out of range for " + c + " classes");
        valid[i * c + j] = 1;
        isTarget[i * c + (int) v] = 1;
        safe[i * c + j] = v;
      }
    }
    // The target lists were read on the host; their masks go back to x's device.
    Tensor validT = Tensor.fromArray(valid, n, c).to(x.dtype()).to(x.device());
    Tensor notTarget = Tensor.fromArray(isTarget, n, c).to(x.dtype()).to(x.device()).neg().add(1);
    Tensor xt = x.gather(1, Tensor.fromArray(safe, n, c).to(x.device()));
    // pair (target slot j, class i): max(0, 1 - (x[y_j] - x[i])) over valid j and non-target i
    Tensor z = x.unsqueeze(1).sub(xt.unsqueeze(2)).add(1).relu()
        .mul(validT.unsqueeze(2)).mul(notTarget.unsqueeze(1));
    Tensor loss = z.sum(new int[] {1, 2}, false).div(c);
    if (single && reduction == Reduction.NONE) return loss.squeeze(0);
    return Check.reduce(loss, reduction);
  }

  /** torch's pairwise_distance: ||a - b + eps||_p along the last dim. */
  static Tensor pairwiseDistance(Tensor a, Tensor b, double p, double eps) {
    return a.sub(b).add(eps).norm(p, new int[] {-1}, false);
  }

  static Tensor tripletMarginLoss(Tensor anchor, Tensor positive, Tensor negative, double margin, double p,
                                  double eps, boolean swap, Reduction reduction) {
    return tripletMarginWithDistanceLoss(anchor, positive, negative, (a, b) -> pairwiseDistance(a, b, p, eps),
        margin, swap, reduction, "tripletMarginLoss");
  }

  static Tensor tripletMarginWithDistanceLoss(Tensor anchor, Tensor positive, Tensor negative,
                                              BinaryOperator<Tensor> distance, double margin, boolean swap,
                                              Reduction reduction, String op) {
    Check.notNull(op, "anchor", anchor, "positive", positive, "negative", negative, "reduction", reduction);
    Check.sameShape(op, anchor, "anchor", positive, "positive");
    Check.sameShape(op, anchor, "anchor", negative, "negative");
    if (anchor.dim() != 1 && anchor.dim() != 2) {
      throw new IllegalArgumentException(op + ": anchor " + Check.shape(anchor) + " must be 1-D or 2-D");
    }
    if (!(margin > 0) && op.equals("tripletMarginWithDistanceLoss")) {
      throw new IllegalArgumentException(op + ": margin " + margin + " must be > 0");
    }
    if (distance == null) distance = (a, b) -> pairwiseDistance(a, b, 2, 1e-6);
    Tensor dPos = distance.apply(anchor, positive);
    Tensor dNeg = distance.apply(anchor, negative);
    if (swap) dNeg = dNeg.minimum(distance.apply(positive, negative));
    return Check.reduce(dPos.sub(dNeg).add(margin).relu(), reduction);
  }
}
