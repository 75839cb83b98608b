package io.jgrad.losses.attack;

import static io.jgrad.losses.Float64Assert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jgrad.nn.Module;
import io.jgrad.tensor.Golden;
import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * FGSM and PGD (L-inf, L2; scalar, per-feature and no data range; targeted; with and without a
 * start) against a float64 PyTorch re-implementation of torchattacks' PGD/PGDL2
 * (tools/golden/gen_robustness.py, op "attack"), the random start supplied as data.
 */
class AttackGoldenTest {
  static final int CASES = 8;

  static Pgd attack(GoldenCase c) {
    Norm norm = c.stringArg("norm").equals("linf") ? Norm.LINF : Norm.L2;
    double eps = c.doubleArg("eps");
    DataRange range = switch (c.stringArg("range")) {
      case "scalar" -> DataRange.of(c.doubleArg("lo"), c.doubleArg("hi"));
      case "per_feature" -> DataRange.of(c.input(7), c.input(8));
      default -> DataRange.unbounded();
    };
    Pgd.Builder b = c.stringArg("name").equals("fgsm") ? Fgsm.builder(norm, eps, range) : Pgd.builder(norm, eps, range);
    return b.stepSize(c.doubleArg("alpha")).steps(c.intArg("steps")).targeted(c.boolArg("targeted")).build();
  }

  @TestFactory
  Stream<DynamicTest> attacksMatchTorch() {
    List<DynamicTest> tests = new ArrayList<>();
    int[] ran = {0};
    for (GoldenCase c : Golden.load("robustness")) {
      if (!c.op().equals("attack")) continue;
      tests.add(DynamicTest.dynamicTest(c.id() + " " + c.stringArg("name") + " " + c.stringArg("norm") + " " + c.stringArg("range"), () -> {
        Module model = AttackFixtures.model(c.input(3), c.input(4), c.input(5), c.input(6));
        model.train();
        Tensor x = c.input(0), y = c.input(1);
        Pgd pgd = attack(c);
        Tensor adv = c.boolArg("has_start") ? pgd.perturb(model, x, y, c.input(2)) : pgd.perturb(model, x, y);
        assertClose(c.id(), c.expected(0), adv, 1e-12, 1e-10);
        assertEquals(true, model.isTraining(), "the model's mode is restored");
        for (Tensor p : model.parameters()) assertNull(p.grad(), "no parameter gradient is touched");
        ran[0]++;
      }));
    }
    tests.add(DynamicTest.dynamicTest("every attack case ran", () -> assertEquals(CASES, ran[0])));
    return tests.stream();
  }
}
