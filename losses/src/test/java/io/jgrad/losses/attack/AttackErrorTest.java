package io.jgrad.losses.attack;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.Module;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad settings and inputs of the attacks and the data range fail naming the attack, the setting and the value. */
class AttackErrorTest {
  private static void fails(Executable e, String... parts) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    for (String p : parts) assertTrue(ex.getMessage().contains(p), "'" + ex.getMessage() + "' lacks '" + p + "'");
  }

  @Test
  void settings() {
    DataRange r = DataRange.of(0, 1);
    fails(() -> Pgd.builder(Norm.LINF, -0.1, r), "pgd: eps must be >= 0 and finite, got -0.1");
    fails(() -> Pgd.builder(Norm.LINF, Double.NaN, r), "pgd: eps", "NaN");
    fails(() -> Pgd.builder(null, 0.1, r), "pgd: norm is null");
    fails(() -> Pgd.builder(Norm.L2, 0.1, null), "pgd: range is null", "DataRange.unbounded()");
    fails(() -> Pgd.builder(Norm.L2, 0.1, r).steps(0), "pgd: steps must be >= 1, got 0");
    fails(() -> Pgd.builder(Norm.L2, 0.1, r).stepSize(0), "pgd: stepSize must be > 0, got 0.0");
    fails(() -> Fgsm.builder(Norm.L2, -1, r), "fgsm: eps must be >= 0");
    fails(() -> Pgd.builder(Norm.L2, 0.1, r).randomStart(null), "randomStart generator is null");
    fails(() -> DataRange.of(1, 0), "DataRange: lo must be <= hi, got lo=1.0, hi=0.0");
    fails(() -> DataRange.of(Tensor.of(0.0, 2.0), Tensor.of(1.0, 1.0)), "lo must be <= hi everywhere");
  }

  @Test
  void inputs() {
    Module m = AttackFixtures.model(1);
    Tensor x = Tensor.rand(new Generator(1), DType.FLOAT64, 4, 2, 2);
    Tensor y = Tensor.of(new long[] {0, 1, 2, 0});
    Pgd pgd = Pgd.builder(Norm.LINF, 0.1, DataRange.of(0, 1)).build();
    fails(() -> pgd.perturb(m, x, Tensor.of(new long[] {0, 1, 2})), "pgd: x [4, 2, 2] and y [3] must have the same batch size");
    fails(() -> pgd.perturb(m, x, y, Tensor.zeros(DType.FLOAT64, 4, 4)), "pgd: the start delta0 [4, 4] must have x's shape [4, 2, 2]");
    fails(() -> pgd.perturb(m, Tensor.of(new long[] {1, 2}), y), "pgd: x must be floating point, got int64");
    fails(() -> pgd.perturb(null, x, y), "pgd: model, x and y must not be null");
    Pgd perFeature = Pgd.builder(Norm.LINF, 0.1, DataRange.of(Tensor.zeros(DType.FLOAT64, 3), Tensor.ones(DType.FLOAT64, 3))).build();
    fails(() -> perFeature.perturb(m, x, y), "pgd: data range bounds of shape [3] do not broadcast against one example of x [2, 2]");
    Pgd vectorLoss = Pgd.builder(Norm.LINF, 0.1, DataRange.of(0, 1)).loss((out, t) -> out.sum(1)).build();
    fails(() -> vectorLoss.perturb(m, x, y), "pgd: the loss must be a scalar, got [4]");
  }

  @Test
  void robustAccuracy() {
    Module m = AttackFixtures.model(2);
    fails(() -> new RobustAccuracy(m, null), "robust_accuracy: model and attack must not be null");
    RobustAccuracy acc = new RobustAccuracy(m, Fgsm.of(0.1, DataRange.of(0, 1)));
    Tensor x = Tensor.rand(new Generator(3), DType.FLOAT64, 4, 2, 2);
    fails(() -> acc.update(null, new io.jgrad.nn.data.Batch(x, Tensor.zeros(DType.FLOAT64, 4, 3))),
        "robust_accuracy: needs int64 class labels y [B] for x [4, 2, 2], got float64 [4, 3]");
  }
}
