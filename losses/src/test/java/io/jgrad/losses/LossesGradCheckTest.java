package io.jgrad.losses;

import static io.jgrad.losses.LossesPropertyTest.classes;
import static io.jgrad.losses.LossesPropertyTest.rand;
import static io.jgrad.losses.LossesPropertyTest.randn;
import static io.jgrad.losses.LossesPropertyTest.signs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.autograd.GradCheck;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Finite-difference gradcheck (float64, central differences, STYLE.md section 11) of every loss,
 * for NONE and MEAN, differentiating every floating input (weights and targets included, where
 * the composed loss is differentiable in them). Inputs are drawn away from the kinks.
 */
class LossesGradCheckTest {
  record Case(String name, List<Tensor> inputs, BiFunction<List<Tensor>, Reduction, Tensor> f) {}

  static List<Case> cases() {
    SplittableRandom r = new SplittableRandom(11);
    List<Case> l = new ArrayList<>();
    Tensor t = classes(r, 4, 3, 2).maskedFill(classes(r, 4, 3, 2).eq(0), -100);
    l.add(new Case("crossEntropy", List.of(randn(r, 3, 4, 2), t, rand(r, 0.5, 2, 4)),
        (in, red) -> Losses.crossEntropy(in.get(0), in.get(1), in.get(2), -100, red, 0.2)));
    l.add(new Case("crossEntropy probs", List.of(randn(r, 3, 4), randn(r, 3, 4).softmax(1), rand(r, 0.5, 2, 4)),
        (in, red) -> Losses.crossEntropy(in.get(0), in.get(1), in.get(2), -100, red, 0.1)));
    l.add(new Case("nllLoss", List.of(randn(r, 5, 3), classes(r, 3, 5), rand(r, 0.5, 2, 3)),
        (in, red) -> Losses.nllLoss(in.get(0), in.get(1), in.get(2), -100, red)));
    l.add(new Case("binaryCrossEntropy", List.of(rand(r, 0.1, 0.9, 6), rand(r, 0, 1, 6), rand(r, 0.5, 2, 6)),
        (in, red) -> Losses.binaryCrossEntropy(in.get(0), in.get(1), in.get(2), red)));
    l.add(new Case("binaryCrossEntropyWithLogits", List.of(randn(r, 2, 3), rand(r, 0, 1, 2, 3), rand(r, 0.5, 2, 3),
        rand(r, 0.5, 3, 3)), (in, red) -> Losses.binaryCrossEntropyWithLogits(in.get(0), in.get(1), in.get(2), in.get(3), red)));
    Tensor x = randn(r, 2, 5), y = randn(r, 2, 5);
    l.add(new Case("mseLoss", List.of(x, y), (in, red) -> Losses.mseLoss(in.get(0), in.get(1), red)));
    l.add(new Case("l1Loss", List.of(x, y), (in, red) -> Losses.l1Loss(in.get(0), in.get(1), red)));
    l.add(new Case("smoothL1Loss", List.of(x, y), (in, red) -> Losses.smoothL1Loss(in.get(0), in.get(1), red, 0.8)));
    l.add(new Case("huberLoss", List.of(x, y), (in, red) -> Losses.huberLoss(in.get(0), in.get(1), red, 0.8)));
    l.add(new Case("klDiv", List.of(x.logSoftmax(1), rand(r, 0.1, 1, 2, 5)), (in, red) -> Losses.klDiv(in.get(0), in.get(1), red, false)));
    l.add(new Case("klDiv logTarget", List.of(x, y), (in, red) -> Losses.klDiv(in.get(0), in.get(1), red, true)));
    l.add(new Case("poissonNllLoss", List.of(rand(r, 0.5, 3, 6), rand(r, 0, 4, 6)),
        (in, red) -> Losses.poissonNllLoss(in.get(0), in.get(1), false, true, 1e-8, red)));
    l.add(new Case("gaussianNllLoss", List.of(x, y, rand(r, 0.2, 2, 2)),
        (in, red) -> Losses.gaussianNllLoss(in.get(0), in.get(1), in.get(2), true, 1e-6, red)));
    Tensor a = randn(r, 4, 3), b = randn(r, 4, 3), c = randn(r, 4, 3);
    // +-1 targets are compared with == 1 / == -1: constants, not perturbed inputs
    Tensor s4 = signs(r, 4), s43 = signs(r, 4, 3);
    l.add(new Case("cosineEmbeddingLoss", List.of(a, b),
        (in, red) -> Losses.cosineEmbeddingLoss(in.get(0), in.get(1), s4, -0.5, red)));
    l.add(new Case("marginRankingLoss", List.of(a, b, signs(r, 4, 3)),
        (in, red) -> Losses.marginRankingLoss(in.get(0), in.get(1), in.get(2), 0.3, red)));
    l.add(new Case("hingeEmbeddingLoss", List.of(a), (in, red) -> Losses.hingeEmbeddingLoss(in.get(0), s43, 1.0, red)));
    l.add(new Case("softMarginLoss", List.of(a, signs(r, 4, 3)), (in, red) -> Losses.softMarginLoss(in.get(0), in.get(1), red)));
    l.add(new Case("multilabelSoftMarginLoss", List.of(a, rand(r, 0, 1, 4, 3), rand(r, 0.5, 2, 3)),
        (in, red) -> Losses.multilabelSoftMarginLoss(in.get(0), in.get(1), in.get(2), red)));
    l.add(new Case("multiMarginLoss", List.of(a, classes(r, 3, 4), rand(r, 0.5, 2, 3)),
        (in, red) -> Losses.multiMarginLoss(in.get(0), in.get(1), 2, 0.9, in.get(2), red)));
    l.add(new Case("multilabelMarginLoss", List.of(a, Tensor.fromArray(new long[] {2, -1, 0, 0, 1, 2, 1, 0, -1, 2, 2, 1}, 4, 3)),
        (in, red) -> Losses.multilabelMarginLoss(in.get(0), in.get(1), red)));
    l.add(new Case("tripletMarginLoss", List.of(a, b, c),
        (in, red) -> Losses.tripletMarginLoss(in.get(0), in.get(1), in.get(2), 2.0, 2, 1e-6, true, red)));
    l.add(new Case("tripletMarginWithDistanceLoss", List.of(a, b, c),
        (in, red) -> Losses.tripletMarginWithDistanceLoss(in.get(0), in.get(1), in.get(2),
            (u, v) -> u.sub(v).abs().sum(-1), 3.0, false, red)));
    l.add(new Case("ctcLoss", List.of(randn(r, 5, 2, 3), Tensor.fromArray(new long[] {1, 1, 2, 0}, 2, 2)),
        (in, red) -> Losses.ctcLoss(in.get(0).logSoftmax(2), in.get(1), new int[] {5, 4}, new int[] {2, 1}, 0, red, false)));
    return l;
  }

  @TestFactory
  Stream<DynamicTest> gradcheck() {
    List<Case> all = cases();
    int[] ran = {0};
    Stream<DynamicTest> tests = all.stream().flatMap(k -> Stream.of(Reduction.NONE, Reduction.MEAN).map(red ->
        DynamicTest.dynamicTest(k.name() + " " + red, () -> {
          GradCheck.Result res = GradCheck.check(in -> k.f().apply(in, red), k.inputs());
          assertTrue(res.comparisons() > 0, "compared nothing");
          ran[0]++;
        })));
    return Stream.concat(tests, Stream.of(DynamicTest.dynamicTest("all cases ran", () -> assertEquals(46, ran[0]))));
  }
}
