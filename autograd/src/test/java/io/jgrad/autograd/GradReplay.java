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
 * Replays a {@code GradGolden} file like {@link GradGolden#run}, but seeds the backward pass
 * with gradOutputs (ones, w, v) instead of differentiating {@code out.sum()} and
 * {@code (out * w).sum()}: the same vector-Jacobian products, without recording mul/sum, whose
 * derivatives belong to other families. So the movement/indexing derivatives are tested alone.
 */
final class GradReplay {
  private GradReplay() {}

  static Stream<DynamicTest> run(String family, Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> ops,
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

  static void check(GoldenCase c, BiFunction<GoldenCase, List<Tensor>, Tensor> f) {
    JsonObject g = c.args().getAsJsonObject("grad");
    JsonArray diffArr = g.getAsJsonArray("diff");
    int k = diffArr.size();
    boolean dbl = g.get("double").getAsBoolean();
    List<Tensor> leaves = new ArrayList<>();
    List<Tensor> ins = new ArrayList<>();
    for (int i = 0; i < c.inputCount(); i++) {
      Tensor base = c.inputBase(i);
      for (int j = 0; j < k; j++) {
        if (diffArr.get(j).getAsInt() == i) {
          base.requiresGrad(true);
          leaves.add(base);
        }
      }
      ins.add(c.applyView(i, base));
    }
    Tensor out = f.apply(c, ins);
    Golden.assertClose(c.id() + " forward", c.expected(0), out, Golden.ATOL, Golden.RTOL);
    List<Tensor> gSum = Autograd.grad(List.of(out), leaves, List.of(Tensor.onesLike(out)), true, false, true);
    compare(c, "grad of sum", gSum, leaves, 2);
    List<Tensor> gW = Autograd.grad(List.of(out), leaves, List.of(c.expected(1)), true, dbl, true);
    compare(c, "grad of weighted sum", gW, leaves, 2 + k);
    if (dbl) {
      List<Tensor> outs = new ArrayList<>(), vs = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        if (gW.get(i) == null || !gW.get(i).requiresGrad()) continue;
        outs.add(gW.get(i));
        vs.add(c.expected(2 + 2 * k + i));
      }
      List<Tensor> gg = outs.isEmpty() ? new ArrayList<>(java.util.Collections.nCopies(k, (Tensor) null))
          : Autograd.grad(outs, leaves, vs, false, false, true);
      compare(c, "double backward", gg, leaves, 2 + 3 * k);
    }
  }

  private static void compare(GoldenCase c, String what, List<Tensor> got, List<Tensor> leaves, int first) {
    for (int i = 0; i < got.size(); i++) {
      Tensor g = got.get(i) == null ? Tensor.zerosLike(leaves.get(i)) : got.get(i);
      Golden.assertClose(c.id() + " " + what + " (input " + i + ")", c.expected(first + i), g, GradGolden.ATOL,
          GradGolden.RTOL);
    }
  }
}
