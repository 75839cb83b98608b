package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Finite-difference checks of every linalg derivative: first and second order (gradgradcheck) for every op. */
class LinalgGradCheckTest {
  /** The linalg ops this test must cover; a new linalg op without an entry fails {@link #coverage}. */
  static final List<String> OPS = List.of("matmul", "mm", "bmm", "dot", "outer", "einsum", "cdist");

  private static List<GradCheckCase> cases() {
    List<GradCheckCase> c = new ArrayList<>();
    Function<List<Tensor>, Tensor> mat = x -> x.get(0).matmul(x.get(1));
    c.add(new GradCheckCase("matmul", "1d x 1d", mat, new int[][] {{4}, {4}}, true));
    c.add(new GradCheckCase("matmul", "1d x 2d", mat, new int[][] {{3}, {3, 2}}, true));
    c.add(new GradCheckCase("matmul", "2d x 1d", mat, new int[][] {{2, 3}, {3}}, true));
    c.add(new GradCheckCase("matmul", "2d x 2d", mat, new int[][] {{2, 3}, {3, 4}}, true));
    c.add(new GradCheckCase("matmul", "1d x 3d", mat, new int[][] {{3}, {2, 3, 2}}, true));
    c.add(new GradCheckCase("matmul", "3d x 1d", mat, new int[][] {{2, 2, 3}, {3}}, true));
    c.add(new GradCheckCase("matmul", "batch broadcast", mat, new int[][] {{2, 1, 2, 3}, {3, 3, 2}}, true));
    c.add(new GradCheckCase("matmul", "3d x 2d", mat, new int[][] {{2, 2, 3}, {3, 2}}, true));
    c.add(new GradCheckCase("matmul", "transposed operand", x -> x.get(0).transpose(0, 1).matmul(x.get(1)),
        new int[][] {{3, 2}, {3, 2}}, true));
    c.add(new GradCheckCase("mm", "2d", x -> x.get(0).mm(x.get(1)), new int[][] {{2, 3}, {3, 4}}, true));
    c.add(new GradCheckCase("bmm", "3d", x -> x.get(0).bmm(x.get(1)), new int[][] {{2, 2, 3}, {2, 3, 2}}, true));
    c.add(new GradCheckCase("dot", "1d", x -> x.get(0).dot(x.get(1)), new int[][] {{5}, {5}}, true));
    c.add(new GradCheckCase("outer", "1d", x -> x.get(0).outer(x.get(1)), new int[][] {{3}, {4}}, true));
    String[][] eqs = {
      {"ij,jk->ik", "2,3", "3,4"}, {"bij,bjk->bik", "2,2,3", "2,3,2"}, {"ii->i", "3,3"}, {"ii->", "3,3"},
      {"ij->", "2,3"}, {"ij->ji", "2,3"}, {"i,j->ij", "3", "2"}, {"ij,kj->ik", "2,3", "4,3"}, {"ij,ij->i", "2,3", "2,3"},
      {"ijk->ik", "2,3,2"}, {"ij,jk", "2,3", "3,2"}, {"iij,j->i", "2,2,3", "3"}, {"ij,j->ij", "2,3", "1"},
      {"ij,jk,kl->il", "2,3", "3,2", "2,2"}, {"ik,jk->", "2,3", "4,3"}, {"i,i->", "4", "4"}, {"bii->bi", "2,3,3"}};
    for (String[] e : eqs) {
      int[][] shapes = new int[e.length - 1][];
      for (int i = 1; i < e.length; i++) {
        shapes[i - 1] = java.util.Arrays.stream(e[i].split(",")).mapToInt(Integer::parseInt).toArray();
      }
      c.add(new GradCheckCase("einsum", e[0], x -> Tensor.einsum(e[0], x.toArray(new Tensor[0])), shapes, true));
    }
    for (double p : new double[] {2, 1, 0, 0.5, 1.5, 3, Double.POSITIVE_INFINITY}) {
      c.add(new GradCheckCase("cdist", "p=" + p, x -> Tensor.cdist(x.get(0), x.get(1), p), new int[][] {{3, 2}, {4, 2}}, true));
    }
    c.add(new GradCheckCase("cdist", "batched broadcast p=2", x -> Tensor.cdist(x.get(0), x.get(1), 2),
        new int[][] {{2, 1, 3, 2}, {3, 4, 2}}, true));
    c.add(new GradCheckCase("cdist", "batched p=3", x -> Tensor.cdist(x.get(0), x.get(1), 3),
        new int[][] {{2, 3, 2}, {2, 2, 2}}, true));
    c.add(new GradCheckCase("cdist", "mm path p=2 (27 rows)", x -> Tensor.cdist(x.get(0), x.get(1), 2),
        new int[][] {{27, 2}, {3, 2}}, true));
    return c;
  }

  @TestFactory
  Stream<DynamicTest> firstOrder() { return GradCheckCase.firstOrder(cases()); }

  @TestFactory
  Stream<DynamicTest> secondOrder() { return GradCheckCase.secondOrder(cases()); }

  @org.junit.jupiter.api.Test
  void coverage() {
    TreeSet<String> covered = new TreeSet<>();
    for (GradCheckCase c : cases()) covered.add(c.op());
    assertEquals(new TreeSet<>(OPS), covered, "ops covered by the gradcheck");
    // every derivative this family registers has gradcheck cases (a new one without fails here)
    java.util.Map<String, Derivative> registered = new java.util.HashMap<>();
    LinalgDerivatives.register(registered);
    assertEquals(new TreeSet<>(registered.keySet()), covered, "registered derivatives vs gradcheck cases");
    for (String op : OPS) {
      if (!Derivatives.names().contains(op)) throw new AssertionError("not in the catalogue: " + op);
    }
    assertEquals(OPS.size(), covered.size());
  }
}
