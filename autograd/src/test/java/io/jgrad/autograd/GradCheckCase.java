package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * One float64 finite-difference check of a family's gradcheck table: {@code f} applied to seeded
 * inputs of {@code shapes} (uniform in [-1, 1)), checked to first order and, when {@code second},
 * to second order. Shared by the family GradCheck tests (conv, linalg, decompositions).
 */
record GradCheckCase(String op, String name, Function<List<Tensor>, Tensor> f, int[][] shapes, boolean second) {

  /** Random float64 tensor with entries in [-1, 1). */
  static Tensor rand(SplittableRandom r, int... shape) {
    int n = 1;
    for (int s : shape) n *= s;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = r.nextDouble(-1, 1);
    return Tensor.fromArray(v, shape);
  }

  static List<Tensor> inputs(int[][] shapes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Tensor> l = new ArrayList<>();
    for (int[] s : shapes) l.add(rand(r, s));
    return l;
  }

  /** GradCheck.check of every case, case i with input seed 1 + i. */
  static Stream<DynamicTest> firstOrder(List<GradCheckCase> cases) {
    List<DynamicTest> t = new ArrayList<>();
    long seed = 1;
    for (GradCheckCase c : cases) {
      long s = seed++;
      t.add(DynamicTest.dynamicTest(c.op() + " " + c.name(), () -> GradCheck.check(c.f(), inputs(c.shapes(), s))));
    }
    return t.stream();
  }

  /** GradCheck.checkSecondOrder of the cases marked second, seeds from 100. */
  static Stream<DynamicTest> secondOrder(List<GradCheckCase> cases) {
    List<DynamicTest> t = new ArrayList<>();
    long seed = 100;
    for (GradCheckCase c : cases) {
      if (!c.second()) continue;
      long s = seed++;
      t.add(DynamicTest.dynamicTest(c.op() + " " + c.name(),
          () -> GradCheck.checkSecondOrder(c.f(), inputs(c.shapes(), s))));
    }
    return t.stream();
  }
}
