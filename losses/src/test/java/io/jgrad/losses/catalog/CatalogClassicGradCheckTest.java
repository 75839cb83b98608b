package io.jgrad.losses.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.autograd.GradCheck;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Float64 finite-difference gradchecks of regression_losses_core and label_smoothing_ce as the
 * registry builds them: first and second order (both are smooth away from the kinks; inputs
 * keep |r| away from 0, delta and beta), differentiating the output and, for the regression
 * losses, the target.
 */
class CatalogClassicGradCheckTest {
  record Case(String component, String spec, List<Tensor> inputs, boolean secondOrder) {}

  static Tensor randn(Generator g, int... shape) { return Tensor.randn(g, shape).to(DType.FLOAT64); }

  /** Residuals of magnitude in [0.2, 0.5] or [1.5, 2.5]: away from 0 and from delta = beta = 1. */
  static Tensor[] awayFromKinks(Generator g, int n) {
    Tensor x = randn(g, n);
    Tensor mag = Tensor.rand(g, n).to(DType.FLOAT64).mul(0.3).add(0.2);
    Tensor far = Tensor.rand(g, n).gt(0.5).to(DType.FLOAT64).mul(1.3);
    Tensor sign = Tensor.rand(g, n).gt(0.5).to(DType.FLOAT64).mul(2).sub(1);
    return new Tensor[] {x, x.add(mag.add(far).mul(sign))};
  }

  static List<Case> cases() {
    Generator g = new Generator(58);
    List<Case> l = new ArrayList<>();
    for (String form : List.of("mse", "l1", "huber", "smooth_l1")) {
      for (String red : List.of("none", "mean", "sum")) {
        Tensor[] xy = awayFromKinks(g, 7);
        l.add(new Case("regression_losses_core", "regression_losses_core:form=" + form + ",reduction=" + red, List.of(xy[0], xy[1]), true));
      }
    }
    Tensor[] xy = awayFromKinks(g, 6);
    l.add(new Case("regression_losses_core", "regression_losses_core:form=huber,delta=0.3", List.of(xy[0], xy[1]), true));
    for (String eps : List.of("0", "0.1", "0.45", "1")) {
      for (String red : List.of("none", "mean", "sum")) {
        Tensor logits = randn(g, 4, 5).mul(2);
        Tensor target = Tensor.of(new long[] {0, 4, 2, 2});
        l.add(new Case("label_smoothing_ce", "label_smoothing_ce:label_smoothing=" + eps + ",reduction=" + red, List.of(logits, target), true));
      }
    }
    l.add(new Case("label_smoothing_ce", "label_smoothing_ce:ignore_index=1", List.of(randn(g, 5, 3), Tensor.of(new long[] {1, 0, 2, 1, 0})), true));
    l.add(new Case("label_smoothing_ce", "label_smoothing_ce", List.of(randn(g, 2, 3, 4), Tensor.of(new long[] {0, 2, 1, 1, 0, 2, 2, 0}).reshape(2, 4)), true));
    return l;
  }

  @TestFactory
  Stream<DynamicTest> gradcheck() {
    List<Case> all = cases();
    int[] ran = {0};
    Stream<DynamicTest> tests = all.stream().map(k -> DynamicTest.dynamicTest(k.spec(), () -> {
      Objective o = Catalog.create(k.spec(), Objective.class);
      List<Tensor> floating = new ArrayList<>();
      for (Tensor t : k.inputs()) if (t.dtype().isFloatingPoint()) floating.add(t);
      Tensor fixedTarget = k.inputs().get(1).dtype().isFloatingPoint() ? null : k.inputs().get(1);
      java.util.function.Function<List<Tensor>, Tensor> f = in -> {
        Tensor target = fixedTarget != null ? fixedTarget : in.get(1);
        return o.loss(in.get(0), new Batch(in.get(0), target));
      };
      GradCheck.Result r = k.secondOrder() ? GradCheck.checkBoth(f, floating) : GradCheck.check(f, floating);
      assertTrue(r.comparisons() > 0, "compared nothing");
      ran[0]++;
    }));
    return Stream.concat(tests, Stream.of(DynamicTest.dynamicTest("all cases ran", () -> assertEquals(all.size(), ran[0]))));
  }

  @TestFactory
  Stream<DynamicTest> bothComponentsAreChecked() {
    return Stream.of("regression_losses_core", "label_smoothing_ce").map(id -> DynamicTest.dynamicTest(id, () ->
        assertTrue(cases().stream().anyMatch(c -> c.component().equals(id)), id)));
  }
}
