package io.jgrad.tensor.cpu;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.ScatterMode;
import io.jgrad.tensor.spi.View;

/**
 * Gather, scatter (SET / ADD) and nonzero on strided views. These kernels move single
 * elements through an index, so they are scalar loops (the Vector API has nothing to offer
 * for data-dependent addresses on these carriers); rows run in parallel above
 * {@link #PARALLEL_MIN} elements.
 *
 * <p>The tensor layer checks index values before calling; the kernels check them again, with
 * the same message, so a wrong index can never read or write outside its row.
 */
final class CpuIndex {
  private static final long PARALLEL_MIN = 1 << 16;

  private CpuIndex() {}

  /** {@code out[p] = x[p with p[axis] = index[p]]} over out's shape (= index's shape). */
  static void gather(View x, int axis, View index, View out) {
    if (x.rank() == 0) {
      gather(asVector(x), 0, asVector(index), asVector(out));
      return;
    }
    int[] xs = x.strides().clone();
    int axisStride = xs[axis], size = x.shape()[axis];
    xs[axis] = 0; // the index supplies the axis coordinate
    StridedLoop loop = new StridedLoop(out.shape(), new int[][] {out.strides(), index.strides(), xs},
        new int[] {out.offset(), index.offset(), x.offset()});
    long[] idx = ((CpuBuffer) index.buffer()).i64();
    Object src = ((CpuBuffer) x.buffer()).array(), dst = ((CpuBuffer) out.buffer()).array();
    loop.run((n, o, st) -> {
      if (st[1] == 0) {
        // One index for the whole row (indexSelect, embedding lookups): a strided row copy.
        int k = at("gather", idx, o[1], axis, size);
        copyRow(src, o[2] + k * axisStride, st[2], dst, o[0], st[0], n);
      } else {
        gatherRow(src, dst, idx, n, o, st, axis, size, axisStride);
      }
    }, PARALLEL_MIN);
  }

  private static void gatherRow(Object src, Object dst, long[] idx, int n, int[] o, int[] st, int axis, int size,
                                int axisStride) {
    switch (dst) {
      case float[] d -> { float[] s = (float[]) src;
        for (int i = 0; i < n; i++) {
          int k = at("gather", idx, o[1] + i * st[1], axis, size);
          d[o[0] + i * st[0]] = s[o[2] + i * st[2] + k * axisStride];
        }
      }
      case double[] d -> { double[] s = (double[]) src;
        for (int i = 0; i < n; i++) {
          int k = at("gather", idx, o[1] + i * st[1], axis, size);
          d[o[0] + i * st[0]] = s[o[2] + i * st[2] + k * axisStride];
        }
      }
      case int[] d -> { int[] s = (int[]) src;
        for (int i = 0; i < n; i++) {
          int k = at("gather", idx, o[1] + i * st[1], axis, size);
          d[o[0] + i * st[0]] = s[o[2] + i * st[2] + k * axisStride];
        }
      }
      case long[] d -> { long[] s = (long[]) src;
        for (int i = 0; i < n; i++) {
          int k = at("gather", idx, o[1] + i * st[1], axis, size);
          d[o[0] + i * st[0]] = s[o[2] + i * st[2] + k * axisStride];
        }
      }
      case byte[] d -> { byte[] s = (byte[]) src;
        for (int i = 0; i < n; i++) {
          int k = at("gather", idx, o[1] + i * st[1], axis, size);
          d[o[0] + i * st[0]] = s[o[2] + i * st[2] + k * axisStride];
        }
      }
      default -> throw new IllegalStateException("unknown carrier " + dst.getClass());
    }
  }

  /** n elements from s (stride ss) to d (stride ds), same carrier. */
  private static void copyRow(Object s, int so, int ss, Object d, int dof, int ds, int n) {
    if (ss == 1 && ds == 1) {
      System.arraycopy(s, so, d, dof, n);
      return;
    }
    switch (d) {
      case float[] b -> { float[] a = (float[]) s; for (int i = 0; i < n; i++) b[dof + i * ds] = a[so + i * ss]; }
      case double[] b -> { double[] a = (double[]) s; for (int i = 0; i < n; i++) b[dof + i * ds] = a[so + i * ss]; }
      case int[] b -> { int[] a = (int[]) s; for (int i = 0; i < n; i++) b[dof + i * ds] = a[so + i * ss]; }
      case long[] b -> { long[] a = (long[]) s; for (int i = 0; i < n; i++) b[dof + i * ds] = a[so + i * ss]; }
      case byte[] b -> { byte[] a = (byte[]) s; for (int i = 0; i < n; i++) b[dof + i * ds] = a[so + i * ss]; }
      default -> throw new IllegalStateException("unknown carrier " + d.getClass());
    }
  }

