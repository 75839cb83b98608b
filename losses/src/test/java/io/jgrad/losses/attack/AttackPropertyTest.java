package io.jgrad.losses.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.losses.Losses;
import io.jgrad.nn.Dropout;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Seeded properties of FGSM and PGD: the eps ball, the data range, the loss goes up, the mode and gradients are left alone. */
class AttackPropertyTest {
  private static Tensor images(long seed, int b) { return Tensor.rand(new Generator(seed), DType.FLOAT64, b, 2, 2); }

  private static Tensor labels(long seed, int b) { return Tensor.randint(new Generator(seed), 0, 3, b); }

  /** Per-example norm of d over its features: max |d| (L-inf) or sqrt(sum d^2) (L2). */
  private static double[] norms(Norm norm, Tensor d) {
    Tensor flat = d.reshape(d.size(0), -1);
    return (norm == Norm.LINF ? flat.abs().max(new int[] {1}, false) : flat.norm(2, new int[] {1}, false)).toDoubleArray();
  }

  @TestFactory
  Stream<DynamicTest> staysInTheBallAndTheRangeAndRaisesTheLoss() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Norm norm : Norm.values()) {
      for (long seed = 1; seed <= 6; seed++) {
        long s = seed;
        tests.add(DynamicTest.dynamicTest(norm + " seed " + s, () -> {
          double eps = norm == Norm.LINF ? 0.05 * s : 0.15 * s;
          Module m = AttackFixtures.model(100 + s);
          Tensor x = images(200 + s, 16), y = labels(300 + s, 16);
          Pgd pgd = Pgd.builder(norm, eps, DataRange.of(0, 1)).steps(8).randomStart(new Generator(s)).build();
          Tensor adv = pgd.perturb(m, x, y);
          for (double n : norms(norm, adv.sub(x))) assertTrue(n <= eps * (1 + 1e-9), "norm " + n + " > eps " + eps);
          assertTrue(adv.min().item() >= 0 && adv.max().item() <= 1, "inside [0, 1]");
          double clean = Losses.crossEntropy(m.call(x), y).item(), attacked = Losses.crossEntropy(m.call(adv), y).item();
          assertTrue(attacked > clean, "loss " + clean + " -> " + attacked);
          assertFalse(adv.requiresGrad());
        }));
      }
    }
    return tests.stream();
  }

  @Test
  void perFeatureRangeIsRespected() {
    Tensor lo = Tensor.of(0.0, -1.0, 0.25, 0.0).reshape(2, 2), hi = Tensor.of(0.5, 1.0, 0.75, 3.0).reshape(2, 2);
    Tensor x = lo.add(hi.sub(lo).mul(images(7, 10)));
    Tensor adv = Pgd.builder(Norm.LINF, 0.4, DataRange.of(lo, hi)).steps(5).randomStart(new Generator(2)).build()
        .perturb(AttackFixtures.model(3), x, labels(8, 10));
    assertEquals(0.0, adv.lt(lo).any().item());
    assertEquals(0.0, adv.gt(hi).any().item());
    assertTrue(adv.sub(x).abs().max().item() > 0.1, "it moved");
  }

  @Test
  void fgsmIsOneFullStep() {
    Module m = AttackFixtures.model(4);
    Tensor x = images(9, 8), y = labels(10, 8);
    Tensor adv = Fgsm.of(0.05, DataRange.unbounded()).perturb(m, x, y);
    // Unbounded and one step of eps: every feature moves by exactly eps (unless its gradient is 0).
    for (double d : adv.sub(x).abs().toDoubleArray()) assertEquals(0.05, d, 1e-15);
    Tensor same = Pgd.builder(Norm.LINF, 0.05, DataRange.unbounded()).steps(1).stepSize(0.05).build().perturb(m, x, y);
    assertArrayEquals(adv.toDoubleArray(), same.toDoubleArray(), 0);
  }

  @Test
  void targetedLowersTheTargetsLoss() {
    Module m = AttackFixtures.model(5);
    Tensor x = images(11, 12), target = labels(12, 12);
    Tensor adv = Pgd.builder(Norm.L2, 1.0, DataRange.of(0, 1)).steps(10).targeted(true).build().perturb(m, x, target);
    assertTrue(Losses.crossEntropy(m.call(adv), target).item() < Losses.crossEntropy(m.call(x), target).item());
  }

  @Test
  void runsInEvalModeRestoresTheModeAndTouchesNoGradient() {
    Module base = AttackFixtures.model(6);
    Module m = new Sequential(base, new Dropout(0.5, new Generator(1)));
    Tensor x = images(13, 6), y = labels(14, 6);
    Tensor marker = Tensor.onesLike(base.parameters().get(0));
    base.parameters().get(0).setGrad(marker);
    m.train();
    Pgd pgd = Pgd.builder(Norm.LINF, 0.1, DataRange.of(0, 1)).steps(3).build();
    Tensor a = pgd.perturb(m, x, y), b = pgd.perturb(m, x, y);
    assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 0, "dropout is off during the attack: deterministic");
    assertArrayEquals(a.toDoubleArray(), pgd.perturb(base, x, y).toDoubleArray(), 0, "same as the model without dropout");
    assertTrue(m.isTraining());
    assertSame(marker, base.parameters().get(0).grad());
    assertArrayEquals(Tensor.onesLike(marker).toDoubleArray(), marker.toDoubleArray(), 0);
    assertNull(base.parameters().get(1).grad());
    m.eval();
    pgd.perturb(m, x, y);
    assertFalse(m.isTraining(), "eval stays eval");
  }

  @Test
  void randomStartIsSeededAndWorksWithRecordingOff() {
    Module m = AttackFixtures.model(7);
    Tensor x = images(15, 5), y = labels(16, 5);
    Tensor a = Pgd.builder(Norm.L2, 0.5, DataRange.of(0, 1)).steps(2).randomStart(new Generator(3)).build().perturb(m, x, y);
    Tensor b;
    try (var off = io.jgrad.autograd.Grad.disabled()) {
      b = Pgd.builder(Norm.L2, 0.5, DataRange.of(0, 1)).steps(2).randomStart(new Generator(3)).build().perturb(m, x, y);
    }
    assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 0);
    Tensor c = Pgd.builder(Norm.L2, 0.5, DataRange.of(0, 1)).steps(2).randomStart(new Generator(4)).build().perturb(m, x, y);
    assertFalse(java.util.Arrays.equals(a.toDoubleArray(), c.toDoubleArray()));
  }

  @Test
  void zeroEpsLeavesTheInputs() {
    Module m = AttackFixtures.model(8);
    Tensor x = images(17, 4), y = labels(18, 4);
    for (Norm n : Norm.values()) {
      Tensor adv = Pgd.builder(n, 0, DataRange.of(0, 1)).stepSize(0.1).steps(3).randomStart(new Generator(1)).build().perturb(m, x, y);
      assertArrayEquals(x.toDoubleArray(), adv.toDoubleArray(), 0, n.toString());
    }
  }
}
