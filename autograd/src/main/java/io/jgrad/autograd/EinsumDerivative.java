package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The derivative of {@code einsum}: the gradient of operand t is itself an einsum, of the
 * output gradient with every other operand, onto t's distinct letters:
 * {@code dX_t[U] = einsum(out, S_u (u != t) -> U)(G, X_u...)}. Then, in order: letters t
 * shares with no other term (summed out alone in the forward) are broadcast back; letters t
 * holds with size 1 while the others broadcast them are summed back to 1; and letters repeated
 * in t's subscripts (a diagonal, "ii") are scattered onto the diagonal by a product with
 * identity matrices. Every step is an einsum, expand or sum, so the result is differentiable.
 */
final class EinsumDerivative {
  private EinsumDerivative() {}

  static Tensor[] backward(Ctx ctx, Tensor g) {
    String equation = ctx.param(0, String.class).replace(" ", "");
    int n = ctx.inputCount();
    int arrow = equation.indexOf("->");
    String[] subs = (arrow < 0 ? equation : equation.substring(0, arrow)).split(",", -1);
    String out = arrow < 0 ? implicitOutput(subs) : equation.substring(arrow + 2);
    Tensor[] grads = new Tensor[n];
    for (int t = 0; t < n; t++) if (ctx.needsGrad(t)) grads[t] = operandGrad(ctx, g, subs, out, t);
    return grads;
  }

  private static Tensor operandGrad(Ctx ctx, Tensor g, String[] subs, String out, int t) {
    Tensor x = ctx.input(t);
    String sub = subs[t];
    String distinct = distinct(sub);
    StringBuilder avail = new StringBuilder(out);
    StringBuilder lhs = new StringBuilder(out);
    List<Tensor> ops = new ArrayList<>();
    ops.add(g);
    for (int u = 0; u < subs.length; u++) {
      if (u == t) continue;
      lhs.append(',').append(subs[u]);
      avail.append(subs[u]);
      ops.add(ctx.input(u));
    }
    StringBuilder kept = new StringBuilder();
    for (char c : distinct.toCharArray()) if (avail.indexOf(String.valueOf(c)) >= 0) kept.append(c);
    Tensor d = Tensor.einsum(lhs + "->" + kept, ops.toArray(new Tensor[0]));
    // letters x holds with size 1 that the other terms broadcast: sum back to 1
    List<Integer> sumDims = new ArrayList<>();
    for (int k = 0; k < kept.length(); k++) {
      if (sizeOf(x, sub, kept.charAt(k)) == 1 && d.size(k) != 1) sumDims.add(k);
    }
    if (!sumDims.isEmpty()) d = d.sum(sumDims.stream().mapToInt(Integer::intValue).toArray(), true);
    // letters only x has (summed alone in the forward): the gradient is broadcast along them
    if (kept.length() != distinct.length()) {
      int[] shape = new int[distinct.length()];
      int[] view = new int[distinct.length()];
      for (int k = 0; k < shape.length; k++) {
        char c = distinct.charAt(k);
        shape[k] = sizeOf(x, sub, c);
        view[k] = kept.indexOf(String.valueOf(c)) >= 0 ? shape[k] : 1;
      }
      d = d.reshape(view).expand(shape);
    }
    if (distinct.length() == sub.length()) return d;
    return diagonal(d, x, sub, distinct, String.join("", subs) + out);
  }

  /**
   * Places d (indexed by x's distinct letters) on the diagonals of x's repeated letters: each
   * repeat gets a fresh letter c' and a factor eye[c, c'].
   */
  private static Tensor diagonal(Tensor d, Tensor x, String sub, String distinct, String used) {
    StringBuilder target = new StringBuilder(), lhs = new StringBuilder(distinct);
    List<Tensor> ops = new ArrayList<>();
    ops.add(d);
    StringBuilder seen = new StringBuilder(), taken = new StringBuilder(used);
    for (int k = 0; k < sub.length(); k++) {
      char c = sub.charAt(k);
      if (seen.indexOf(String.valueOf(c)) < 0) {
        seen.append(c);
        target.append(c);
        continue;
      }
      char fresh = freshLetter(taken);
      taken.append(fresh);
      target.append(fresh);
      int size = x.size(k);
      lhs.append(',').append(c).append(fresh);
      ops.add(IndexingDerivatives.onDevice(Tensor.eye(size, size, d.dtype()), d.device()));
    }
    return Tensor.einsum(lhs + "->" + target, ops.toArray(new Tensor[0]));
  }

  private static char freshLetter(CharSequence taken) {
    String s = taken.toString();
    for (char c = 'a'; c <= 'z'; c++) if (s.indexOf(c) < 0) return c;
    for (char c = 'A'; c <= 'Z'; c++) if (s.indexOf(c) < 0) return c;
    throw new IllegalArgumentException("einsum backward: no free subscript letter left for a diagonal");
  }

  private static int sizeOf(Tensor x, String sub, char c) { return x.size(sub.indexOf(c)); }

  private static String distinct(String sub) {
    StringBuilder s = new StringBuilder();
    for (char c : sub.toCharArray()) if (s.indexOf(String.valueOf(c)) < 0) s.append(c);
    return s.toString();
  }

  /** Letters that appear exactly once over all inputs, alphabetically (torch's implicit output). */
  static String implicitOutput(String[] inputs) {
    int[] count = new int[128];
    for (String s : inputs) for (char c : s.toCharArray()) if (c < 128) count[c]++;
    StringBuilder out = new StringBuilder();
    for (char c = 'A'; c <= 'z'; c++) if (count[c] == 1) out.append(c);
    return out.toString();
  }
}
