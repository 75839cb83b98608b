package io.jgrad.tensor;

import io.jgrad.tensor.spi.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joining, splitting and rearranging: cat, stack, split, chunk, flip, roll, repeat, tril, triu
 * (pad lives in {@link Padding}). Outputs are built by strided copies between views (the
 * backend's {@code copy}), or by gathers with computed indices where no view can express the
 * order (flip); split and chunk return views.
 */
final class Joining {
  private Joining() {}

  /**
   * Concatenation along dim; the dtype is the promotion of every input's, as torch.cat.
   * 1-D empty tensors (shape [0]) are skipped, as PyTorch does for legacy code.
   * Shape: the inputs' shape with size(dim) = the sum of their sizes there.
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.cat.html">torch.cat</a>
   */
  static Tensor cat(List<Tensor> tensors, int dim) {
    String op = "cat";
    if (tensors == null || tensors.isEmpty()) throw new IllegalArgumentException(op + ": expected a non-empty list of tensors");
    DType dtype = tensors.get(0).dtype();
    Tensor ref = null;
    for (int k = 0; k < tensors.size(); k++) {
      Tensor t = tensors.get(k);
      if (t.dim() == 0) {
        throw new IllegalArgumentException(op + ": zero-dimensional tensor at position " + k + " cannot be concatenated");
      }
      Indexing.sameDevice(op, tensors.get(0), t);
      dtype = DType.promote(dtype, t.dtype());
      if (ref == null && !isSkipped(t)) ref = t;
    }
    if (ref == null) return Creation.emptyOn(tensors.get(0), dtype, new int[] {0});
    int d = Shapes.dim(op, dim, ref.dim());
    int[] shape = ref.shape();
    int total = 0;
    for (int k = 0; k < tensors.size(); k++) {
      Tensor t = tensors.get(k);
      if (isSkipped(t)) continue;
      int[] s = t.shape();
      if (s.length != shape.length) {
        throw new IllegalArgumentException(op + ": tensors must have the same rank, got " + Shapes.str(shape) + " and "
            + Shapes.str(s) + " at position " + k);
      }
      for (int i = 0; i < s.length; i++) {
        if (i != d && s[i] != shape[i]) {
          throw new IllegalArgumentException(op + ": sizes must match except in dim " + d + ", got " + Shapes.str(shape)
              + " and " + Shapes.str(s) + " at position " + k);
        }
      }
      total += s[d];
    }
    shape[d] = total;
    Tensor out = Creation.emptyOn(ref, dtype, shape);
    View ov = out.layout();
    int at = 0;
    for (Tensor t : tensors) {
      if (isSkipped(t)) continue;
      int len = t.shape()[d];
      if (len > 0 && out.numel() > 0) out.backend().copy(t.layout(), narrow(ov, d, at, len));
      at += len;
    }
    return out;
  }

  private static boolean isSkipped(Tensor t) { return t.dim() == 1 && t.shape()[0] == 0; }

  /**
   * Joins equal-shaped tensors along a new dim. Shape: the inputs' with n inserted at dim.
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.stack.html">torch.stack</a>
   */
  static Tensor stack(List<Tensor> tensors, int dim) {
    String op = "stack";
    if (tensors == null || tensors.isEmpty()) throw new IllegalArgumentException(op + ": expected a non-empty list of tensors");
    int[] s0 = tensors.get(0).shape();
    int d = Shapes.dim(op, dim, s0.length + 1);
    List<Tensor> parts = new ArrayList<>();
    try {
      for (int k = 0; k < tensors.size(); k++) {
        Tensor t = tensors.get(k);
        if (!Arrays.equals(s0, t.shape())) {
          throw new IllegalArgumentException(op + ": expects tensors of equal shape, got " + Shapes.str(s0)
              + " at position 0 and " + Shapes.str(t.shape()) + " at position " + k);
        }
        parts.add(t.unsqueeze(d));
      }
      return cat(parts, d);
    } finally {
      for (Tensor p : parts) p.close();
    }
  }

  /**
   * Views of splitSize along dim, the last one smaller when the size does not divide.
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.split.html">torch.split</a>
   */
  static List<Tensor> split(Tensor x, int splitSize, int dim) {
    String op = "split";
    int d = splitDim(op, x, dim);
    int size = x.shape()[d];
    if (splitSize < 0 || splitSize == 0 && size > 0) {
      throw new IllegalArgumentException(op + ": splitSize must be positive for dim " + d + " of size " + size
          + ", got " + splitSize);
    }
    int pieces = size == 0 ? 1 : (size + splitSize - 1) / splitSize;
    int[] sizes = new int[pieces];
    for (int i = 0; i < pieces; i++) sizes[i] = Math.min(splitSize, size - i * splitSize);
    return pieces(x, sizes, d);
  }

  /**
   * Views of the given sizes along dim; they must add up to the dim's size.
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.split.html">torch.split</a>
   */
  static List<Tensor> split(Tensor x, int[] sizes, int dim) {
    String op = "split";
    int d = splitDim(op, x, dim);
    long sum = 0;
    for (int s : sizes) {
      if (s < 0) throw new IllegalArgumentException(op + ": sizes must be non-negative, got " + Arrays.toString(sizes));
      sum += s;
    }
    if (sum != x.shape()[d]) {
      throw new IllegalArgumentException(op + ": sizes " + Arrays.toString(sizes) + " add up to " + sum
          + ", not to the size " + x.shape()[d] + " of dim " + d);
    }
    return pieces(x, sizes.clone(), d);
  }

  /**
   * Up to {@code chunks} views along dim of size ceil(n/chunks) each (the last smaller), as
   * torch.chunk: fewer than {@code chunks} pieces when that size leaves nothing for the rest.
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.chunk.html">torch.chunk</a>
   */
  static List<Tensor> chunk(Tensor x, int chunks, int dim) {
    String op = "chunk";
    if (chunks <= 0) throw new IllegalArgumentException(op + ": chunks must be positive, got " + chunks);
    int d = splitDim(op, x, dim);
    int size = x.shape()[d];
    if (size == 0) return pieces(x, new int[chunks], d); // torch gives `chunks` empty pieces
    return split(x, (size + chunks - 1) / chunks, d);
  }

  private static int splitDim(String op, Tensor x, int dim) {
    if (x.dim() == 0) throw new IllegalArgumentException(op + ": expects a tensor of rank >= 1, got a 0-dim tensor");
    return Shapes.dim(op, dim, x.dim());
  }

  private static List<Tensor> pieces(Tensor x, int[] sizes, int d) {
    List<Tensor> out = new ArrayList<>(sizes.length);
    int at = 0;
    for (int s : sizes) {
      out.add(x.narrow(d, at, s));
      at += s;
    }
    return out;
  }

  static Tensor pad(Tensor x, int[] pad, PadMode mode, double value) { return Padding.pad(x, pad, mode, value); }

  /**
   * out[..., i, ...] = x[..., n-1-i, ...] along each listed dim (an empty list copies).
   * Shape: x's.
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.flip.html">torch.flip</a>
   */
  static Tensor flip(Tensor x, int[] dims) {
    int[] ds = Shapes.dims("flip", dims, x.dim());
    if (dims.length == 0) ds = new int[0];
    Tensor cur = Creation.copy(x);
    for (int d : ds) {
      int n = cur.shape()[d];
      if (n < 2) continue;
      long[] rev = new long[n];
      for (int i = 0; i < n; i++) rev[i] = n - 1 - i;
      cur = replace(cur, Padding.select(cur, d, rev));
    }
    return cur;
  }

  /**
   * out[..., (i + shift) mod n, ...] = x[..., i, ...] for each (shift, dim) pair; with no dims,
   * the flattened tensor is rolled by the single shift and reshaped back. Shape: x's.
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.roll.html">torch.roll</a>
   */
  static Tensor roll(Tensor x, int[] shifts, int[] dims) {
    String op = "roll";
    if (dims.length == 0) {
      if (shifts.length != 1) {
        throw new IllegalArgumentException(op + ": with no dims, expects exactly one shift, got " + Arrays.toString(shifts));
      }
      try (Tensor flat = x.reshape(x.numel()); Tensor rolled = roll(flat, shifts, new int[] {0})) {
        return rolled.reshape(x.shape());
      }
    }
    if (shifts.length != dims.length) {
      throw new IllegalArgumentException(op + ": shifts " + Arrays.toString(shifts) + " and dims "
          + Arrays.toString(dims) + " must have the same length");
    }
    Tensor cur = Creation.copy(x);
    for (int k = 0; k < dims.length; k++) {
      int d = Shapes.dim(op, dims[k], x.dim());
      if (x.dim() == 0) continue;
      int n = cur.shape()[d];
      if (n == 0) continue;
      int s = Math.floorMod(shifts[k], n);
      if (s == 0) continue;
      try (Tensor tail = cur.narrow(d, n - s, s); Tensor head = cur.narrow(d, 0, n - s)) {
        cur = replace(cur, cat(List.of(tail, head), d));
      }
    }
    return cur;
  }

  /**
   * Tiles x: repeats[i] copies along dim i, x's shape left-padded with 1s to repeats.length.
   * Shape: [repeats[i] * size(i)].
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.Tensor.repeat.html">torch.Tensor.repeat</a>
   */
  static Tensor repeat(Tensor x, int[] repeats) {
    String op = "repeat";
    int r = repeats.length, xr = x.dim();
    if (r < xr) {
      throw new IllegalArgumentException(op + ": " + r + " repeats " + Arrays.toString(repeats)
          + " for a tensor of rank " + xr + " (need at least one per dim)");
    }
    int[] outShape = new int[r], srcShape = new int[2 * r], srcStrides = new int[2 * r];
    int[] xs = x.shape(), xt = x.strides();
    for (int i = 0; i < r; i++) {
      if (repeats[i] < 0) throw new IllegalArgumentException(op + ": negative repeat in " + Arrays.toString(repeats));
      int xi = i - (r - xr);
      int size = xi >= 0 ? xs[xi] : 1;
      outShape[i] = Math.multiplyExact(repeats[i], size);
      srcShape[2 * i] = repeats[i];
      srcShape[2 * i + 1] = size;
      srcStrides[2 * i + 1] = xi >= 0 ? xt[xi] : 0; // stride 0 on each repeat dim re-reads the tile
    }
    Tensor out = Creation.emptyOn(x, x.dtype(), outShape);
    if (out.numel() == 0) return out;
    View xv = x.layout(), ov = out.layout();
    // out viewed as [r0, s0, r1, s1, ...] (row-major split of each dim) receives x broadcast over the r's.
    out.backend().copy(xv.with(srcShape, srcStrides, xv.offset()),
        ov.with(srcShape, Shapes.contiguousStrides(srcShape), ov.offset()));
    return out;
  }

  /**
   * Lower triangle of the last two dims: keeps x[..., i, j] where j - i &lt;= diagonal, else 0. Shape: x's.
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.tril.html">torch.tril</a>
   */
  static Tensor tril(Tensor x, int diagonal) { return triangle("tril", x, diagonal, true); }

  /**
   * Upper triangle of the last two dims: keeps x[..., i, j] where j - i &gt;= diagonal, else 0. Shape: x's.
   * @see <a href="https://pytorch.org/docs/stable/generated/torch.triu.html">torch.triu</a>
   */
  static Tensor triu(Tensor x, int diagonal) { return triangle("triu", x, diagonal, false); }

  private static Tensor triangle(String op, Tensor x, int diagonal, boolean lower) {
    if (x.dim() < 2) {
      throw new IllegalArgumentException(op + ": expects a tensor of rank >= 2, got " + Shapes.str(x.shape()));
    }
    Tensor out = Creation.full(x.shape(), 0, x.dtype(), x.device());
    if (out.numel() == 0) return out;
    int r = x.dim(), rows = x.shape()[r - 2], cols = x.shape()[r - 1];
    View xv = x.layout(), ov = out.layout();
    // One strided copy per row, batched over the leading dims.
    for (int i = 0; i < rows; i++) {
      long edge = (long) i + diagonal;
      int from = lower ? 0 : (int) Math.max(0, Math.min(cols, edge));
      int to = lower ? (int) Math.max(0, Math.min(cols, edge + 1)) : cols;
      if (to <= from) continue;
      out.backend().copy(narrow(narrow(xv, r - 2, i, 1), r - 1, from, to - from),
          narrow(narrow(ov, r - 2, i, 1), r - 1, from, to - from));
    }
    return out;
  }

  /** A view of v restricted to [start, start+len) along dim. */
  static View narrow(View v, int dim, int start, int len) {
    int[] shape = v.shape().clone();
    shape[dim] = len;
    return v.with(shape, v.strides(), v.offset() + start * v.strides()[dim]);
  }

  /** Closes old and returns next (for chains of intermediate results). */
  static Tensor replace(Tensor old, Tensor next) {
    old.close();
    return next;
  }
}
