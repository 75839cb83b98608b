package io.jgrad.tensor;

import io.jgrad.tensor.spi.View;

/**
 * Matrix products: matmul (NumPy/PyTorch semantics), mm, bmm, dot, outer, and the front doors
 * of einsum ({@link Einsum}) and cdist ({@link Cdist}). Each builds strided views and makes one
 * (or a few) calls of the backend's batched {@code matmul}; no operand is copied unless its
 * broadcast batch dims cannot be described by one stride.
 */
final class LinearAlgebra {
  private LinearAlgebra() {}

  /**
   * Matrix product with PyTorch's {@code torch.matmul} rules: 1-D x 1-D is a dot product (0-dim
   * result); a 1-D first operand is a row vector [1,K], a 1-D second operand a column [K,1], and
   * the added dim is removed from the result; leading (batch) dims broadcast.
   * {@code out[..., i, j] = sum_k a[..., i, k] * b[..., k, j]}, accumulated in the operands' dtype.
   *
   * <p>Shape: [..., M, K] x [..., K, N] -> [broadcast(...), M, N]; e.g. [2,1,3,4] x [5,4,6] -> [2,5,3,6].
   * Both operands must have the same dtype (as in PyTorch; float32, float64, int32, int64).
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.matmul.html">torch.matmul</a>
   */
  static Tensor matmul(Tensor a, Tensor b) {
    checkPair("matmul", a, b);
    if (a.dim() == 0 || b.dim() == 0) {
      throw new IllegalArgumentException("matmul: both arguments need to be at least 1-D, got shapes "
          + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()));
    }
    View av = a.layout(), bv = b.layout();
    boolean aVec = a.dim() == 1, bVec = b.dim() == 1;
    if (aVec) av = av.with(new int[] {1, av.size(0)}, new int[] {0, av.stride(0)}, av.offset());
    if (bVec) bv = bv.with(new int[] {bv.size(0), 1}, new int[] {bv.stride(0), 0}, bv.offset());
    int ra = av.rank(), rb = bv.rank();
    int m = av.size(ra - 2), k = av.size(ra - 1), n = bv.size(rb - 1);
    if (k != bv.size(rb - 2)) throw notAligned("matmul", a, b);
    int[] batch = Shapes.broadcast("matmul", head(av.shape(), ra - 2), head(bv.shape(), rb - 2));
    int[] outShape = new int[batch.length + (aVec ? 0 : 1) + (bVec ? 0 : 1)];
    System.arraycopy(batch, 0, outShape, 0, batch.length);
    if (!aVec) outShape[batch.length] = m;
    if (!bVec) outShape[outShape.length - 1] = n;
    Tensor out = Creation.emptyOn(a, a.dtype(), outShape);
    if (out.numel() > 0) run(a, expandBatch(av, batch), expandBatch(bv, batch), batch, m, n, out.layout());
    return out;
  }

  /**
   * Matrix product of two 2-D tensors, {@code out[i, j] = sum_k a[i, k] * b[k, j]}.
   * Shape: [M, K] x [K, N] -> [M, N].
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.mm.html">torch.mm</a>
   */
  static Tensor mm(Tensor a, Tensor b) {
    checkPair("mm", a, b);
    if (a.dim() != 2 || b.dim() != 2) {
      throw new IllegalArgumentException("mm: expected 2-D tensors, got shapes " + Shapes.str(a.shape()) + " and "
          + Shapes.str(b.shape()));
    }
    if (a.size(1) != b.size(0)) throw notAligned("mm", a, b);
    return matmul(a, b);
  }

  /**
   * Batched product of 3-D tensors with equal batch sizes (no broadcasting),
   * {@code out[p, i, j] = sum_k a[p, i, k] * b[p, k, j]}. Shape: [B, M, K] x [B, K, N] -> [B, M, N].
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.bmm.html">torch.bmm</a>
   */
  static Tensor bmm(Tensor a, Tensor b) {
    checkPair("bmm", a, b);
    if (a.dim() != 3 || b.dim() != 3) {
      throw new IllegalArgumentException("bmm: expected 3-D tensors, got shapes " + Shapes.str(a.shape()) + " and "
          + Shapes.str(b.shape()));
    }
    if (a.size(0) != b.size(0)) {
      throw new IllegalArgumentException("bmm: batch sizes differ: shapes " + Shapes.str(a.shape()) + " and "
          + Shapes.str(b.shape()));
    }
    if (a.size(2) != b.size(1)) throw notAligned("bmm", a, b);
    return matmul(a, b);
  }

  /**
   * Inner product of two 1-D tensors of equal length and dtype, {@code sum_i a[i] * b[i]}.
   * Shape: [N] x [N] -> [] (0-dim).
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.dot.html">torch.dot</a>
   */
  static Tensor dot(Tensor a, Tensor b) {
    checkPair("dot", a, b);
    if (a.dim() != 1 || b.dim() != 1) {
      throw new IllegalArgumentException("dot: expected 1-D tensors, got shapes " + Shapes.str(a.shape()) + " and "
          + Shapes.str(b.shape()));
    }
    if (a.size(0) != b.size(0)) {
      throw new IllegalArgumentException("dot: tensors must have the same number of elements, got shapes "
          + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()));
    }
    return matmul(a, b);
  }

  /**
   * Outer product of two 1-D tensors, {@code out[i, j] = a[i] * b[j]}, in the promoted dtype
   * (bool: logical and). Shape: [M] x [N] -> [M, N].
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.outer.html">torch.outer</a>
   */
  static Tensor outer(Tensor a, Tensor b) {
    checkDevice("outer", a, b);
    if (a.dim() != 1 || b.dim() != 1) {
      throw new IllegalArgumentException("outer: expected 1-D tensors, got shapes " + Shapes.str(a.shape()) + " and "
          + Shapes.str(b.shape()));
    }
    DType t = DType.promote(a.dtype(), b.dtype());
    // A K=1 product is exactly a[i]*b[j]; bool goes through int32, where 0/1 products stay 0/1.
    DType work = t.isBool() ? DType.INT32 : t;
    try (Tensor x = a.to(work); Tensor y = b.to(work);
         Tensor xc = x.unsqueeze(1); Tensor yr = y.unsqueeze(0)) {
      Tensor r = matmul(xc, yr);
      if (work == t) return r;
      try (r) {
        return r.to(t);
      }
    }
  }

  /** einsum; see {@link Einsum#einsum}. */
  static Tensor einsum(String equation, Tensor[] operands) {
    return Einsum.einsum(equation, operands);
  }

  /** cdist; see {@link Cdist#cdist}. */
  static Tensor cdist(Tensor x1, Tensor x2, double p) {
    return Cdist.cdist(x1, x2, p);
  }

  // ---- plumbing -------------------------------------------------------------------------------

  /** Calls the backend once when the batch dims of a, b and out each collapse to one stride, else per slice. */
  private static void run(Tensor owner, View a, View b, int[] batch, int m, int n, View out) {
    int k = a.size(a.rank() - 1);
    int nb = batch.length;
    int bsz = Shapes.numel(batch);
    int[] outStrides = {m * n, n, 1};
    // b shared by every batch and a's [batch..., M] rows one strided run: one tall product
    // (what torch does for a Linear layer on 3-D input) keeps the packed kernel busy.
    int[] aRows = concat(batch, m);
    int rowStride = collapse(aRows, stridesOf(a, nb + 1));
    if (nb > 0 && bsz > 1 && allZero(b.strides(), nb) && rowStride >= 0) {
      owner.backend().matmul(
          a.with(new int[] {1, bsz * m, k}, new int[] {0, rowStride, a.stride(nb + 1)}, a.offset()),
          b.with(new int[] {1, k, n}, new int[] {0, b.stride(nb), b.stride(nb + 1)}, b.offset()),
          out.with(new int[] {1, bsz * m, n}, new int[] {0, n, 1}, out.offset()));
      return;
    }
    int last = nb == 0 ? 1 : batch[nb - 1];
    int sa = nb == 0 ? 0 : a.stride(nb - 1), sb = nb == 0 ? 0 : b.stride(nb - 1);
    int[] outer = head(batch, Math.max(0, nb - 1));
    int ca = collapse(batch, head(a.strides(), nb)), cb = collapse(batch, head(b.strides(), nb));
    if (ca >= 0 && cb >= 0) {
      outer = new int[0];
      last = bsz;
      sa = ca;
      sb = cb;
    }
    int count = Shapes.numel(outer);
    int[] idx = new int[outer.length];
    for (int c = 0; c < count; c++) {
      int ao = a.offset(), bo = b.offset(), oo = c * last * m * n;
      for (int d = 0; d < outer.length; d++) {
        ao += idx[d] * a.stride(d);
        bo += idx[d] * b.stride(d);
      }
      owner.backend().matmul(
          a.with(new int[] {last, m, k}, new int[] {sa, a.stride(nb), a.stride(nb + 1)}, ao),
          b.with(new int[] {last, k, n}, new int[] {sb, b.stride(nb), b.stride(nb + 1)}, bo),
          out.with(new int[] {last, m, n}, outStrides, out.offset() + oo));
      for (int d = outer.length - 1; d >= 0 && ++idx[d] == outer[d]; d--) idx[d] = 0;
    }
  }

  /** The one stride that walks dims {@code shape} in row-major order, or -1 when none does. */
  static int collapse(int[] shape, int[] strides) {
    int stride = 0;
    boolean first = true;
    int expected = 0;
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] == 1) continue;
      if (first) {
        stride = strides[d];
        expected = strides[d] * shape[d];
        first = false;
      } else if (strides[d] == expected) {
        expected *= shape[d];
      } else {
        return -1;
      }
    }
    return stride;
  }

  /** v with its batch dims (all but the last two) broadcast to {@code batch}. */
  private static View expandBatch(View v, int[] batch) {
    int r = v.rank(), nb = batch.length, lead = nb - (r - 2);
    int[] shape = new int[nb + 2], strides = new int[nb + 2];
    for (int d = 0; d < nb; d++) {
      int src = d - lead;
      shape[d] = batch[d];
      strides[d] = src < 0 || v.size(src) == 1 ? 0 : v.stride(src);
    }
    for (int d = 0; d < 2; d++) {
      shape[nb + d] = v.size(r - 2 + d);
      strides[nb + d] = v.stride(r - 2 + d);
    }
    return v.with(shape, strides, v.offset());
  }

  static void checkDevice(String op, Tensor a, Tensor b) {
    Devices.requireSame(op, a, b);
  }

  /** Same device, same dtype (PyTorch: "expected scalar type Float but found Double"), no bool. */
  static void checkPair(String op, Tensor a, Tensor b) {
    checkDevice(op, a, b);
    if (a.dtype() != b.dtype()) {
      throw new IllegalArgumentException(op + ": expected both operands to have the same dtype, got " + a.dtype()
          + " and " + b.dtype() + " (shapes " + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()) + ")");
    }
    if (a.dtype().isBool()) {
      throw new IllegalArgumentException(op + ": bool operands are not supported (shapes " + Shapes.str(a.shape())
          + " and " + Shapes.str(b.shape()) + ")");
    }
  }

  private static IllegalArgumentException notAligned(String op, Tensor a, Tensor b) {
    return new IllegalArgumentException(op + ": shapes " + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape())
        + " are not aligned");
  }

  private static int[] head(int[] a, int len) {
    int[] h = new int[len];
    System.arraycopy(a, 0, h, 0, len);
    return h;
  }

  private static int[] stridesOf(View v, int len) { return head(v.strides(), len); }

  private static int[] concat(int[] a, int x) {
    int[] c = new int[a.length + 1];
    System.arraycopy(a, 0, c, 0, a.length);
    c[a.length] = x;
    return c;
  }

  private static boolean allZero(int[] strides, int len) {
    for (int d = 0; d < len; d++) if (strides[d] != 0) return false;
    return true;
  }
}
