package io.jgrad.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Reduction properties: SUM == NONE.sum(), MEAN == SUM / n (torch's weighted mean with weights). */
class LossesPropertyTest {
  static final int SEEDS = 5;

  static Tensor randn(SplittableRandom r, int... shape) {
    int n = 1;
    for (int s : shape) n *= s;
    double[] d = new double[n];
    for (int i = 0; i < n; i++) d[i] = r.nextGaussian();
    return Tensor.fromArray(d, shape);
  }

  static Tensor rand(SplittableRandom r, double lo, double hi, int... shape) {
    return randn(r, shape).sigmoid().mul(hi - lo).add(lo);
  }

  static Tensor classes(SplittableRandom r, int c, int... shape) {
    int n = 1;
    for (int s : shape) n *= s;
    long[] d = new long[n];
    for (int i = 0; i < n; i++) d[i] = r.nextInt(c);
    return Tensor.fromArray(d, shape);
  }

  static Tensor signs(SplittableRandom r, int... shape) {
    return randn(r, shape).sign();
  }

  /** Each loss as a function of the reduction, on inputs drawn from one seed. */
  static Map<String, Function<Reduction, Tensor>> catalogue(SplittableRandom r) {
    Map<String, Function<Reduction, Tensor>> m = new LinkedHashMap<>();
    Tensor x = randn(r, 4, 3, 2), y = randn(r, 4, 3, 2), p = rand(r, 0.05, 0.95, 4, 3, 2);
    Tensor t = classes(r, 3, 4, 2), w = rand(r, 0.5, 1.5, 3), pw = rand(r, 0.5, 3, 2);
    m.put("crossEntropy", red -> Losses.crossEntropy(x, t, null, -100, red, 0));
    m.put("crossEntropy probs", red -> Losses.crossEntropy(x, y.softmax(1), null, -100, red, 0.1));
    m.put("nllLoss", red -> Losses.nllLoss(x.logSoftmax(1), t, null, -100, red));
    m.put("binaryCrossEntropy", red -> Losses.binaryCrossEntropy(p, p.mul(p), null, red));
    m.put("binaryCrossEntropyWithLogits", red -> Losses.binaryCrossEntropyWithLogits(x, p, null, pw, red));
    m.put("mseLoss", red -> Losses.mseLoss(x, y, red));
    m.put("l1Loss", red -> Losses.l1Loss(x, y, red));
    m.put("smoothL1Loss", red -> Losses.smoothL1Loss(x, y, red, 0.7));
    m.put("huberLoss", red -> Losses.huberLoss(x, y, red, 0.7));
    m.put("klDiv", red -> Losses.klDiv(x.logSoftmax(2), p, red, false));
    m.put("poissonNllLoss", red -> Losses.poissonNllLoss(x, p.mul(4), true, true, 1e-8, red));
    m.put("gaussianNllLoss", red -> Losses.gaussianNllLoss(x, y, p, true, 1e-6, red));
    Tensor a = randn(r, 5, 3), b = randn(r, 5, 3), c = randn(r, 5, 3), s5 = signs(r, 5), s53 = signs(r, 5, 3);
    m.put("cosineEmbeddingLoss", red -> Losses.cosineEmbeddingLoss(a, b, s5, 0.2, red));
    m.put("marginRankingLoss", red -> Losses.marginRankingLoss(a, b, s53, 0.2, red));
    m.put("hingeEmbeddingLoss", red -> Losses.hingeEmbeddingLoss(a, s53, 1, red));
    m.put("softMarginLoss", red -> Losses.softMarginLoss(a, s53, red));
    m.put("multilabelSoftMarginLoss", red -> Losses.multilabelSoftMarginLoss(a, s53.relu(), w, red));
    m.put("multiMarginLoss", red -> Losses.multiMarginLoss(a, classes(new SplittableRandom(1), 3, 5), 2, 1, w, red));
    m.put("multilabelMarginLoss", red -> Losses.multilabelMarginLoss(a, Tensor.fromArray(
        new long[] {0, 2, -1, 1, -1, 0, 2, 1, 0, -1, 0, 0, 1, 0, 2}, 5, 3), red));
    m.put("tripletMarginLoss", red -> Losses.tripletMarginLoss(a, b, c, 1, 2, 1e-6, true, red));
    m.put("tripletMarginWithDistanceLoss", red -> Losses.tripletMarginWithDistanceLoss(a, b, c, null, 1, false, red));
    return m;
  }

  @Test
  void ctcSumAndMeanMatchNone() {
    SplittableRandom r = new SplittableRandom(3);
    Tensor lp = randn(r, 6, 3, 4).logSoftmax(2);
    Tensor tg = Tensor.of(1L, 2L, 3L, 3L, 2L);
    int[] in = {6, 5, 4}, len = {2, 0, 3};
    Tensor none = Losses.ctcLoss(lp, tg, in, len, 0, Reduction.NONE, false);
    double sum = Losses.ctcLoss(lp, tg, in, len, 0, Reduction.SUM, false).item();
    double mean = Losses.ctcLoss(lp, tg, in, len, 0, Reduction.MEAN, false).item();
    assertEquals(none.sum().item(), sum, 1e-9 * (1 + Math.abs(sum)));
    double[] l = none.toDoubleArray();
    // torch's CTC mean: each loss over its target length (at least 1), then the batch mean
    assertEquals((l[0] / 2 + l[1] / 1 + l[2] / 3) / 3, mean, 1e-9 * (1 + Math.abs(mean)));
    // the empty target's loss is -sum_t log p_t(blank)
    assertEquals(-lp.select(1, 1).select(1, 0).narrow(0, 0, 5).sum().item(), l[1], 1e-9);
  }

  @TestFactory
  Stream<DynamicTest> sumAndMeanMatchNone() {
    int[] ran = {0};
    Stream<DynamicTest> cases = Stream.iterate(0, i -> i + 1).limit(SEEDS).flatMap(seed ->
        catalogue(new SplittableRandom(seed)).entrySet().stream().map(e ->
            DynamicTest.dynamicTest(e.getKey() + " seed " + seed, () -> {
              Tensor none = e.getValue().apply(Reduction.NONE);
              double sum = e.getValue().apply(Reduction.SUM).item();
              double mean = e.getValue().apply(Reduction.MEAN).item();
              assertEquals(none.sum().item(), sum, 1e-9 * (1 + Math.abs(sum)), "SUM == NONE.sum()");
              assertEquals(sum / none.numel(), mean, 1e-9 * (1 + Math.abs(mean)), "MEAN == SUM / n");
              ran[0]++;
            })));
    return Stream.concat(cases, Stream.of(DynamicTest.dynamicTest("all cases ran",
        () -> assertEquals(SEEDS * 21, ran[0]))));
  }

  @Test
  void weightedMeanDividesByTargetWeights() {
    for (int seed = 0; seed < SEEDS; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      Tensor x = randn(r, 6, 4, 3), t = classes(r, 4, 6, 3), w = rand(r, 0.2, 2, 4);
      t = t.maskedFill(t.eq(3), 1); // ignoreIndex 1 below
      for (double eps : new double[] {0, 0.3}) {
        double sum = Losses.crossEntropy(x, t, w, 1, Reduction.SUM, eps).item();
        double mean = Losses.crossEntropy(x, t, w, 1, Reduction.MEAN, eps).item();
        Tensor none = Losses.crossEntropy(x, t, w, 1, Reduction.NONE, eps);
        double total = w.indexSelect(0, t.flatten()).mul(t.flatten().ne(1).to(DType.FLOAT64)).sum().item();
        assertTrue(total > 0);
        assertEquals(none.sum().item(), sum, 1e-9 * (1 + Math.abs(sum)));
        assertEquals(sum / total, mean, 1e-9 * (1 + Math.abs(mean)), "weighted mean, eps " + eps);
        assertEquals(0, none.mul(t.eq(1).to(DType.FLOAT64)).abs().sum().item(), 0, "ignored targets add 0");
      }
      double nll = Losses.nllLoss(x.logSoftmax(1), t, w, 1, Reduction.MEAN).item();
      assertEquals(Losses.crossEntropy(x, t, w, 1, Reduction.MEAN, 0).item(), nll, 1e-12, "crossEntropy == nll(logSoftmax)");
    }
  }
}
