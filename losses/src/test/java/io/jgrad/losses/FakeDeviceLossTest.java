package io.jgrad.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.losses.testing.DeviceRuns;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every public static function of {@link Losses} (each overload, found by reflection) on the fake
 * device against the CPU: loss value and the gradient of every floating input.
 */
class FakeDeviceLossTest {
  /** Seeded inputs; floating ones get requiresGrad on the device under test. */
  private static Map<String, Tensor> inputs() {
    Generator g = new Generator(21);
    Map<String, Tensor> in = new LinkedHashMap<>();
    in.put("x", Tensor.randn(g, 4, 5));
    in.put("x2", Tensor.randn(g, 4, 5));
    in.put("x3", Tensor.randn(g, 4, 5));
    in.put("v", Tensor.randn(g, 4));
    in.put("v2", Tensor.randn(g, 4));
    in.put("w", Tensor.rand(g, 5).add(0.5));
    in.put("p", Tensor.rand(g, 4, 5).mul(0.9).add(0.05));
    in.put("lp", Tensor.randn(g, 6, 2, 4).logSoftmax(2));
    in.put("cls", Tensor.of(new long[] {1, 2, 4, 0}));
    in.put("sign", Tensor.of(1f, -1f, -1f, 1f));
    in.put("signs", Tensor.rand(g, 4, 5).gt(0.5).to(DType.FLOAT32).mul(2).sub(1));
    in.put("multi", Tensor.of(new long[] {3, 1, -1, 0, 0, 4, -1, 2, 2, 2, 0, 1, 3, 4, -1, 1, -1, 0, 0, 0}).reshape(4, 5));
    in.put("ctc", Tensor.of(new long[] {1, 2, 3, 3, 1, 0}).reshape(2, 3));
    return in;
  }

