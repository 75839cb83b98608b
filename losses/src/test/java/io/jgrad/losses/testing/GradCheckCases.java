package io.jgrad.losses.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.autograd.GradCheck;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs the catalog families' float64 finite-difference gradchecks ({@link GradCheck}, default
 * options: central differences, eps 1e-6, atol 1e-5, rtol 1e-3). Each case names its catalog id
 * (the coverage test scans the *GradCheckTest sources for it) and says whether the second order is
 * checked too. Every form ends with an "all cases ran" test.
 */
public final class GradCheckCases {
  private GradCheckCases() {}

  /** One checked function: its catalog id, a label, the float64 inputs, the function, and whether to check the second order. */
  public interface Case {
    String component();

    String name();

    List<Tensor> inputs();

    Function<List<Tensor>, Tensor> f();

    boolean second();
  }

  /** One test per case: the first order, then the second where the case asks for it. */
  public static Stream<DynamicTest> combined(List<? extends Case> cases) {
    int[] ran = {0};
    List<DynamicTest> tests = new ArrayList<>();
    for (Case k : cases) {
      tests.add(DynamicTest.dynamicTest(k.component() + " / " + k.name() + (k.second() ? " (first and second order)" : " (first order)"), () -> {
        GradCheck.Result r = k.second() ? GradCheck.checkBoth(k.f(), k.inputs()) : GradCheck.check(k.f(), k.inputs());
        assertTrue(r.comparisons() > 0, k.name() + ": compared nothing");
        ran[0]++;
      }));
    }
    tests.add(DynamicTest.dynamicTest("all cases ran", () -> assertEquals(cases.size(), ran[0])));
    return tests.stream();
  }

  /** One test per case and order: the first order of every case, and the second order of those that ask for it. */
  public static Stream<DynamicTest> perOrder(List<? extends Case> cases) {
    int[] ran = {0};
    List<DynamicTest> tests = new ArrayList<>();
    for (Case k : cases) {
      tests.add(DynamicTest.dynamicTest(k.component() + " " + k.name() + " first order", () -> {
        assertTrue(GradCheck.check(k.f(), k.inputs()).comparisons() > 0, k.name() + ": compared nothing");
        ran[0]++;
      }));
      if (k.second()) {
        tests.add(DynamicTest.dynamicTest(k.component() + " " + k.name() + " second order", () -> {
          assertTrue(GradCheck.checkSecondOrder(k.f(), k.inputs()).comparisons() > 0, k.name() + ": compared nothing");
          ran[0]++;
        }));
      }
    }
    long expected = cases.size() + cases.stream().filter(Case::second).count();
    tests.add(DynamicTest.dynamicTest("all cases ran", () -> assertEquals(expected, ran[0])));
    return tests.stream();
  }
}
