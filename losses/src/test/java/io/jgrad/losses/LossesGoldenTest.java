package io.jgrad.losses;

import io.jgrad.autograd.GradGolden;
import io.jgrad.tensor.Golden;
import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Values and gradients of every loss against PyTorch 1.13 (tools/golden/gen_losses.py). */
class LossesGoldenTest {
  static final int MIN_CASES = 760;

  static Reduction red(GoldenCase c) {
    return Reduction.valueOf(c.stringArg("reduction").toUpperCase());
  }

  /** The optional tensor at position k of the inputs when flag is set, else null. */
  static Tensor opt(GoldenCase c, List<Tensor> in, String flag, int k) {
    return c.boolArg(flag, false) ? in.get(k) : null;
  }

  static Tensor cosineDistance(Tensor u, Tensor v) {
    Tensor w = u.mul(u).sum(-1).mul(v.mul(v).sum(-1)).clampMin(1e-16).sqrt();
    return u.mul(v).sum(-1).div(w).neg().add(1);
  }

  @TestFactory
  Stream<DynamicTest> golden() {
    Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> ops = new HashMap<>();
    ops.put("crossEntropy", (c, in) -> Losses.crossEntropy(in.get(0), in.get(1), opt(c, in, "has_weight", 2),
        c.intArg("ignore_index"), red(c), c.doubleArg("label_smoothing")));
    ops.put("nllLoss", (c, in) -> Losses.nllLoss(in.get(0), in.get(1), opt(c, in, "has_weight", 2),
        c.intArg("ignore_index"), red(c)));
    ops.put("binaryCrossEntropy", (c, in) -> Losses.binaryCrossEntropy(in.get(0), in.get(1),
        opt(c, in, "has_weight", 2), red(c)));
    ops.put("binaryCrossEntropyWithLogits", (c, in) -> {
      Tensor w = opt(c, in, "has_weight", 2);
      Tensor pw = opt(c, in, "has_pos_weight", w == null ? 2 : 3);
      return Losses.binaryCrossEntropyWithLogits(in.get(0), in.get(1), w, pw, red(c));
    });
    ops.put("mseLoss", (c, in) -> Losses.mseLoss(in.get(0), in.get(1), red(c)));
    ops.put("l1Loss", (c, in) -> Losses.l1Loss(in.get(0), in.get(1), red(c)));
    ops.put("smoothL1Loss", (c, in) -> Losses.smoothL1Loss(in.get(0), in.get(1), red(c), c.doubleArg("beta")));
    ops.put("huberLoss", (c, in) -> Losses.huberLoss(in.get(0), in.get(1), red(c), c.doubleArg("delta")));
    ops.put("klDiv", (c, in) -> c.stringArg("reduction").equals("batchmean")
        ? Losses.klDivBatchMean(in.get(0), in.get(1), c.boolArg("log_target"))
        : Losses.klDiv(in.get(0), in.get(1), red(c), c.boolArg("log_target")));
    ops.put("poissonNllLoss", (c, in) -> Losses.poissonNllLoss(in.get(0), in.get(1), c.boolArg("log_input"),
        c.boolArg("full"), c.doubleArg("eps"), red(c)));
    ops.put("gaussianNllLoss", (c, in) -> Losses.gaussianNllLoss(in.get(0), in.get(1), in.get(2),
        c.boolArg("full"), c.doubleArg("eps"), red(c)));
    ops.put("cosineEmbeddingLoss", (c, in) -> Losses.cosineEmbeddingLoss(in.get(0), in.get(1), in.get(2),
        c.doubleArg("margin"), red(c)));
    ops.put("marginRankingLoss", (c, in) -> Losses.marginRankingLoss(in.get(0), in.get(1), in.get(2),
        c.doubleArg("margin"), red(c)));
    ops.put("hingeEmbeddingLoss", (c, in) -> Losses.hingeEmbeddingLoss(in.get(0), in.get(1), c.doubleArg("margin"),
        red(c)));
    ops.put("softMarginLoss", (c, in) -> Losses.softMarginLoss(in.get(0), in.get(1), red(c)));
    ops.put("multilabelSoftMarginLoss", (c, in) -> Losses.multilabelSoftMarginLoss(in.get(0), in.get(1),
        opt(c, in, "has_weight", 2), red(c)));
    ops.put("multiMarginLoss", (c, in) -> Losses.multiMarginLoss(in.get(0), in.get(1), c.intArg("p"),
        c.doubleArg("margin"), opt(c, in, "has_weight", 2), red(c)));
    ops.put("multilabelMarginLoss", (c, in) -> Losses.multilabelMarginLoss(in.get(0), in.get(1), red(c)));
    ops.put("tripletMarginLoss", (c, in) -> Losses.tripletMarginLoss(in.get(0), in.get(1), in.get(2),
        c.doubleArg("margin"), c.doubleArg("p"), c.doubleArg("eps"), c.boolArg("swap"), red(c)));
    ops.put("tripletMarginWithDistanceLoss", (c, in) -> {
      BinaryOperator<Tensor> d = c.stringArg("distance").equals("cosine") ? LossesGoldenTest::cosineDistance : null;
      return Losses.tripletMarginWithDistanceLoss(in.get(0), in.get(1), in.get(2), d, c.doubleArg("margin"),
          c.boolArg("swap"), red(c));
    });
    ops.put("ctcLoss", (c, in) -> Losses.ctcLoss(in.get(0).logSoftmax(2), in.get(1), c.intsArg("input_lengths"),
        c.intsArg("target_lengths"), c.intArg("blank"), red(c), c.boolArg("zero_infinity")));
    return GradGolden.run("grad_losses", ops, MIN_CASES);
  }

  /**
   * Forward-only cases: BCE at probabilities 0 and 1 (torch's hand-written gradient uses a
   * different clamp there) and CTC with an impossible alignment (+inf loss: torch's gradient is
   * NaN, jgrad's is 0).
   */
  @TestFactory
  Stream<DynamicTest> values() {
    return Golden.run("losses_values", Map.of(
        "binaryCrossEntropy", c -> List.of(Losses.binaryCrossEntropy(c.input(0), c.input(1), null, red(c))),
        "ctcLoss", c -> List.of(Losses.ctcLoss(c.input(0), c.input(1), c.intsArg("input_lengths"),
            c.intsArg("target_lengths"), c.intArg("blank"), red(c), c.boolArg("zero_infinity")))), 6);
  }
}
