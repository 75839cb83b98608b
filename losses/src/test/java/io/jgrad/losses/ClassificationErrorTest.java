package io.jgrad.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Bad parameters and shapes of the classification family: each message names the component, the parameter and the value. */
class ClassificationErrorTest {
  static final Tensor X = Tensor.zeros(DType.FLOAT64, 3, 4);
  static final Tensor Y = Tensor.of(new long[] {0, 1, 3});

  static String error(Runnable r) { return assertThrows(IllegalArgumentException.class, r::run).getMessage(); }

  static Tensor loss(String spec, Tensor out, Tensor y) { return Catalog.create(spec, Objective.class).loss(out, new Batch(out, y)); }

  @Test
  void parameters() {
    assertEquals("focal_loss: gamma must be >= 0.0, got -1.0", error(() -> loss("focal_loss:gamma=-1", X, Y)));
    assertEquals("focal_loss: form must be softmax or sigmoid, got 'tanh'", error(() -> loss("focal_loss:form=tanh", X, Y)));
    assertEquals("focal_loss: the sigmoid form takes one alpha, got 2", error(() -> loss("focal_loss:form=sigmoid,alpha=0.1;0.2", X, Y)));
    assertEquals("focal_loss: alpha [2] must have shape [4]", error(() -> loss("focal_loss:alpha=1;2", X, Y)));
    assertEquals("focal_loss: alpha must be <= 1 (negative disables it), got 1.5",
        error(() -> FocalLosses.sigmoidFocalLoss(X, X, 1.5, 2, Reduction.MEAN)));
    assertEquals("poly1_loss: epsilon must be >= -1.0, got -2.0", error(() -> loss("poly1_loss:epsilon=-2", X, Y)));
    assertEquals("poly1_loss: label_smoothing must be in [0.0, 1.0], got 1.5", error(() -> loss("poly1_loss:label_smoothing=1.5", X, Y)));
    assertEquals("poly1_focal_loss: gamma must be >= 0.0, got -0.5", error(() -> loss("poly1_focal_loss:gamma=-0.5", X, Y)));
    assertEquals("comp_sum_loss: tau must be >= 0.0, got -1.0", error(() -> loss("comp_sum_loss:tau=-1", X, Y)));
    assertEquals("comp_sum_loss: GCE q must be in (0, 1], got 0.0",
        error(() -> NoisyLabelLosses.generalizedCrossEntropy(X, Y, 0, -100, Reduction.MEAN)));
    assertEquals("anyloss: L must be > 0 and finite, got 0.0", error(() -> loss("anyloss:L=0", Tensor.zeros(3), Tensor.zeros(3))));
    assertEquals("anyloss: metric must be accuracy, f1, fbeta or balanced_accuracy, got 'auc'",
        error(() -> loss("anyloss:metric=auc", Tensor.zeros(3), Tensor.zeros(3))));
    assertEquals("anyloss: targets [3] do not match outputs [3, 2]", error(() -> loss("anyloss", Tensor.zeros(3, 2), Tensor.zeros(3))));
    assertEquals("z_loss_spherical: a must be > 0 and finite, got -1.0", error(() -> loss("z_loss_spherical:a=-1", X, Y)));
    assertEquals("acls_loss: margin must be finite, got NaN", error(() -> loss("acls_loss:margin=NaN", X, Y)));
    assertEquals("maxsup_loss: alpha must be finite, got Infinity", error(() -> loss("maxsup_loss:alpha=Infinity", X, Y)));
    assertEquals("elr_loss: beta must be in [0.0, 1.0], got 1.5", error(() -> Catalog.create("elr_loss:beta=1.5", Objective.class)));
    assertEquals("elr_loss: num_examples must be >= 1, got 0", error(() -> Catalog.create("elr_loss:num_examples=0", Objective.class)));
    assertEquals("nested_dropout: sigma must be > 0 and finite, got 0.0 (the reference's nested = 0 means plain Dropout)",
        error(() -> Catalog.create("nested_dropout:sigma=0", Module.class)));
    assertEquals("spectral_decoupling: sd_coef must be >= 0 and finite, got -1.0",
        error(() -> Catalog.create("spectral_decoupling:sd_coef=-1", io.jgrad.nn.train.Regularizer.class)));
    assertEquals("expected_calibration_error: n_bins must be >= 1, got -3",
        error(() -> Catalog.create("expected_calibration_error:n_bins=-3", io.jgrad.nn.train.Metric.class)));
  }

  @Test
  void shapesAndTargets() {
    assertEquals("focal_loss: target [2] does not match logits [3, 4] (expected target shape [3])",
        error(() -> FocalLosses.focalLoss(X, Tensor.of(new long[] {0, 1}), 2)));
    assertEquals("comp_sum_loss: target class 4 out of range for 4 classes",
        error(() -> NoisyLabelLosses.compSumLoss(X, Tensor.of(new long[] {0, 4, 1}), 1.5, -100, Reduction.MEAN)));
    assertEquals("sparsemax_loss: target must be int64 class indices, got bool",
        error(() -> SparsemaxLosses.sparsemaxLoss(X, Tensor.of(true, false, true), -100, Reduction.MEAN)));
    assertEquals("acls_loss: logits must be [N, C] or [N, C, d1, ...], got [4]",
        error(() -> CalibrationLosses.aclsLoss(Tensor.zeros(4), Y, 1, 0.1, 0.1, 10, -100, Reduction.MEAN)));
    assertEquals("poly1_loss: logits [3, 4] and probability target [3, 3] have different shapes",
        error(() -> FocalLosses.poly1Loss(X, Tensor.zeros(DType.FLOAT64, 3, 3), 1, 0, -100, Reduction.MEAN)));
    assertEquals("focal_loss: inputs [3, 4] and targets [3] have different shapes",
        error(() -> FocalLosses.sigmoidFocalLoss(X, Tensor.zeros(DType.FLOAT64, 3), 0.25, 2, Reduction.MEAN)));
    assertEquals("anyloss: probabilities [3] and target [2] have different shapes",
        error(() -> SurrogateLosses.anyLoss(Tensor.zeros(3), Tensor.zeros(2), SurrogateLosses.AnyMetric.F1, 73, 1)));
    assertEquals("ensloss: output [3, 4], target [3] and normals [3] must have the same number of elements",
        error(() -> SurrogateLosses.ensLossSurrogate(X, Y, Tensor.zeros(3), 0)));
    assertEquals("sparsemax: dim 2 out of range for shape [3, 4]", error(() -> io.jgrad.nn.Sparsemax.sparsemax(X, 2)));
    assertEquals("sparsemax: input must be floating point, got int64", error(() -> io.jgrad.nn.Sparsemax.sparsemax(Y, 0)));
  }

  @Test
  void elrNeedsDistinctIndicesInRange() {
    ElrLoss m = new ElrLoss(5, 4, 0.7, 3);
    Tensor x = Tensor.zeros(3, 4);
    assertEquals("elr_loss: sample index 5 out of range for num_examples=5", error(() -> m.loss(x, Y, Tensor.of(new long[] {0, 5, 1}))));
    assertEquals("elr_loss: sample index 1 appears twice in one batch", error(() -> m.loss(x, Y, Tensor.of(new long[] {1, 0, 1}))));
    assertEquals("elr_loss: output must be [B, 4], got [3, 5]", error(() -> m.loss(Tensor.zeros(3, 5), Y, Tensor.of(new long[] {0, 1, 2}))));
    assertEquals("elr_loss: the batch has no sample indices (batches of a DataLoader over a Dataset carry them)",
        error(() -> m.loss(x, new Batch(x, Y))));
  }
}
