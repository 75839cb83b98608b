package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.PadMode;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Finite-difference checks (first and second order) of every movement, indexing and joining
 * derivative. All these ops are linear in their differentiable inputs, so second order
 * (gradgradcheck: the backward itself differentiated in x and in the cotangent) must pass too.
 * {@link #everyOpHasAnEntry} fails when one of the three families registers an op with no case here.
 */
class IndexingGradCheckTest {
  /** needs: derivatives of other families that this op's backward records (second order only). */
  private record Case(String op, Function<List<Tensor>, Tensor> f, List<Tensor> inputs, GradCheck.Options options,
                      Set<String> needs) {
    Case needing(String... ops) { return new Case(op, f, inputs, options, Set.of(ops)); }

    Case with(GradCheck.Options o) { return new Case(op, f, inputs, o, needs); }
  }

  private static final SplittableRandom RND = new SplittableRandom(20261126);

  private static Tensor r(int... shape) {
    int n = 1;
    for (int s : shape) n *= s;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = RND.nextDouble(-2, 2);
    return Tensor.fromArray(v, shape);
  }

  private static Tensor idx(long... v) { return Tensor.of(v); }

  private static Tensor idx2(int rows, int cols, long... v) { return Tensor.of(v).reshape(rows, cols); }

  private static Case c(String op, Function<List<Tensor>, Tensor> f, Tensor... in) { return new Case(op, f, List.of(in), GradCheck.Options.defaults(), Set.of()); }

  static List<Case> cases() {
    List<Case> l = new ArrayList<>();
    // movement: inputs are often made non-contiguous inside f (transpose / stepped slice)
    l.add(c("view", in -> in.get(0).view(4, 6), r(2, 3, 4)));
    l.add(c("reshape", in -> in.get(0).t().reshape(12), r(3, 4)));
    l.add(c("permute", in -> in.get(0).permute(2, 0, 1), r(2, 3, 4)));
    l.add(c("transpose", in -> in.get(0).transpose(0, 2), r(2, 3, 4)));
    l.add(c("t", in -> in.get(0).t(), r(3, 5)));
    l.add(c("movedim", in -> in.get(0).movedim(0, 2), r(2, 3, 4)));
    l.add(c("expand", in -> in.get(0).expand(2, 3, 4), r(3, 1)).needing("sum", "reshape"));
    l.add(c("narrow", in -> in.get(0).narrow(1, 1, 3), r(3, 5)));
    l.add(c("slice", in -> in.get(0).slice(1, 1, 9, 3), r(2, 10)));
    l.add(c("select", in -> in.get(0).select(1, -2), r(3, 4)));
    l.add(c("squeeze", in -> in.get(0).squeeze(), r(1, 3, 1, 2)));
    l.add(c("squeezeDim", in -> in.get(0).squeeze(2), r(3, 2, 1)));
    l.add(c("unsqueeze", in -> in.get(0).unsqueeze(1), r(3, 2)));
    l.add(c("flatten", in -> in.get(0).flatten(0, 1), r(2, 3, 2)));
    l.add(c("unflatten", in -> in.get(0).unflatten(1, 2, 3), r(2, 6)));
    l.add(c("unfold", in -> in.get(0).unfold(1, 4, 2), r(2, 9)));
    l.add(c("contiguous", in -> in.get(0).t().contiguous(), r(3, 4)));
    l.add(c("copy", in -> in.get(0).copy(), r(3, 4)));
    // Through float32: a large step keeps the rounding error of the difference below atol (f is linear).
    l.add(c("toDtype", in -> in.get(0).to(DType.FLOAT32).to(DType.FLOAT64), r(3, 4))
        .with(GradCheck.Options.defaults().withEps(0.1).withAtol(1e-4)));
    l.add(c("toDevice", in -> in.get(0).to(Device.CPU), r(3, 4)));
    // indexing: repeated indices so gradients accumulate
    l.add(c("gather", in -> in.get(0).gather(1, in.get(1)), r(3, 4), idx2(3, 5, 0, 0, 3, 1, 1, 2, 2, 2, 3, 0, 1, 3, 3, 3, 0)));
    l.add(c("scatter", in -> in.get(0).scatter(1, in.get(1), in.get(2)), r(3, 5), idx2(2, 3, 4, 0, 2, 1, 3, 0), r(2, 3)));
    l.add(c("scatterValue", in -> in.get(0).scatter(0, in.get(1), 2.5), r(4, 3), idx2(2, 3, 1, 1, 3, 0, 2, 1)));
    l.add(c("scatterAdd", in -> in.get(0).scatterAdd(1, in.get(1), in.get(2)), r(2, 4), idx2(2, 5, 0, 0, 3, 3, 3, 1, 2, 1, 1, 0), r(2, 5)));
    l.add(c("indexSelect", in -> in.get(0).indexSelect(0, in.get(1)), r(4, 3), idx(3, 0, 3, 3, 1)));
    l.add(c("indexAdd", in -> in.get(0).indexAdd(1, in.get(1), in.get(2), -1.5), r(3, 4), idx(2, 2, 0), r(3, 3)).needing("mulScalar"));
    l.add(c("maskedFill", in -> in.get(0).maskedFill(in.get(1), 7), r(3, 4), Tensor.of(true, false, false, true)));
    l.add(c("maskedSelect", in -> in.get(0).t().maskedSelect(in.get(1)), r(3, 2), Tensor.of(true, false, true)));
    l.add(c("take", in -> in.get(0).take(in.get(1)), r(3, 4), idx(0, 11, -1, 5, 5, -12)));
    l.add(c("cat", in -> Tensor.cat(in, 1), r(2, 3), r(2, 1), r(2, 4)));
    l.add(c("stack", in -> Tensor.stack(in, -1), r(2, 3), r(2, 3)));
    l.add(c("flip", in -> in.get(0).flip(0, 2), r(2, 3, 4)));
    l.add(c("roll", in -> in.get(0).roll(new int[] {1, -4}, new int[] {0, 1}), r(3, 4)));
    l.add(c("repeat", in -> in.get(0).repeat(2, 1, 3), r(2, 3)).needing("sum"));
    l.add(c("tril", in -> in.get(0).tril(-1), r(4, 4)));
    l.add(c("triu", in -> in.get(0).triu(1), r(3, 5)));
    for (PadMode mode : PadMode.values()) {
      l.add(c("pad", in -> in.get(0).pad(new int[] {2, 1, 1, 2}, mode, 0.5), r(1, 2, 4, 3)));
    }
    l.add(c("pad", in -> in.get(0).pad(new int[] {-1, 2}, PadMode.CONSTANT, 1), r(2, 5)));
    l.add(c("pad", in -> in.get(0).pad(new int[] {3, -1}, PadMode.CIRCULAR, 0), r(1, 2, 5)));
    return l;
  }

  @TestFactory
  Stream<DynamicTest> firstOrder() {
    return cases().stream().map(k -> DynamicTest.dynamicTest(k.op(), () -> {
      GradCheck.Result res = GradCheck.check(k.f(), k.inputs(), k.options());
      assertTrue(res.comparisons() > 0, k.op() + ": nothing compared");
    }));
  }

  @TestFactory
  Stream<DynamicTest> secondOrder() {
    return cases().stream().map(k -> DynamicTest.dynamicTest(k.op(), () -> {
      // Skipped (not passed) until the family owning the recorded helper op is merged.
      assumeTrue(Derivatives.names().containsAll(k.needs()), k.op() + ": second order needs " + k.needs());
      GradCheck.Result res = GradCheck.checkSecondOrder(k.f(), k.inputs(), k.options());
      assertTrue(res.comparisons() > 0, k.op() + ": nothing compared");
    }));
  }

  @Test
  void everyOpHasAnEntry() {
    Map<String, Derivative> mine = new HashMap<>();
    MovementDerivatives.register(mine);
    IndexingDerivatives.register(mine);
    TreeSet<String> covered = new TreeSet<>();
    for (Case k : cases()) covered.add(k.op());
    TreeSet<String> missing = new TreeSet<>(mine.keySet());
    missing.removeAll(covered);
    assertTrue(missing.isEmpty(), "ops with no gradcheck case: " + missing);
    assertTrue(mine.keySet().containsAll(covered), "cases for unregistered ops: " + covered);
    assertEquals(37, covered.size(), "ops covered: " + covered);
  }
}
