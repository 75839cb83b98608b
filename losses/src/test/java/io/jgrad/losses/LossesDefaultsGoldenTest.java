package io.jgrad.losses;

import io.jgrad.autograd.GradGolden;
import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The short forms of every classic loss ({@code Losses.mseLoss(input, target)}, ...) against
 * torch.nn.functional called with the same tensors and nothing else (values and gradients,
 * tools/golden/gen_losses_defaults.py): torch's defaults, as torch applies them.
 */
class LossesDefaultsGoldenTest {
  static final int MIN_CASES = 44;

  @TestFactory
  Stream<DynamicTest> golden() {
    Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> ops = new HashMap<>();
    ops.put("crossEntropy", (c, in) -> Losses.crossEntropy(in.get(0), in.get(1)));
    ops.put("nllLoss", (c, in) -> Losses.nllLoss(in.get(0), in.get(1)));
    ops.put("binaryCrossEntropy", (c, in) -> Losses.binaryCrossEntropy(in.get(0), in.get(1)));
    ops.put("binaryCrossEntropyWithLogits", (c, in) -> Losses.binaryCrossEntropyWithLogits(in.get(0), in.get(1)));
    ops.put("mseLoss", (c, in) -> Losses.mseLoss(in.get(0), in.get(1)));
    ops.put("l1Loss", (c, in) -> Losses.l1Loss(in.get(0), in.get(1)));
    ops.put("smoothL1Loss", (c, in) -> Losses.smoothL1Loss(in.get(0), in.get(1)));
    ops.put("huberLoss", (c, in) -> Losses.huberLoss(in.get(0), in.get(1)));
    ops.put("klDiv", (c, in) -> Losses.klDiv(in.get(0), in.get(1)));
    ops.put("poissonNllLoss", (c, in) -> Losses.poissonNllLoss(in.get(0), in.get(1)));
    ops.put("gaussianNllLoss", (c, in) -> Losses.gaussianNllLoss(in.get(0), in.get(1), in.get(2)));
    ops.put("cosineEmbeddingLoss", (c, in) -> Losses.cosineEmbeddingLoss(in.get(0), in.get(1), in.get(2)));
    ops.put("marginRankingLoss", (c, in) -> Losses.marginRankingLoss(in.get(0), in.get(1), in.get(2)));
    ops.put("hingeEmbeddingLoss", (c, in) -> Losses.hingeEmbeddingLoss(in.get(0), in.get(1)));
    ops.put("softMarginLoss", (c, in) -> Losses.softMarginLoss(in.get(0), in.get(1)));
    ops.put("multilabelSoftMarginLoss", (c, in) -> Losses.multilabelSoftMarginLoss(in.get(0), in.get(1)));
    ops.put("multiMarginLoss", (c, in) -> Losses.multiMarginLoss(in.get(0), in.get(1)));
    ops.put("multilabelMarginLoss", (c, in) -> Losses.multilabelMarginLoss(in.get(0), in.get(1)));
    ops.put("tripletMarginLoss", (c, in) -> Losses.tripletMarginLoss(in.get(0), in.get(1), in.get(2)));
    ops.put("tripletMarginWithDistanceLoss", (c, in) -> Losses.tripletMarginWithDistanceLoss(in.get(0), in.get(1), in.get(2)));
    ops.put("pairwiseDistance", (c, in) -> Losses.pairwiseDistance(in.get(0), in.get(1)));
    ops.put("ctcLoss", (c, in) -> Losses.ctcLoss(in.get(0).logSoftmax(2), in.get(1), c.intsArg("input_lengths"),
        c.intsArg("target_lengths")));
    return GradGolden.run("grad_losses_defaults", ops, MIN_CASES);
  }
}
