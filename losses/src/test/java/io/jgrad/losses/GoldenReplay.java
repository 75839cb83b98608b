package io.jgrad.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jgrad.autograd.GradGolden;
import io.jgrad.tensor.Golden;
import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Replays a catalog golden file that mixes gradient cases (written by {@code GradGolden.add_grad}:
 * output, gradient of the sum, of a weighted sum, optionally a double-backward value) and value
 * cases (written by {@code Golden.add}: outputs only). Gradient cases go to {@code grads} and are
 * checked by the autograd test-jar's {@link GradGolden#check}, value cases to
 * {@code values}; an op with no entry fails, and a final test asserts how many cases ran.
 */
final class GoldenReplay {
  /** STYLE.md section 11: gradient tolerances (forward ones are {@link Golden#ATOL}/{@link Golden#RTOL}). */
  static final double ATOL = GradGolden.ATOL, RTOL = GradGolden.RTOL;

  private GoldenReplay() {}

  static Stream<DynamicTest> run(String family, Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> grads,
                                 Map<String, java.util.function.Consumer<GoldenCase>> values, int minCases) {
    List<GoldenCase> cases = Golden.load(family);
    int[] ran = {0};
    TreeSet<String> missing = new TreeSet<>();
    List<DynamicTest> tests = new ArrayList<>();
    for (GoldenCase c : cases) {
      boolean isGrad = c.args().has("grad");
      if (isGrad ? !grads.containsKey(c.op()) : !values.containsKey(c.op())) missing.add(c.op());
      tests.add(DynamicTest.dynamicTest(c.id(), () -> {
        if (isGrad) {
          BiFunction<GoldenCase, List<Tensor>, Tensor> f = grads.get(c.op());
          if (f == null) fail("no Java implementation for gradient golden op '" + c.op() + "'");
          GradGolden.check(c, f);
        } else {
          var f = values.get(c.op());
          if (f == null) fail("no Java implementation for value golden op '" + c.op() + "'");
          f.accept(c);
        }
        ran[0]++;
      }));
    }
    tests.add(DynamicTest.dynamicTest(family + ": all cases ran", () -> {
      if (!missing.isEmpty()) fail(family + ": ops without a Java implementation: " + missing);
      assertEquals(cases.size(), ran[0], family + ": cases that passed");
      assertTrue(cases.size() >= minCases, family + ": only " + cases.size() + " cases, expected >= " + minCases);
    }));
    return tests.stream();
  }
}
