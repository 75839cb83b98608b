package io.jgrad.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Each wrapper with torch's defaults equals the functional call with those defaults written out. */
class LossWrappersTest {
  @TestFactory
  Stream<DynamicTest> wrappersMatchFunctions() {
    Generator g = new Generator(7);
    Tensor x = Tensor.randn(g, DType.FLOAT64, 5, 3), y = Tensor.randn(g, DType.FLOAT64, 5, 3);
    Tensor z = Tensor.randn(g, DType.FLOAT64, 5, 3), p = x.sigmoid(), s = y.sign(), s5 = Tensor.randn(g, DType.FLOAT64, 5).sign();
    Tensor t = Tensor.of(0L, 2L, 1L, 1L, 0L);
    Tensor ml = Tensor.fromArray(new long[] {0, -1, 0, 1, 2, -1, 2, -1, 0, 1, 0, 0, 0, 2, 1}, 5, 3);
    Map<String, Supplier<Tensor[]>> m = new LinkedHashMap<>();
    m.put("CrossEntropyLoss", () -> new Tensor[] {new CrossEntropyLoss().apply(x, t), Losses.crossEntropy(x, t)});
    m.put("NllLoss", () -> new Tensor[] {new NllLoss().apply(x, t), Losses.nllLoss(x, t, null, -100, Reduction.MEAN)});
    m.put("BceLoss", () -> new Tensor[] {new BceLoss().apply(p, p.mul(p)), Losses.binaryCrossEntropy(p, p.mul(p), null, Reduction.MEAN)});
    m.put("BceWithLogitsLoss", () -> new Tensor[] {new BceWithLogitsLoss().apply(x, p),
        Losses.binaryCrossEntropyWithLogits(x, p, null, null, Reduction.MEAN)});
    m.put("MseLoss", () -> new Tensor[] {new MseLoss().apply(x, y), Losses.mseLoss(x, y, Reduction.MEAN)});
    m.put("L1Loss", () -> new Tensor[] {new L1Loss(Reduction.SUM).apply(x, y), Losses.l1Loss(x, y, Reduction.SUM)});
    m.put("SmoothL1Loss", () -> new Tensor[] {new SmoothL1Loss().apply(x, y), Losses.smoothL1Loss(x, y, Reduction.MEAN, 1)});
    m.put("HuberLoss", () -> new Tensor[] {new HuberLoss().apply(x, y), Losses.huberLoss(x, y, Reduction.MEAN, 1)});
    m.put("KlDivLoss", () -> new Tensor[] {new KlDivLoss().apply(x.logSoftmax(1), p), Losses.klDiv(x.logSoftmax(1), p, Reduction.MEAN, false)});
    m.put("PoissonNllLoss", () -> new Tensor[] {new PoissonNllLoss().apply(x, p), Losses.poissonNllLoss(x, p, true, false, 1e-8, Reduction.MEAN)});
    m.put("GaussianNllLoss", () -> new Tensor[] {new GaussianNllLoss().apply(x, y, p), Losses.gaussianNllLoss(x, y, p, false, 1e-6, Reduction.MEAN)});
    m.put("CosineEmbeddingLoss", () -> new Tensor[] {new CosineEmbeddingLoss().apply(x, y, s5), Losses.cosineEmbeddingLoss(x, y, s5, 0, Reduction.MEAN)});
    m.put("MarginRankingLoss", () -> new Tensor[] {new MarginRankingLoss().apply(x, y, s), Losses.marginRankingLoss(x, y, s, 0, Reduction.MEAN)});
    m.put("HingeEmbeddingLoss", () -> new Tensor[] {new HingeEmbeddingLoss().apply(x, s), Losses.hingeEmbeddingLoss(x, s, 1, Reduction.MEAN)});
    m.put("SoftMarginLoss", () -> new Tensor[] {new SoftMarginLoss().apply(x, s), Losses.softMarginLoss(x, s, Reduction.MEAN)});
    m.put("MultilabelSoftMarginLoss", () -> new Tensor[] {new MultilabelSoftMarginLoss().apply(x, s.relu()),
        Losses.multilabelSoftMarginLoss(x, s.relu(), null, Reduction.MEAN)});
    m.put("MultiMarginLoss", () -> new Tensor[] {new MultiMarginLoss().apply(x, t), Losses.multiMarginLoss(x, t, 1, 1, null, Reduction.MEAN)});
    m.put("MultilabelMarginLoss", () -> new Tensor[] {new MultilabelMarginLoss().apply(x, ml), Losses.multilabelMarginLoss(x, ml, Reduction.MEAN)});
    m.put("TripletMarginLoss", () -> new Tensor[] {new TripletMarginLoss().apply(x, y, z), Losses.tripletMarginLoss(x, y, z, 1, 2, 1e-6, false, Reduction.MEAN)});
    m.put("TripletMarginWithDistanceLoss", () -> new Tensor[] {new TripletMarginWithDistanceLoss().apply(x, y, z),
        Losses.tripletMarginLoss(x, y, z, 1, 2, 1e-6, false, Reduction.MEAN)});
    Tensor lp = Tensor.randn(g, DType.FLOAT64, 6, 2, 4).logSoftmax(2);
    Tensor tg = Tensor.fromArray(new long[] {1, 2, 3, 3}, 2, 2);
    m.put("CtcLoss", () -> new Tensor[] {new CtcLoss().apply(lp, tg, new int[] {6, 5}, new int[] {2, 1}),
        Losses.ctcLoss(lp, tg, new int[] {6, 5}, new int[] {2, 1}, 0, Reduction.MEAN, false)});
    int[] ran = {0};
    return Stream.concat(m.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      Tensor[] r = e.getValue().get();
      assertEquals(0, r[0].dim());
      assertEquals(r[1].item(), r[0].item(), 1e-12);
      ran[0]++;
    })), Stream.of(DynamicTest.dynamicTest("all wrappers ran", () -> assertEquals(21, ran[0]))));
  }
}
