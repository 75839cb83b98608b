package io.jgrad.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/** One test per validation: the exception is IllegalArgumentException and the message names the values. */
class LossesErrorTest {
  record Bad(String name, Executable call, String... fragments) {}

  static final Tensor X43 = Tensor.zeros(io.jgrad.tensor.DType.FLOAT64, 4, 3);
  static final Tensor T4 = Tensor.of(0L, 1L, 2L, 0L);
  static final Reduction M = Reduction.MEAN;

  static List<Bad> cases() {
    List<Bad> l = new ArrayList<>();
    l.add(new Bad("ce batch", () -> Losses.crossEntropy(X43, Tensor.of(0L, 1L, 2L, 0L, 1L), null, -100, M, 0),
        "crossEntropy: input [4, 3] and target [5] have different batch sizes"));
    l.add(new Bad("ce class range", () -> Losses.crossEntropy(X43, Tensor.of(0L, 7L, 2L, 0L), null, -100, M, 0),
        "crossEntropy: target class 7 out of range for 3 classes"));
    l.add(new Bad("ce negative class", () -> Losses.crossEntropy(X43, Tensor.of(0L, -1L, 2L, 0L), null, -100, M, 0),
        "target class -1 out of range"));
    l.add(new Bad("ce target dtype", () -> Losses.crossEntropy(X43, Tensor.of(true, false, true, true), null, -100, M, 0),
        "crossEntropy: target must be INT64 class indices, got bool"));
    l.add(new Bad("ce K-dim target", () -> Losses.crossEntropy(Tensor.zeros(2, 3, 4), Tensor.zeros(io.jgrad.tensor.DType.INT64, 2, 5),
        null, -100, M, 0), "target [2, 5] does not match input [2, 3, 4]", "[2, 4]"));
    l.add(new Bad("ce weight", () -> Losses.crossEntropy(X43, T4, Tensor.ones(4), -100, M, 0),
        "weight [4] must have shape [3]"));
    l.add(new Bad("ce smoothing", () -> Losses.crossEntropy(X43, T4, null, -100, M, 1.5), "labelSmoothing 1.5"));
    l.add(new Bad("ce prob shape", () -> Losses.crossEntropy(X43, Tensor.zeros(io.jgrad.tensor.DType.FLOAT64, 4, 2), null, -100, M, 0),
        "input [4, 3] and probability target [4, 2] have different shapes"));
    l.add(new Bad("ce int input", () -> Losses.crossEntropy(T4, T4, null, -100, M, 0), "input must be floating point"));
    l.add(new Bad("nll range", () -> Losses.nllLoss(X43, Tensor.of(0L, 3L, 2L, 0L), null, -100, M),
        "nllLoss: target class 3 out of range for 3 classes"));
    l.add(new Bad("nll null", () -> Losses.nllLoss(X43, null, null, -100, M), "nllLoss: target is null"));
    l.add(new Bad("bce range", () -> Losses.binaryCrossEntropy(Tensor.of(0.5, 1.5), Tensor.of(0.0, 1.0), null, M),
        "between 0 and 1"));
    l.add(new Bad("bce shape", () -> Losses.binaryCrossEntropy(Tensor.of(0.5, 0.5), Tensor.of(0.0, 1.0, 1.0), null, M),
        "input [2] and target [3] have different shapes"));
    l.add(new Bad("bce logits shape", () -> Losses.binaryCrossEntropyWithLogits(Tensor.of(0.5), Tensor.of(0.0, 1.0), null,
        null, M), "binaryCrossEntropyWithLogits: input [1] and target [2]"));
    l.add(new Bad("mse shape", () -> Losses.mseLoss(X43, Tensor.zeros(3, 4), M), "mseLoss: input [4, 3] and target [3, 4]"));
    l.add(new Bad("l1 dtype", () -> Losses.l1Loss(X43, Tensor.zeros(io.jgrad.tensor.DType.INT64, 4, 3), M),
        "l1Loss: target must be floating point, got int64"));
    l.add(new Bad("smoothL1 beta", () -> Losses.smoothL1Loss(X43, X43, M, -1), "smoothL1Loss: beta -1.0 must be >= 0"));
    l.add(new Bad("huber delta", () -> Losses.huberLoss(X43, X43, M, 0), "huberLoss: delta 0.0 must be > 0"));
    l.add(new Bad("gaussian var shape", () -> Losses.gaussianNllLoss(X43, X43, Tensor.ones(3), false, 1e-6, M),
        "var [3] is incorrectly sized for input [4, 3]"));
    l.add(new Bad("gaussian var negative", () -> Losses.gaussianNllLoss(Tensor.of(1.0), Tensor.of(1.0), Tensor.of(-1.0),
        false, 1e-6, M), "var has negative"));
    l.add(new Bad("cosine target", () -> Losses.cosineEmbeddingLoss(X43, X43, Tensor.ones(3), 0, M),
        "cosineEmbeddingLoss: target [3] does not match input [4, 3]"));
    l.add(new Bad("multiMargin p", () -> Losses.multiMarginLoss(X43, T4, 3, 1, null, M), "only p == 1 and p == 2 supported, got 3"));
    l.add(new Bad("multiMargin range", () -> Losses.multiMarginLoss(X43, Tensor.of(0L, 1L, 5L, 0L), 1, 1, null, M),
        "multiMarginLoss: target class 5 out of range for 3 classes"));
    l.add(new Bad("multilabelMargin range", () -> Losses.multilabelMarginLoss(Tensor.zeros(io.jgrad.tensor.DType.FLOAT64, 1, 3),
        Tensor.fromArray(new long[] {0, 4, -1}, 1, 3), M), "multilabelMarginLoss: target class 4 out of range for 3 classes"));
    l.add(new Bad("triplet shape", () -> Losses.tripletMarginLoss(X43, X43, Tensor.zeros(4, 2), 1, 2, 1e-6, false, M),
        "tripletMarginLoss: anchor [4, 3] and negative [4, 2] have different shapes"));
    l.add(new Bad("tripletDistance margin", () -> Losses.tripletMarginWithDistanceLoss(X43, X43, X43, null, 0, false, M),
        "margin 0.0 must be > 0"));
    Tensor lp = Tensor.zeros(io.jgrad.tensor.DType.FLOAT64, 5, 2, 4);
    Tensor tg = Tensor.fromArray(new long[] {1, 2, 3, 1}, 2, 2);
    l.add(new Bad("ctc blank", () -> Losses.ctcLoss(lp, tg, new int[] {5, 5}, new int[] {2, 2}, 4, M, false),
        "ctcLoss: blank 4 out of range for 4 classes"));
    l.add(new Bad("ctc target is blank", () -> Losses.ctcLoss(lp, tg, new int[] {5, 5}, new int[] {2, 2}, 1, M, false),
        "ctcLoss: target class 1 out of range for 4 classes (blank 1)"));
    l.add(new Bad("ctc input length", () -> Losses.ctcLoss(lp, tg, new int[] {6, 5}, new int[] {2, 2}, 0, M, false),
        "ctcLoss: input length 6 out of range for 5 time steps"));
    l.add(new Bad("ctc lengths count", () -> Losses.ctcLoss(lp, tg, new int[] {5}, new int[] {2, 2}, 0, M, false),
        "ctcLoss: batch size 2 but 1 input lengths and 2 target lengths"));
    l.add(new Bad("ctc target length", () -> Losses.ctcLoss(lp, tg, new int[] {5, 5}, new int[] {3, 2}, 0, M, false),
        "ctcLoss: target length 3 exceeds the targets [2, 2]"));
    return l;
  }

  @TestFactory
  Stream<DynamicTest> errors() {
    List<Bad> all = cases();
    int[] ran = {0};
    return Stream.concat(all.stream().map(b -> DynamicTest.dynamicTest(b.name(), () -> {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b.call());
      for (String f : b.fragments()) assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
      ran[0]++;
    })), Stream.of(DynamicTest.dynamicTest("all cases ran", () -> assertEquals(31, ran[0]))));
  }
}
