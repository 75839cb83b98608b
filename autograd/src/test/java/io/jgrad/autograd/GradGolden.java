package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
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
 * Replays golden gradient files written by {@code tools/golden/gen_grad_<family>.py}
 * ({@code GradGolden.add_grad}): for each case the forward output, the gradient of
 * {@code out.sum()}, of a weighted sum, and optionally a double-backward value, all from
 * PyTorch. Leaves are the inputs' contiguous bases; view steps are replayed after
 * {@code requiresGrad(true)}. Fails on ops with no Java entry and asserts how many cases ran.
 */
public final class GradGolden {
  /** STYLE.md section 11: gradient tolerances. */
  public static final double ATOL = 1e-4, RTOL = 1e-3;

  private GradGolden() {}

  /** ops: op name to a function of (case, inputs with views applied) returning the output. */
  public static Stream<DynamicTest> run(String family, Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> ops,
                                        int minCases) {
    List<GoldenCase> cases = Golden.load(family);
    int[] ran = {0};
    TreeSet<String> missing = new TreeSet<>();
    for (GoldenCase c : cases) if (!ops.containsKey(c.op())) missing.add(c.op());
    List<DynamicTest> tests = new ArrayList<>();
    for (GoldenCase c : cases) {
      tests.add(DynamicTest.dynamicTest(c.id(), () -> {
        BiFunction<GoldenCase, List<Tensor>, Tensor> f = ops.get(c.op());
        if (f == null) fail("no Java implementation registered for golden op '" + c.op() + "'");
        check(c, f);
        ran[0]++;
      }));
    }
    tests.add(DynamicTest.dynamicTest(family + ": all cases ran", () -> {
      if (!missing.isEmpty()) fail(family + ": ops without a Java implementation: " + missing);
      assertEquals(cases.size(), ran[0], family + ": cases that passed");
      if (cases.size() < minCases) fail(family + ": only " + cases.size() + " cases, expected >= " + minCases);
    }));
    return tests.stream();
  }

  /**
   * Replays one gradient case: the forward output of {@code f} on the case's inputs (views applied
   * after the leaves are marked), the gradient of its sum, of its weighted sum and, where
   * recorded, the double-backward value, against PyTorch's. Throws an AssertionError on a mismatch.
   */
  public static void check(GoldenCase c, BiFunction<GoldenCase, List<Tensor>, Tensor> f) {
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
    List<Tensor> gSum = Autograd.grad(List.of(out.sum()), leaves, null, true, false, true);
    compare(c, "grad of sum", gSum, leaves, 2);
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
      List<Tensor> gg = total == null ? nulls(k) : Autograd.grad(List.of(total), leaves, null, false, false, true);
      compare(c, "double backward", gg, leaves, 2 + 3 * k);
    }
  }

  private static List<Tensor> nulls(int k) {
    List<Tensor> l = new ArrayList<>();
    for (int i = 0; i < k; i++) l.add(null);
    return l;
  }

  private static void compare(GoldenCase c, String what, List<Tensor> got, List<Tensor> leaves, int first) {
    for (int i = 0; i < got.size(); i++) {
      Tensor g = got.get(i) == null ? Tensor.zerosLike(leaves.get(i)) : got.get(i);
      Golden.assertClose(c.id() + " " + what + " (input " + i + ")", c.expected(first + i), g, ATOL, RTOL);
    }
  }
}