  private static Map<String, Function<Map<String, Tensor>, Tensor>> cases() {
    Map<String, Function<Map<String, Tensor>, Tensor>> c = new LinkedHashMap<>();
    c.put("crossEntropy/6", t -> Losses.crossEntropy(t.get("x"), t.get("cls"), t.get("w"), 2, Reduction.MEAN, 0.1));
    c.put("crossEntropy/2", t -> Losses.crossEntropy(t.get("x"), t.get("cls")));
    c.put("nllLoss/5", t -> Losses.nllLoss(t.get("x").logSoftmax(1), t.get("cls"), t.get("w"), 4, Reduction.SUM));
    c.put("binaryCrossEntropy/4", t -> Losses.binaryCrossEntropy(t.get("x").sigmoid(), t.get("p"), t.get("w"), Reduction.MEAN));
    c.put("binaryCrossEntropyWithLogits/5", t -> Losses.binaryCrossEntropyWithLogits(t.get("x"), t.get("p"), t.get("w"),
        t.get("w").flip(0), Reduction.MEAN));
    c.put("mseLoss/3", t -> Losses.mseLoss(t.get("x"), t.get("x2"), Reduction.MEAN));
    c.put("l1Loss/3", t -> Losses.l1Loss(t.get("x"), t.get("x2"), Reduction.NONE));
    c.put("smoothL1Loss/4", t -> Losses.smoothL1Loss(t.get("x"), t.get("x2"), Reduction.MEAN, 0.5));
    c.put("huberLoss/4", t -> Losses.huberLoss(t.get("x"), t.get("x2"), Reduction.SUM, 0.7));
    c.put("klDiv/4", t -> Losses.klDiv(t.get("x").logSoftmax(1), t.get("x2").softmax(1), Reduction.MEAN, false));
    c.put("klDivBatchMean/3", t -> Losses.klDivBatchMean(t.get("x").logSoftmax(1), t.get("x2").logSoftmax(1), true));
    c.put("poissonNllLoss/6", t -> Losses.poissonNllLoss(t.get("x"), t.get("p").mul(3), true, true, 1e-8, Reduction.MEAN));
    c.put("gaussianNllLoss/6", t -> Losses.gaussianNllLoss(t.get("x"), t.get("x2"), t.get("p"), true, 1e-6, Reduction.MEAN));
    c.put("cosineEmbeddingLoss/5", t -> Losses.cosineEmbeddingLoss(t.get("x"), t.get("x2"), t.get("sign"), 0.2, Reduction.MEAN));
    c.put("marginRankingLoss/5", t -> Losses.marginRankingLoss(t.get("v"), t.get("v2"), t.get("sign"), 0.1, Reduction.MEAN));
    c.put("hingeEmbeddingLoss/4", t -> Losses.hingeEmbeddingLoss(t.get("x"), t.get("signs"), 1.0, Reduction.MEAN));
    c.put("softMarginLoss/3", t -> Losses.softMarginLoss(t.get("x"), t.get("signs"), Reduction.MEAN));
    c.put("multilabelSoftMarginLoss/4", t -> Losses.multilabelSoftMarginLoss(t.get("x"), t.get("p").gt(0.5).to(DType.FLOAT32),
        t.get("w"), Reduction.MEAN));
    c.put("multiMarginLoss/6", t -> Losses.multiMarginLoss(t.get("x"), t.get("cls"), 2, 1.0, t.get("w"), Reduction.MEAN));
    c.put("multilabelMarginLoss/3", t -> Losses.multilabelMarginLoss(t.get("x"), t.get("multi"), Reduction.MEAN));
    c.put("tripletMarginLoss/8", t -> Losses.tripletMarginLoss(t.get("x"), t.get("x2"), t.get("x3"), 1.0, 2, 1e-6, true,
        Reduction.MEAN));
    c.put("tripletMarginWithDistanceLoss/7", t -> Losses.tripletMarginWithDistanceLoss(t.get("x"), t.get("x2"), t.get("x3"),
        (a, b) -> Losses.pairwiseDistance(a, b, 1, 1e-6), 1.0, true, Reduction.SUM));
    c.put("ctcLoss/7", t -> Losses.ctcLoss(t.get("lp"), t.get("ctc"), new int[] {6, 5}, new int[] {3, 2}, 0, Reduction.MEAN,
        false));
    c.put("pairwiseDistance/4", t -> Losses.pairwiseDistance(t.get("x"), t.get("x2"), 3, 1e-6));
    // the short forms with torch's defaults
    c.put("nllLoss/2", t -> Losses.nllLoss(t.get("x").logSoftmax(1), t.get("cls")));
    c.put("binaryCrossEntropy/2", t -> Losses.binaryCrossEntropy(t.get("x").sigmoid(), t.get("p")));
    c.put("binaryCrossEntropyWithLogits/2", t -> Losses.binaryCrossEntropyWithLogits(t.get("x"), t.get("p")));
    c.put("mseLoss/2", t -> Losses.mseLoss(t.get("x"), t.get("x2")));
    c.put("l1Loss/2", t -> Losses.l1Loss(t.get("x"), t.get("x2")));
    c.put("smoothL1Loss/2", t -> Losses.smoothL1Loss(t.get("x"), t.get("x2")));
    c.put("huberLoss/2", t -> Losses.huberLoss(t.get("x").mul(2), t.get("x2")));
    c.put("klDiv/2", t -> Losses.klDiv(t.get("x").logSoftmax(1), t.get("x2").softmax(1)));
    c.put("poissonNllLoss/2", t -> Losses.poissonNllLoss(t.get("x"), t.get("p").mul(3)));
    c.put("gaussianNllLoss/3", t -> Losses.gaussianNllLoss(t.get("x"), t.get("x2"), t.get("p")));
    c.put("cosineEmbeddingLoss/3", t -> Losses.cosineEmbeddingLoss(t.get("x"), t.get("x2"), t.get("sign")));
    c.put("marginRankingLoss/3", t -> Losses.marginRankingLoss(t.get("v"), t.get("v2"), t.get("sign")));
    c.put("hingeEmbeddingLoss/2", t -> Losses.hingeEmbeddingLoss(t.get("x"), t.get("signs")));
    c.put("softMarginLoss/2", t -> Losses.softMarginLoss(t.get("x"), t.get("signs")));
    c.put("multilabelSoftMarginLoss/2", t -> Losses.multilabelSoftMarginLoss(t.get("x"), t.get("p").gt(0.5).to(DType.FLOAT32)));
    c.put("multiMarginLoss/2", t -> Losses.multiMarginLoss(t.get("x"), t.get("cls")));
    c.put("multilabelMarginLoss/2", t -> Losses.multilabelMarginLoss(t.get("x"), t.get("multi")));
    c.put("tripletMarginLoss/3", t -> Losses.tripletMarginLoss(t.get("x"), t.get("x2"), t.get("x3")));
    c.put("tripletMarginWithDistanceLoss/3", t -> Losses.tripletMarginWithDistanceLoss(t.get("x"), t.get("x2"), t.get("x3")));
    c.put("ctcLoss/4", t -> Losses.ctcLoss(t.get("lp"), t.get("ctc"), new int[] {6, 5}, new int[] {3, 2}));
    c.put("pairwiseDistance/2", t -> Losses.pairwiseDistance(t.get("x"), t.get("x2")));
    return c;
  }

  @TestFactory
  Stream<DynamicTest> everyLossMatchesTheCpu() {
    return DeviceRuns.matchTheCpu(cases(), FakeDeviceLossTest::inputs, "loss", 1e-6).stream();
  }

  @Test
  void everyPublicLossFunctionHasACase() {
    TreeSet<String> found = new TreeSet<>();
    for (Method m : Losses.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()) && m.getReturnType() == Tensor.class) {
        found.add(m.getName() + "/" + m.getParameterCount());
      }
    }
    assertEquals(45, found.size(), found.toString());
    assertEquals(found, new TreeSet<>(cases().keySet()));
  }
}
