package io.jgrad.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Einstein summation, {@code torch.einsum} semantics without ellipsis. Each operand is first
 * reduced on its own (a letter repeated on one operand takes the diagonal view; a letter seen
 * nowhere else and not in the output is summed out), then operands are contracted pairwise,
 * left to right, as one batched matmul: letters shared and kept are batch dims, letters shared
 * and dropped are the contraction (K), the rest are the free M and N dims. Size-1 dims broadcast.
 */
final class Einsum {
  private Einsum() {}

  /**
   * {@code out[o] = sum over the letters not in the output of prod_t operand_t[letters_t]}.
   * Implicit form (no "->"): the output is the letters that appear once, in alphabetical order.
   * Shape: one output dim per output letter, sized by the operands. All operands share one dtype.
   * Examples: "ij,jk->ik" (mm), "bij,bjk->bik" (bmm), "ii->i" (diagonal), "ij->" (sum),
   * "i,j->ij" (outer), "ij,kj->ik" (a b^T).
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.einsum.html">torch.einsum</a>
   */
  static Tensor einsum(String equation, Tensor[] operands) {
    EinsumEquation eq = EinsumEquation.parse(equation, operands);
    try (TensorScope scope = TensorScope.open()) {
      List<Term> terms = new ArrayList<>();
      for (int t = 0; t < operands.length; t++) terms.add(Term.of(operands[t], eq.inputs[t]));
      // letters each stage must keep: the output's, plus those of operands still to come
      // several operands: sums stay in the operands' dtype, as torch's contraction does
      DType keepType = operands.length > 1 ? operands[0].dtype() : null;
      Term acc = reduceAlone(terms.get(0), keepSet(eq, terms, 0), keepType);
      for (int t = 1; t < terms.size(); t++) {
        String keep = keepSet(eq, terms, t);
        Term next = reduceAlone(terms.get(t), keep + acc.labels, keepType);
        acc = reduceAlone(acc, keep + next.labels, keepType);
        acc = contract(eq, acc, next, keep);
      }
      Tensor r = permuteTo(acc, eq.output).contiguous();
      return scope.keep(r);
    }
  }

  /** The output's letters and those of operands after index t. */
  private static String keepSet(EinsumEquation eq, List<Term> terms, int t) {
    StringBuilder s = new StringBuilder(eq.output);
    for (int u = t + 1; u < terms.size(); u++) s.append(terms.get(u).labels);
    return s.toString();
  }

  /** A tensor with one distinct letter per dim. */
  record Term(Tensor t, String labels) {
    /** Repeated letters become one dim whose stride is the sum of theirs (the diagonal). */
    static Term of(Tensor x, String sub) {
      StringBuilder labels = new StringBuilder();
      List<Integer> shape = new ArrayList<>(), strides = new ArrayList<>();
      for (int d = 0; d < sub.length(); d++) {
        int at = labels.indexOf(String.valueOf(sub.charAt(d)));
        if (at < 0) {
          labels.append(sub.charAt(d));
          shape.add(x.size(d));
          strides.add(x.stride(d));
        } else {
          strides.set(at, strides.get(at) + x.stride(d));
        }
      }
      Tensor v = Creation.viewOf(x, toInts(shape), toInts(strides), x.offset());
      return new Term(v, labels.toString());
    }
  }

  /** Sums out the letters of t that are not in {@code keep}. */
  private static Term reduceAlone(Term t, String keep, DType keepType) {
    List<Integer> dims = new ArrayList<>();
    StringBuilder rest = new StringBuilder();
    for (int d = 0; d < t.labels.length(); d++) {
      if (keep.indexOf(t.labels.charAt(d)) < 0) dims.add(d);
      else rest.append(t.labels.charAt(d));
    }
    if (dims.isEmpty()) return t;
    Tensor sum = t.t.sum(toInts(dims), false);
    return new Term(keepType == null || sum.dtype() == keepType ? sum : sum.to(keepType), rest.toString());
  }

  /** a (x) b over their shared letters: batch = shared and kept, K = shared and dropped. */
  private static Term contract(EinsumEquation eq, Term a, Term b, String keep) {
    StringBuilder batch = new StringBuilder(), k = new StringBuilder(), fa = new StringBuilder(), fb = new StringBuilder();
    for (char c : a.labels.toCharArray()) {
      if (b.labels.indexOf(c) >= 0) (keep.indexOf(c) >= 0 ? batch : k).append(c);
      else fa.append(c);
    }
    for (char c : b.labels.toCharArray()) if (a.labels.indexOf(c) < 0) fb.append(c);
    String la = batch + "" + fa + k, lb = batch + "" + k + fb;
    Tensor x = expandTo(permuteTo(a, la), la, eq), y = expandTo(permuteTo(b, lb), lb, eq);
    int nb = eq.numel(batch), m = eq.numel(fa), kk = eq.numel(k), n = eq.numel(fb);
    // nothing to contract (outer or elementwise products): a broadcast multiply, not nb tiny matmuls
    Tensor prod = k.length() == 0
        ? x.reshape(nb, m, 1).mul(y.reshape(nb, 1, n))
        : x.reshape(nb, m, kk).matmul(y.reshape(nb, kk, n));
    String labels = batch + "" + fa + fb;
    return new Term(prod.reshape(eq.sizes(labels)), labels);
  }

  private static Tensor permuteTo(Term t, String order) {
    int[] perm = new int[order.length()];
    for (int i = 0; i < perm.length; i++) perm[i] = t.labels.indexOf(order.charAt(i));
    return t.t.permute(perm);
  }

  /** Broadcasts size-1 dims to the size the equation gives their letter. */
  private static Tensor expandTo(Tensor x, String labels, EinsumEquation eq) {
    int[] want = eq.sizes(labels);
    return Arrays.equals(want, x.shape()) ? x : x.expand(want);
  }

  static int[] toInts(List<Integer> l) {
    int[] a = new int[l.size()];
    for (int i = 0; i < a.length; i++) a[i] = l.get(i);
    return a;
  }
}
