package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Finite-difference checks of every conv/pool derivative: first and second order (gradgradcheck) for every op. */
class ConvGradCheckTest {
  /** The conv/pool ops this test must cover; a new op without an entry fails {@link #coverage}. */
  static final List<String> OPS = List.of("conv1d", "conv2d", "convTranspose2d", "maxPool1d", "maxPool2d",
      "avgPool1d", "avgPool2d", "adaptiveAvgPool2d", "unfold2d", "fold2d");

  private static int[] a(int... v) { return v; }

  private static Tensor bias(List<Tensor> x, int i) { return x.size() > i ? x.get(i) : null; }

  private static List<GradCheckCase> cases() {
    List<GradCheckCase> c = new ArrayList<>();
    c.add(new GradCheckCase("conv2d", "3x3 bias", x -> x.get(0).conv2d(x.get(1), bias(x, 2), a(1), a(0), a(1), 1),
        new int[][] {{2, 3, 5, 5}, {4, 3, 3, 3}, {4}}, true));
    c.add(new GradCheckCase("conv2d", "stride 2 padding 1", x -> x.get(0).conv2d(x.get(1), bias(x, 2), a(2), a(1), a(1), 1),
        new int[][] {{1, 2, 6, 5}, {3, 2, 3, 3}, {3}}, true));
    c.add(new GradCheckCase("conv2d", "dilation 2 no bias", x -> x.get(0).conv2d(x.get(1), null, a(1), a(1), a(2), 1),
        new int[][] {{1, 2, 6, 6}, {2, 2, 3, 2}}, true));
    c.add(new GradCheckCase("conv2d", "groups 2", x -> x.get(0).conv2d(x.get(1), bias(x, 2), a(1), a(0), a(1), 2),
        new int[][] {{2, 4, 4, 4}, {4, 2, 2, 2}, {4}}, true));
    c.add(new GradCheckCase("conv2d", "depthwise", x -> x.get(0).conv2d(x.get(1), null, a(2), a(1), a(1), 3),
        new int[][] {{1, 3, 5, 5}, {6, 1, 3, 3}}, true));
    c.add(new GradCheckCase("conv2d", "unbatched, stride [2,1] padding [1,0]",
        x -> x.get(0).conv2d(x.get(1), bias(x, 2), a(2, 1), a(1, 0), a(1, 1), 1),
        new int[][] {{2, 5, 4}, {3, 2, 2, 3}, {3}}, true));
    c.add(new GradCheckCase("conv1d", "k3 bias", x -> x.get(0).conv1d(x.get(1), bias(x, 2), 1, 0, 1, 1),
        new int[][] {{2, 3, 7}, {4, 3, 3}, {4}}, true));
    c.add(new GradCheckCase("conv1d", "stride 2 padding 1 dilation 2", x -> x.get(0).conv1d(x.get(1), null, 2, 1, 2, 1),
        new int[][] {{2, 2, 8}, {3, 2, 3}}, true));
    c.add(new GradCheckCase("conv1d", "groups 2 unbatched", x -> x.get(0).conv1d(x.get(1), bias(x, 2), 1, 1, 1, 2),
        new int[][] {{4, 6}, {2, 2, 3}, {2}}, true));
    c.add(new GradCheckCase("convTranspose2d", "stride 2 padding 1 outputPadding 1",
        x -> x.get(0).convTranspose2d(x.get(1), bias(x, 2), a(2), a(1), a(1), 1, a(1)),
        new int[][] {{2, 3, 3, 3}, {3, 2, 3, 3}, {2}}, true));
    c.add(new GradCheckCase("convTranspose2d", "groups 2", x -> x.get(0).convTranspose2d(x.get(1), null, a(1), a(0), a(0), 2, a(1)),
        new int[][] {{1, 4, 3, 3}, {4, 1, 2, 2}}, true));
    c.add(new GradCheckCase("convTranspose2d", "dilation 2 outputPadding 1 >= stride",
        x -> x.get(0).convTranspose2d(x.get(1), bias(x, 2), a(1), a(0), a(1), 1, a(2)),
        new int[][] {{1, 2, 3, 3}, {2, 2, 2, 2}, {2}}, true));
    c.add(new GradCheckCase("convTranspose2d", "unbatched stride [2,1]",
        x -> x.get(0).convTranspose2d(x.get(1), null, a(2, 1), a(0, 1), a(1, 0), 1, a(1)),
        new int[][] {{2, 3, 3}, {2, 3, 2, 3}}, true));
    c.add(new GradCheckCase("unfold2d", "k [2,3] dilation [1,2] padding 1 stride [2,1]",
        x -> x.get(0).unfold2d(a(2, 3), a(1, 2), a(1), a(2, 1)), new int[][] {{2, 2, 5, 6}}, true));
    c.add(new GradCheckCase("unfold2d", "unbatched 3x3 padding 1", x -> x.get(0).unfold2d(a(3), a(1), a(1), a(1)),
        new int[][] {{2, 4, 4}}, true));
    c.add(new GradCheckCase("fold2d", "k 2 stride 1 (overlapping windows) into 4x5",
        x -> x.get(0).fold2d(a(4, 5), a(2), a(1), a(0), a(1)), new int[][] {{2, 8, 12}}, true));
    c.add(new GradCheckCase("fold2d", "k 3 padding 1 stride 2 into 5x5", x -> x.get(0).fold2d(a(5), a(3), a(1), a(1), a(2)),
        new int[][] {{1, 18, 9}}, true));
    c.add(new GradCheckCase("maxPool2d", "k2 s2", x -> x.get(0).maxPool2d(a(2), a(2), a(0), a(1), false),
        new int[][] {{2, 2, 4, 5}}, true));
    c.add(new GradCheckCase("maxPool2d", "k3 s2 p1 ceil overlapping", x -> x.get(0).maxPool2d(a(3), a(2), a(1), a(1), true),
        new int[][] {{1, 2, 6, 5}}, true));
    c.add(new GradCheckCase("maxPool2d", "dilation 2 unbatched", x -> x.get(0).maxPool2d(a(2), a(1), a(0), a(2), false),
        new int[][] {{2, 5, 5}}, true));
    c.add(new GradCheckCase("maxPool1d", "k3 s2 p1 ceil", x -> x.get(0).maxPool1d(3, 2, 1, 1, true), new int[][] {{2, 2, 8}}, true));
    c.add(new GradCheckCase("maxPool1d", "k2 dilation 2 unbatched", x -> x.get(0).maxPool1d(2, 1, 0, 2, false),
        new int[][] {{3, 7}}, true));
    for (boolean incl : new boolean[] {true, false}) {
      c.add(new GradCheckCase("avgPool2d", "k3 s2 p1 ceil incl=" + incl, x -> x.get(0).avgPool2d(a(3), a(2), a(1), true, incl),
          new int[][] {{1, 2, 6, 5}}, true));
      c.add(new GradCheckCase("avgPool1d", "k3 s2 p1 ceil incl=" + incl, x -> x.get(0).avgPool1d(3, 2, 1, true, incl),
          new int[][] {{2, 2, 8}}, true));
    }
    c.add(new GradCheckCase("avgPool2d", "k2 default stride unbatched", x -> x.get(0).avgPool2d(a(2), null, a(0), false, true),
        new int[][] {{2, 5, 4}}, true));
    c.add(new GradCheckCase("avgPool1d", "k2 s1", x -> x.get(0).avgPool1d(2, 1, 0, false, true), new int[][] {{2, 5}}, true));
    c.add(new GradCheckCase("adaptiveAvgPool2d", "5x7 -> 3x4 overlapping", x -> x.get(0).adaptiveAvgPool2d(3, 4),
        new int[][] {{2, 2, 5, 7}}, true));
    c.add(new GradCheckCase("adaptiveAvgPool2d", "unbatched 4x4 -> 2x2", x -> x.get(0).adaptiveAvgPool2d(2, 2),
        new int[][] {{3, 4, 4}}, true));
    return c;
  }

  @TestFactory
  Stream<DynamicTest> firstOrder() { return GradCheckCase.firstOrder(cases()); }

  @TestFactory
  Stream<DynamicTest> secondOrder() { return GradCheckCase.secondOrder(cases()); }

  @Test
  void coverage() {
    TreeSet<String> covered = new TreeSet<>();
    for (GradCheckCase c : cases()) covered.add(c.op());
    assertEquals(new TreeSet<>(OPS), covered, "ops covered by the gradcheck");
    // every derivative this family registers has gradcheck cases (a new one without fails here)
    java.util.Map<String, Derivative> registered = new java.util.HashMap<>();
    ConvDerivatives.register(registered);
    assertEquals(new TreeSet<>(registered.keySet()), covered, "registered derivatives vs gradcheck cases");
    for (String op : OPS) {
      if (!Derivatives.names().contains(op)) throw new AssertionError("not in the catalogue: " + op);
    }
    assertEquals(OPS.size(), covered.size());
  }
}
