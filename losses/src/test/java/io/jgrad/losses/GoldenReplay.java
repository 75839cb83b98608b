package io.jgrad.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.jgrad.autograd.Autograd;
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
 * cases (written by {@code Golden.add}: outputs only), the way the autograd test-jar's
 * {@code GradGolden} replays gradient files. Gradient cases go to {@code grads}, value cases to
 * {@code values}; an op with no entry fails, and a final test asserts how many cases ran.
 */
final class GoldenReplay {
  /** STYLE.md section 11: gradient tolerances (forward ones are {@link Golden#ATOL}/{@link Golden#RTOL}). */
  static final double ATOL = 1e-4, RTOL = 1e-3;

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
          check(c, f);
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

  static void check(GoldenCase c, BiFunction<GoldenCase, List<Tensor>, Tensor> f) {
    JsonObject g = c.args().getAsJsonObject("grad");
    JsonArray diffArr = g.getAsJsonArray("diff");
    int[] diff = new int[diffArr.size()];
    for (int i = 0; i < diff.length; i++) diff[i] = diffArr.get(i).getAsInt();
    boolean dbl = g.get("double").getAsBoolean();
    List<Tensor> leaves = new ArrayList<>();
    List<Tensor> ins = new ArrayList<>();
    for (int i = 0; i < c.inputCount(); i++) {
      Tensor base = c.inputBase(i);
      for (int d : diff) {
        if (d == i) {
          base.requiresGrad(true);
          leaves.add(base);
        }
      }
      ins.add(c.applyView(i, base));
    }
    int k = diff.length;
    Tensor out = f.apply(c, ins);
    Golden.assertClose(c.id() + " forward", c.expected(0), out, Golden.ATOL, Golden.RTOL);
    Tensor w = c.expected(1);
    compare(c, "grad of sum", Autograd.grad(List.of(out.sum()), leaves, null, true, false, true), leaves, 2);
    List<Tensor> gW = Autograd.grad(List.of(out.mul(w).sum()), leaves, null, true, dbl, true);
    compare(c, "grad of weighted sum", gW, leaves, 2 + k);
    if (dbl) {
      Tensor total = null;
      for (int i = 0; i < k; i++) {
        Tensor gi = gW.get(i);
        if (gi == null || !gi.requiresGrad()) continue;
        Tensor term = gi.mul(c.expected(2 + 2 * k + i)).sum();
        total = total == null ? term : total.add(term);
      }
      List<Tensor> gg = new ArrayList<>();
      if (total == null) {
        for (int i = 0; i < k; i++) gg.add(null);
      } else {
        gg = Autograd.grad(List.of(total), leaves, null, false, false, true);
      }
      compare(c, "double backward", gg, leaves, 2 + 3 * k);
    }
  }

  private static void compare(GoldenCase c, String what, List<Tensor> got, List<Tensor> leaves, int first) {
    for (int i = 0; i < got.size(); i++) {
      Tensor g = got.get(i) == null ? Tensor.zerosLike(leaves.get(i)) : got.get(i);
      Golden.assertClose(c.id() + " " + what + " (input " + i + ")", c.expected(first + i), g, ATOL, RTOL);
    }
  }
}