  /**
   * {@code target[p with p[axis] = index[p]] (= | +=) src[p]} over index's shape. The axis is
   * walked innermost and serially, so repeated indices accumulate (ADD) or the last one wins
   * (SET) in index order, deterministically; other rows never collide and may run in parallel.
   */
  static void scatter(ScatterMode mode, View src, int axis, View index, View target) {
    if (target.rank() == 0) {
      scatter(mode, asVector(src), 0, asVector(index), asVector(target));
      return;
    }
    int rank = index.rank();
    int[] perm = new int[rank];
    for (int d = 0, j = 0; d < rank; d++) if (d != axis) perm[j++] = d;
    perm[rank - 1] = axis;
    int[] ts = target.strides().clone();
    int axisStride = ts[axis], size = target.shape()[axis];
    ts[axis] = 0;
    StridedLoop loop = new StridedLoop(pick(index.shape(), perm),
        new int[][] {pick(ts, perm), pick(index.strides(), perm), pick(src.strides(), perm)},
        new int[] {target.offset(), index.offset(), src.offset()});
    long[] idx = ((CpuBuffer) index.buffer()).i64();
    Object s = ((CpuBuffer) src.buffer()).array(), t = ((CpuBuffer) target.buffer()).array();
    boolean add = mode == ScatterMode.ADD;
    switch (t) {
      case float[] a -> { float[] b = (float[]) s; loop.run((n, o, st) -> {
        for (int i = 0; i < n; i++) {
          int to = o[0] + i * st[0] + at("scatter", idx, o[1] + i * st[1], axis, size) * axisStride;
          if (add) a[to] += b[o[2] + i * st[2]]; else a[to] = b[o[2] + i * st[2]];
        }
      }, PARALLEL_MIN); }
      case double[] a -> { double[] b = (double[]) s; loop.run((n, o, st) -> {
        for (int i = 0; i < n; i++) {
          int to = o[0] + i * st[0] + at("scatter", idx, o[1] + i * st[1], axis, size) * axisStride;
          if (add) a[to] += b[o[2] + i * st[2]]; else a[to] = b[o[2] + i * st[2]];
        }
      }, PARALLEL_MIN); }
      case int[] a -> { int[] b = (int[]) s; loop.run((n, o, st) -> {
        for (int i = 0; i < n; i++) {
          int to = o[0] + i * st[0] + at("scatter", idx, o[1] + i * st[1], axis, size) * axisStride;
          if (add) a[to] += b[o[2] + i * st[2]]; else a[to] = b[o[2] + i * st[2]];
        }
      }, PARALLEL_MIN); }
      case long[] a -> { long[] b = (long[]) s; loop.run((n, o, st) -> {
        for (int i = 0; i < n; i++) {
          int to = o[0] + i * st[0] + at("scatter", idx, o[1] + i * st[1], axis, size) * axisStride;
          if (add) a[to] += b[o[2] + i * st[2]]; else a[to] = b[o[2] + i * st[2]];
        }
      }, PARALLEL_MIN); }
      case byte[] a -> { byte[] b = (byte[]) s; loop.run((n, o, st) -> {
        // bool adds as logical or
        for (int i = 0; i < n; i++) {
          int to = o[0] + i * st[0] + at("scatter", idx, o[1] + i * st[1], axis, size) * axisStride;
          if (add) a[to] |= b[o[2] + i * st[2]]; else a[to] = b[o[2] + i * st[2]];
        }
      }, PARALLEL_MIN); }
      default -> throw new IllegalStateException("unknown carrier " + t.getClass());
    }
  }

  /** Row-major coordinates of the nonzero elements (NaN counts as nonzero, -0.0 does not). */
  static Buffer nonzero(View x) {
    int rank = x.rank();
    int n = Math.toIntExact(x.numel());
    Object a = ((CpuBuffer) x.buffer()).array();
    DType dt = x.dtype();
    int count = 0;
    Odometer it = new Odometer(x);
    for (int i = 0; i < n; i++, it.next()) if (isNonzero(dt, a, it.offset)) count++;
    long[] coords = new long[Math.multiplyExact(count, rank)];
    int k = 0;
    it = new Odometer(x);
    for (int i = 0; i < n; i++, it.next()) {
      if (isNonzero(dt, a, it.offset)) {
        for (int d = 0; d < rank; d++) coords[k++] = it.index[d];
      }
    }
    return CpuBackend.INSTANCE.wrap(DType.INT64, coords);
  }

  private static boolean isNonzero(DType dt, Object a, int i) {
    return switch (dt) {
      case FLOAT32 -> ((float[]) a)[i] != 0;
      case FLOAT64 -> ((double[]) a)[i] != 0;
      case INT32 -> ((int[]) a)[i] != 0;
      case INT64 -> ((long[]) a)[i] != 0;
      case BOOL -> ((byte[]) a)[i] != 0;
    };
  }

  /** Reads index[pos] and checks it against the axis size. */
  static int at(String op, long[] idx, int pos, int axis, int size) {
    long k = idx[pos];
    if (k < 0 || k >= size) {
      throw new IllegalArgumentException(op + ": index " + k + " out of range for dim " + axis + " of size " + size);
    }
    return (int) k;
  }

  /** A 0-dim view as a one-element vector. */
  static View asVector(View v) {
    return v.rank() == 0 ? v.with(new int[] {1}, new int[] {1}, v.offset()) : v;
  }

  private static int[] pick(int[] a, int[] perm) {
    int[] out = new int[perm.length];
    for (int i = 0; i < perm.length; i++) out[i] = a[perm[i]];
    return out;
  }

  /** A row-major multi-index over a view with its element offset. */
  static final class Odometer {
    final int[] shape, strides, index;
    int offset;

    Odometer(View v) {
      shape = v.shape();
      strides = v.strides();
      index = new int[shape.length];
      offset = v.offset();
    }

    void next() {
      for (int d = shape.length - 1; d >= 0; d--) {
        offset += strides[d];
        if (++index[d] < shape[d]) return;
        offset -= strides[d] * shape[d];
        index[d] = 0;
      }
    }
  }
}
