package io.jgrad.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.autograd.Autograd;
import io.jgrad.losses.reg.OutputPenalties;
import io.jgrad.nn.Sparsemax;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Identities and conventions of the classification family: each loss against the member of its
 * family it reduces to, the catalog's reference values, reductions, ignored targets and
 * saturated logits.
 */
class ClassificationPropertyTest {
  static final Generator G = new Generator(77);
  static final Tensor Z = Tensor.of(new double[] {2, 1, 0.1, 0.5, 2.5, -1}).reshape(2, 3);
  static final Tensor Y = Tensor.of(new long[] {0, 0});

  static Tensor logits(int n, int c) { return Tensor.randn(G, DType.FLOAT64, n, c).mul(2); }

  static Tensor targets(int n, int c) { return Tensor.randint(G, 0, c, n); }

  static void close(Tensor expected, Tensor actual, double tol) {
    assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), tol);
  }

  static Tensor grad(Function<Tensor, Tensor> f, Tensor x) {
    Tensor l = x.detach().requiresGrad(true);
    return Autograd.grad(f.apply(l).sum(), List.of(l), false).get(0);
  }

  @Test
  void focalAndPolyReduceToCrossEntropy() {
    Tensor x = logits(7, 4), y = targets(7, 4);
    Tensor ce = Losses.crossEntropy(x, y, null, -100, Reduction.NONE, 0);
    close(ce, FocalLosses.focalLoss(x, y, 0, null, -100, Reduction.NONE), 1e-12);
    close(ce, FocalLosses.poly1Loss(x, y, 0, 0, -100, Reduction.NONE), 1e-12);
    close(FocalLosses.focalLoss(x, y, 2, null, -100, Reduction.NONE), FocalLosses.poly1FocalLoss(x, y, 0, 2, null, -100, Reduction.NONE), 1e-12);
    // label smoothing as torch in the CE term
    Tensor pt = x.softmax(1).mul(y.oneHot(4).to(DType.FLOAT64).mul(0.8).add(0.05)).sum(1);
    close(Losses.crossEntropy(x, y, null, -100, Reduction.NONE, 0.2).add(pt.neg().add(1).mul(1.5)),
        FocalLosses.poly1Loss(x, y, 1.5, 0.2, -100, Reduction.NONE), 1e-12);
    Tensor xb = logits(3, 5), t = Tensor.rand(G, DType.FLOAT64, 3, 5).gt(0.5).to(DType.FLOAT64);
    close(Losses.binaryCrossEntropyWithLogits(xb, t, null, null, Reduction.NONE), FocalLosses.sigmoidFocalLoss(xb, t, -1, 0, Reduction.NONE), 1e-12);
  }

  @Test
  void catalogReferenceValues() {
    close(Tensor.of(new double[] {0.04849234, 1.68217804}), FocalLosses.focalLoss(Z, Y, 2, null, -100, Reduction.NONE), 1e-8);
    close(Tensor.of(new double[] {0.75802888, 3.03706367}), FocalLosses.poly1Loss(Z, Y, 1, 0, -100, Reduction.NONE), 1e-8);
    assertEquals(2.50998844, FocalLosses.poly1Loss(Z, Y, 2, 0, -100, Reduction.MEAN).item(), 1e-8);
    close(Tensor.of(new double[] {0.08814377, 2.37271667}), FocalLosses.poly1FocalLoss(Z, Y, 1, 2, null, -100, Reduction.NONE), 1e-8);
    close(Tensor.of(new double[] {0.51369668, 2.33651154}), CalibrationLosses.maxSupLoss(Z, Y, 0.1, -100, Reduction.NONE), 1e-8);
    Tensor za = Tensor.of(new double[] {12, 1, -3, 0.5, 2.5, -9}).reshape(2, 3);
    assertEquals(2.70625, CalibrationLosses.aclsRegularizer(za, 1, 0.1, 10).mean().item(), 1e-10);
    assertEquals(1.33410197, CalibrationLosses.aclsLoss(za, Y, 1, 0.1, 0.1, 10, -100, Reduction.MEAN).item(), 1e-8);
    double[] comp = {0.51744806, 0.46369484, 0.41703002, 0.37642230, 0.34099886};
    for (int i = 0; i < comp.length; i++) {
      assertEquals(comp[i], NoisyLabelLosses.compSumLoss(Tensor.of(new double[] {2, 1, 0.1}).reshape(1, 3), Tensor.of(new long[] {0}),
          0.5 * i, -100, Reduction.MEAN).item(), 1e-8, "tau " + 0.5 * i);
    }
    Tensor o = Tensor.of(new double[] {1, 2, 3, 1, 2, 3}).reshape(2, 3);
    close(Tensor.of(new double[] {0.58707528, 2.32738719}), SurrogateLosses.zLossSpherical(o, Tensor.of(new long[] {2, 0}), 1, 1, -100,
        Reduction.NONE), 1e-8);
    Tensor p = Tensor.of(new double[] {0.9, 0.2, 0.6, 0.4}), yb = Tensor.of(new double[] {1, 0, 1, 1});
    assertEquals(0.2, SurrogateLosses.anyLoss(p, yb, SurrogateLosses.AnyMetric.F1, 73, 1).item(), 1e-9);
    assertEquals(0.25, SurrogateLosses.anyLoss(p, yb, SurrogateLosses.AnyMetric.ACCURACY, 73, 1).item(), 1e-9);
    Tensor zs = Tensor.of(new double[] {-2, 0, 0.5, -2, 0, 0.5, -2, 0, 0.5}).reshape(3, 3);
    close(Tensor.of(new double[] {2.5625, 0.5625, 0.0625}), SparsemaxLosses.sparsemaxLoss(zs, Tensor.of(new long[] {0, 1, 2}), -100,
        Reduction.NONE), 1e-12);
  }

  @Test
  void maxSupEqualsLabelSmoothingWhenThePredictionIsRight() {
    Tensor x = logits(9, 5);
    Tensor pred = x.argmax(1, false);
    Tensor ls = Losses.crossEntropy(x, pred, null, -100, Reduction.NONE, 0.1);
    close(ls, CalibrationLosses.maxSupLoss(x, pred, 0.1, -100, Reduction.NONE), 1e-12);
    Tensor wrong = pred.add(1).remainder(5);
    Tensor d = CalibrationLosses.maxSupLoss(x, wrong, 0.1, -100, Reduction.NONE).sub(Losses.crossEntropy(x, wrong, null, -100,
        Reduction.NONE, 0.1));
    assertTrue(d.min().item() > 0, "MaxSup penalises z_max, above z_y when the prediction is wrong");
  }

  @Test
  void compSumMembers() {
    Tensor x = logits(8, 4), y = targets(8, 4);
    Tensor logp = x.logSoftmax(1).gather(1, y.unsqueeze(1)).squeeze(1);
    close(Losses.crossEntropy(x, y, null, -100, Reduction.NONE, 0), NoisyLabelLosses.compSumLoss(x, y, 1, -100, Reduction.NONE), 1e-12);
    close(logp.exp().neg().add(1), NoisyLabelLosses.compSumLoss(x, y, 2, -100, Reduction.NONE), 1e-12);
    close(logp.mul(0.7).exp().neg().add(1).div(0.7), NoisyLabelLosses.generalizedCrossEntropy(x, y, 0.7, -100, Reduction.NONE), 1e-12);
    Tensor u = x.sub(x.gather(1, y.unsqueeze(1))).exp().sum(1).sub(1);
    close(u, NoisyLabelLosses.compSumLoss(x, y, 0, -100, Reduction.NONE), 1e-10);
    close(NoisyLabelLosses.compSumLoss(x, y, 0.999999, -100, Reduction.NONE), NoisyLabelLosses.compSumLoss(x, y, 1, -100, Reduction.NONE), 1e-5);
  }

  @Test
  void sparsemaxLossGradientIsSparsemaxMinusTarget() {
    Tensor x = logits(6, 5), y = targets(6, 5);
    Tensor g = grad(z -> SparsemaxLosses.sparsemaxLoss(z, y, -100, Reduction.SUM), x);
    close(Sparsemax.sparsemax(x, 1).sub(y.oneHot(5).to(DType.FLOAT64)), g, 1e-12);
    assertTrue(SparsemaxLosses.sparsemaxLoss(x, y, -100, Reduction.NONE).min().item() >= 0);
    // p = e_k: the loss is 0
    Tensor sure = Tensor.of(new double[] {5, 0, 0, 0, 5, 0}).reshape(2, 3);
    close(Tensor.zeros(DType.FLOAT64, 2), SparsemaxLosses.sparsemaxLoss(sure, Tensor.of(new long[] {0, 1}), -100, Reduction.NONE), 0);
  }

  @Test
  void reductionsAgree() {
    Tensor x = logits(6, 4), y = Tensor.of(new long[] {0, 3, 1, 3, 2, 0});
    List<Function<Reduction, Tensor>> fs = List.of(
        r -> FocalLosses.focalLoss(x, y, 2, null, 3, r),
        r -> FocalLosses.poly1Loss(x, y, 1, 0.1, 3, r),
        r -> FocalLosses.poly1FocalLoss(x, y, 1, 2, null, 3, r),
        r -> NoisyLabelLosses.compSumLoss(x, y, 1.5, 3, r),
        r -> SparsemaxLosses.sparsemaxLoss(x, y, 3, r),
        r -> SurrogateLosses.zLossSpherical(x, y, 1, 1, 3, r));
    for (Function<Reduction, Tensor> f : fs) {
      Tensor none = f.apply(Reduction.NONE);
      assertEquals(0.0, none.toDoubleArray()[1], "an ignored row is 0 in NONE");
      assertEquals(none.sum().item(), f.apply(Reduction.SUM).item(), 1e-12);
      assertEquals(none.sum().item() / 4, f.apply(Reduction.MEAN).item(), 1e-12, "MEAN over the 4 kept rows");
    }
    // ACLS / MaxSup: CE over the kept rows, the logit term over every row
    Tensor acls = CalibrationLosses.aclsLoss(x, y, 1, 0.1, 0.1, 1, 3, Reduction.MEAN);
    Tensor ce = Losses.crossEntropy(x, y, null, 3, Reduction.MEAN, 0);
    assertEquals(ce.item() + 0.1 * CalibrationLosses.aclsRegularizer(x, 1, 0.1, 1).mean().item(), acls.item(), 1e-12);
  }

  @Test
  void allIgnoredMeanIsNanWithZeroGradient() {
    Tensor x = logits(3, 4), y = Tensor.of(new long[] {2, 2, 2});
    List<Function<Tensor, Tensor>> fs = List.of(
        z -> FocalLosses.focalLoss(z, y, 2, null, 2, Reduction.MEAN),
        z -> FocalLosses.poly1Loss(z, y, 1, 0, 2, Reduction.MEAN),
        z -> NoisyLabelLosses.compSumLoss(z, y, 1.5, 2, Reduction.MEAN),
        z -> SparsemaxLosses.sparsemaxLoss(z, y, 2, Reduction.MEAN));
    for (Function<Tensor, Tensor> f : fs) {
      assertTrue(Double.isNaN(f.apply(x).item()));
      Tensor l = x.detach().requiresGrad(true);
      Tensor g = Autograd.grad(f.apply(l), List.of(l), false).get(0);
      close(Tensor.zerosLike(x), g, 0);
    }
  }

  @Test
  void saturatedLogitsStayFinite() {
    Tensor x = Tensor.of(new double[] {1e4, -1e4, 0, -1e4, 1e4, 0, 0, 0, 1e4}).reshape(3, 3);
    Tensor y = Tensor.of(new long[] {0, 0, 1});
    List<Function<Tensor, Tensor>> fs = List.of(
        z -> FocalLosses.focalLoss(z, y, 2, null, -100, Reduction.SUM),
        z -> FocalLosses.poly1Loss(z, y, 1, 0.1, -100, Reduction.SUM),
        z -> FocalLosses.poly1FocalLoss(z, y, 1, 2, null, -100, Reduction.SUM),
        z -> NoisyLabelLosses.compSumLoss(z, y, 1.5, -100, Reduction.SUM),
        z -> SparsemaxLosses.sparsemaxLoss(z, y, -100, Reduction.SUM),
        z -> CalibrationLosses.aclsLoss(z, y, 1, 0.1, 0.1, 10, -100, Reduction.SUM),
        z -> CalibrationLosses.maxSupLoss(z, y, 0.1, -100, Reduction.SUM),
        z -> SurrogateLosses.zLossSpherical(z, y, 1, 1, -100, Reduction.SUM),
        OutputPenalties::entropy);
    for (Function<Tensor, Tensor> f : fs) {
      assertTrue(Double.isFinite(f.apply(x).item()));
      Tensor g = grad(f, x);
      for (double v : g.toDoubleArray()) assertTrue(Double.isFinite(v), "finite gradient");
    }
  }

  @Test
  void entropyAndZLossInvariances() {
    assertEquals(Math.log(5), OutputPenalties.entropy(Tensor.zeros(DType.FLOAT64, 3, 5)).item(), 1e-12);
    Tensor x = logits(5, 4), y = targets(5, 4);
    close(SurrogateLosses.zLossSpherical(x, y, 2, 0.5, -100, Reduction.NONE),
        SurrogateLosses.zLossSpherical(x.mul(3.5).add(-7), y, 2, 0.5, -100, Reduction.NONE), 1e-10);
  }

  @Test
  void ensLossInjectsAConvexCalibratedDerivative() {
    Tensor out = Tensor.of(new double[] {0.3, -1.2, 2.5, 0.8, -0.1, 1.7, -2.2, 0.05}).reshape(8, 1);
    Tensor y = Tensor.of(new long[] {1, 1, 1, 0, 0, 1, 0, 1});
    Tensor normals = Tensor.randn(G, DType.FLOAT64, 8);
    Tensor g = grad(o -> SurrogateLosses.ensLossSurrogate(o, y, normals, 0), out).reshape(8);
    double[] s = out.reshape(8).mul(y.to(DType.FLOAT64).mul(2).sub(1)).toDoubleArray();
    double[] sign = y.to(DType.FLOAT64).mul(2).sub(1).toDoubleArray();
    double[] psi = new double[8];
    for (int i = 0; i < 8; i++) psi[i] = g.toDoubleArray()[i] * 8 / sign[i];
    for (int i = 0; i < 8; i++) {
      assertTrue(psi[i] < 0, "psi < 0");
      assertTrue(psi[i] >= -1 - 1e-6 - 1e-12, "clipped at -1");
      for (int j = 0; j < 8; j++) {
        // non-decreasing in the margin (the tail divides by s > 1, keeping the order)
        if (s[i] < s[j]) assertTrue(psi[i] <= psi[j] + 1e-12, "psi non-decreasing: s=" + s[i] + "," + s[j]);
      }
    }
  }
}
