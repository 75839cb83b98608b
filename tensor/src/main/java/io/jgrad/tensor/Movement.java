package io.jgrad.tensor;

import java.util.Arrays;

/** View ops: new shape/strides/offset over the same buffer, never a copy (except reshape/flatten fallbacks). */
final class Movement {
  private Movement() {}

  static Tensor view(Tensor x, int[] shape) {
    int[] s = inferShape("view", shape, x.numel(), x.shape());
    int[] strides = viewStrides(x.shape(), x.strides(), s);
    if (strides == null) {
      throw new IllegalArgumentException("view: size " + Shapes.str(shape) + " is not compatible with input of shape "
          + Shapes.str(x.shape()) + " and strides " + Shapes.str(x.strides()) + "; use reshape (it copies)");
    }
    return Creation.viewOf(x, s, strides, x.offset());
  }

  static Tensor reshape(Tensor x, int[] shape) {
    int[] s = inferShape("reshape", shape, x.numel(), x.shape());
    int[] strides = viewStrides(x.shape(), x.strides(), s);
    if (strides != null) return Creation.viewOf(x, s, strides, x.offset());
    try (Tensor c = Creation.copy(x)) {
      return Creation.viewOf(c, s, Shapes.contiguousStrides(s), 0);
    }
  }

  /** Resolves one -1 and checks the element count. */
  static int[] inferShape(String op, int[] shape, int numel, int[] from) {
    int[] s = shape.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < s.length; i++) {
      if (s[i] == -1) {
        if (infer >= 0) throw new IllegalArgumentException(op + ": only one dimension can be -1, got " + Shapes.str(shape));
        infer = i;
      } else if (s[i] < 0) {
        throw new IllegalArgumentException(op + ": invalid size " + s[i] + " in " + Shapes.str(shape));
      } else {
        known *= s[i];
      }
    }
    if (infer >= 0) {
      if (known == 0 || numel % known != 0) {
        throw new IllegalArgumentException(op + ": shape " + Shapes.str(shape) + " is invalid for input of shape "
            + Shapes.str(from) + " (" + numel + " elements)");
      }
      s[infer] = (int) (numel / known);
    } else if (known != numel) {
      throw new IllegalArgumentException(op + ": shape " + Shapes.str(shape) + " is invalid for input of shape "
          + Shapes.str(from) + " (" + numel + " elements)");
    }
    return s;
  }

  /** PyTorch's computeStride: strides for newShape over the same memory, or null when impossible. */
  static int[] viewStrides(int[] oldShape, int[] oldStrides, int[] newShape) {
    int[] out = new int[newShape.length];
    if (oldShape.length == 0) {
      Arrays.fill(out, 1);
      return out;
    }
    // Strides are arbitrary when there are no elements: keep them if the shape is unchanged.
    if (Shapes.numel(oldShape) == 0) {
      return Arrays.equals(oldShape, newShape) ? oldStrides.clone() : Shapes.contiguousStrides(newShape);
    }
    int viewD = newShape.length - 1;
    long chunkBase = oldStrides[oldStrides.length - 1];
    long tensorNumel = 1, viewNumel = 1;
    for (int d = oldShape.length - 1; d >= 0; d--) {
      tensorNumel *= oldShape[d];
      if (d == 0 || (oldShape[d - 1] != 1 && oldStrides[d - 1] != tensorNumel * chunkBase)) {
        while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
          out[viewD] = (int) (viewNumel * chunkBase);
          viewNumel *= newShape[viewD];
          viewD--;
        }
        if (viewNumel != tensorNumel) return null;
        if (d > 0) {
          chunkBase = oldStrides[d - 1];
          tensorNumel = 1;
          viewNumel = 1;
        }
      }
    }
    if (viewD != -1) return null;
    return out;
  }

  static Tensor permute(Tensor x, int[] dims) {
    int r = x.dim();
    if (dims.length != r) {
      throw new IllegalArgumentException("permute: " + dims.length + " dims " + Arrays.toString(dims)
          + " for a tensor of rank " + r);
    }
    int[] shape = new int[r], strides = new int[r];
    boolean[] seen = new boolean[r];
    int[] xs = x.shape(), xt = x.strides();
    for (int i = 0; i < r; i++) {
      int d = Shapes.dim("permute", dims[i], r);
      if (seen[d]) throw new IllegalArgumentException("permute: dim " + d + " repeats in " + Arrays.toString(dims));
      seen[d] = true;
      shape[i] = xs[d];
      strides[i] = xt[d];
    }
    return Creation.viewOf(x, shape, strides, x.offset());
  }

  static Tensor transpose(Tensor x, int dim0, int dim1) {
    int r = x.dim();
    int a = Shapes.dim("transpose", dim0, r), b = Shapes.dim("transpose", dim1, r);
    if (r == 0) return Creation.viewOf(x, x.shape(), x.strides(), x.offset());
    int[] perm = new int[r];
    for (int i = 0; i < r; i++) perm[i] = i;
    perm[a] = b;
    perm[b] = a;
    return permute(x, perm);
  }

  static Tensor t(Tensor x) {
    if (x.dim() > 2) throw new IllegalArgumentException("t: expects a tensor of rank <= 2, got " + Shapes.str(x.shape()));
    return x.dim() < 2 ? Creation.viewOf(x, x.shape(), x.strides(), x.offset()) : transpose(x, 0, 1);
  }

  static Tensor movedim(Tensor x, int source, int destination) {
    int r = x.dim();
    int s = Shapes.dim("movedim", source, r), d = Shapes.dim("movedim", destination, r);
    int[] order = new int[r];
    int j = 0;
    for (int i = 0; i < r; i++) if (i != s) order[j++] = i;
    int[] perm = new int[r];
    for (int i = 0, k = 0; i < r; i++) perm[i] = i == d ? s : order[k++];
    return permute(x, perm);
  }

  static Tensor expand(Tensor x, int[] shape) {
    int r = shape.length, xr = x.dim();
    if (r < xr) {
      throw new IllegalArgumentException("expand: target " + Shapes.str(shape) + " has fewer dims than input "
          + Shapes.str(x.shape()));
    }
    int[] outShape = new int[r], strides = new int[r];
    int[] xs = x.shape(), xt = x.strides();
    // Right to left, as PyTorch's inferExpandGeometry: a new size-1 leading dim gets the
    // stride a contiguous layout would give it, so the strides match torch's .stride().
    for (int i = r - 1; i >= 0; i--) {
      int xi = i - (r - xr);
      int size = xi >= 0 ? xs[xi] : 1;
      int want = shape[i] == -1 ? size : shape[i];
      if (xi < 0 && shape[i] == -1) {
        throw new IllegalArgumentException("expand: -1 is not allowed for a new leading dim in " + Shapes.str(shape));
      }
      if (want < 0) throw new IllegalArgumentException("expand: invalid size " + shape[i] + " in " + Shapes.str(shape));
      if (size == want) {
        outShape[i] = size;
        strides[i] = xi >= 0 ? xt[xi] : i == r - 1 ? 0 : outShape[i + 1] * strides[i + 1];
      } else if (size == 1) {
        outShape[i] = want;
        strides[i] = 0;
      } else {
        throw new IllegalArgumentException("expand: the expanded size " + want + " must match the existing size "
            + size + " at dim " + i + " (input " + Shapes.str(xs) + ", target " + Shapes.str(shape) + ")");
      }
    }
    return Creation.viewOf(x, outShape, strides, x.offset());
  }

  static Tensor narrow(Tensor x, int dim, int start, int length) {
    requireDims("narrow", x);
    int d = Shapes.dim("narrow", dim, x.dim());
    int size = x.shape()[d];
    int s = start < 0 ? start + size : start;
    if (s < 0 || length < 0 || s + length > size) {
      throw new IllegalArgumentException("narrow: start " + start + " + length " + length + " exceeds dim " + d
          + " of size " + size);
    }
    int[] shape = x.shape();
    shape[d] = length;
    return Creation.viewOf(x, shape, x.strides(), x.offset() + s * x.strides()[d]);
  }

  static Tensor slice(Tensor x, int dim, int start, int end, int step) {
    requireDims("slice", x);
    int d = Shapes.dim("slice", dim, x.dim());
    if (step <= 0) throw new IllegalArgumentException("slice: step must be positive, got " + step);
    int size = x.shape()[d];
    int s = clampIndex(start, size), e = clampIndex(end, size);
    int len = e > s ? (e - s + step - 1) / step : 0;
    int[] shape = x.shape(), strides = x.strides();
    shape[d] = len;
    int off = x.offset() + (len > 0 ? s * strides[d] : 0);
    strides[d] *= step;
    return Creation.viewOf(x, shape, strides, off);
  }

  private static int clampIndex(int i, int size) {
    if (i < 0) i += size;
    return Math.max(0, Math.min(size, i));
  }

  static Tensor select(Tensor x, int dim, int index) {
    requireDims("select", x);
    int d = Shapes.dim("select", dim, x.dim());
    int size = x.shape()[d];
    int i = index < 0 ? index + size : index;
    if (i < 0 || i >= size) {
      throw new IllegalArgumentException("select: index " + index + " out of range for dim " + d + " of size " + size);
    }
    return Creation.viewOf(x, drop(x.shape(), d), drop(x.strides(), d), x.offset() + i * x.strides()[d]);
  }

  static Tensor squeeze(Tensor x) {
    int[] s = x.shape(), t = x.strides();
    int n = 0;
    for (int v : s) if (v != 1) n++;
    int[] shape = new int[n], strides = new int[n];
    for (int i = 0, j = 0; i < s.length; i++) {
      if (s[i] != 1) {
        shape[j] = s[i];
        strides[j++] = t[i];
      }
    }
    return Creation.viewOf(x, shape, strides, x.offset());
  }

  static Tensor squeeze(Tensor x, int dim) {
    int d = Shapes.dim("squeeze", dim, x.dim());
    if (x.dim() == 0) return Creation.viewOf(x, x.shape(), x.strides(), x.offset());
    if (x.shape()[d] != 1) return Creation.viewOf(x, x.shape(), x.strides(), x.offset());
    return Creation.viewOf(x, drop(x.shape(), d), drop(x.strides(), d), x.offset());
  }

  static Tensor unsqueeze(Tensor x, int dim) {
    int d = Shapes.dim("unsqueeze", dim, x.dim() + 1);
    int[] s = x.shape(), t = x.strides();
    int[] shape = new int[s.length + 1], strides = new int[s.length + 1];
    for (int i = 0, j = 0; i <= s.length; i++) {
      if (i == d) {
        shape[i] = 1;
        strides[i] = i < s.length ? s[i] * t[i] : 1;
      } else {
        shape[i] = s[j];
        strides[i] = t[j++];
      }
    }
    return Creation.viewOf(x, shape, strides, x.offset());
  }

  static Tensor flatten(Tensor x, int startDim, int endDim) {
    if (x.dim() == 0) return reshape(x, new int[] {1});
    int a = Shapes.dim("flatten", startDim, x.dim()), b = Shapes.dim("flatten", endDim, x.dim());
    if (a > b) throw new IllegalArgumentException("flatten: startDim " + startDim + " comes after endDim " + endDim);
    int[] s = x.shape();
    int[] shape = new int[s.length - (b - a)];
    int j = 0;
    for (int i = 0; i < a; i++) shape[j++] = s[i];
    int merged = 1;
    for (int i = a; i <= b; i++) merged *= s[i];
    shape[j++] = merged;
    for (int i = b + 1; i < s.length; i++) shape[j++] = s[i];
    return reshape(x, shape);
  }

  static Tensor unflatten(Tensor x, int dim, int[] sizes) {
    requireDims("unflatten", x);
    int d = Shapes.dim("unflatten", dim, x.dim());
    int[] s = x.shape();
    int[] part = inferShape("unflatten", sizes, s[d], new int[] {s[d]});
    int[] shape = new int[s.length - 1 + part.length];
    int j = 0;
    for (int i = 0; i < d; i++) shape[j++] = s[i];
    for (int p : part) shape[j++] = p;
    for (int i = d + 1; i < s.length; i++) shape[j++] = s[i];
    return view(x, shape);
  }

  static Tensor unfold(Tensor x, int dim, int size, int step) {
    int d = x.dim() == 0 ? 0 : Shapes.dim("unfold", dim, x.dim());
    int[] s = x.dim() == 0 ? new int[] {1} : x.shape();
    int[] t = x.dim() == 0 ? new int[] {1} : x.strides();
    if (size < 0 || size > s[d]) {
      throw new IllegalArgumentException("unfold: size " + size + " exceeds dim " + d + " of size " + s[d]);
    }
    if (step <= 0) throw new IllegalArgumentException("unfold: step must be positive, got " + step);
    int[] shape = Arrays.copyOf(s, s.length + 1), strides = Arrays.copyOf(t, t.length + 1);
    shape[d] = (s[d] - size) / step + 1;
    strides[d] = t[d] * step;
    shape[s.length] = size;
    strides[s.length] = t[d];
    if (x.dim() == 0) return Creation.viewOf(x, new int[] {size}, new int[] {1}, x.offset());
    return Creation.viewOf(x, shape, strides, x.offset());
  }

  static Tensor contiguous(Tensor x) {
    if (x.isContiguous()) return Creation.viewOf(x, x.shape(), x.strides(), x.offset());
    return Creation.copy(x);
  }

  /** PyTorch's "cannot be applied to a 0-dim tensor" for ops that index a dim. */
  private static void requireDims(String op, Tensor x) {
    if (x.dim() == 0) throw new IllegalArgumentException(op + ": cannot be applied to a 0-dim tensor");
  }

  private static int[] drop(int[] a, int i) {
    int[] out = new int[a.length - 1];
    System.arraycopy(a, 0, out, 0, i);
    System.arraycopy(a, i + 1, out, i, a.length - i - 1);
    return out;
  }
}
