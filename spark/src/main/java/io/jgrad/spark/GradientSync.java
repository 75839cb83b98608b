package io.jgrad.spark;

import io.jgrad.spark.collective.Collective;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient and state exchange of one data-parallel worker: the weighted mean of the
 * parameters' gradients over the workers (one all-reduce per element type, through a flat
 * array reused every step), the mean of a scalar such as the loss, and the broadcast of
 * tensors (initial parameters, BatchNorm statistics) from one rank.
 *
 * <p>Weights: worker r contributes {@code b_r g_r} and its weight {@code b_r} (its batch size),
 * and every worker replaces its gradient by {@code sum b_r g_r / sum b_r}: the gradient of the
 * mean loss over the global batch when each worker's loss is the mean over its own batch. A
 * worker without a gradient for a parameter contributes zeros; a parameter no worker has a
 * gradient for keeps none (flags travel with the values).
 */
final class GradientSync {
  private final Collective collective;
  private final Group f32;
  private final Group f64;
  private long gradCalls;
  private long gradNanos;

  /** {@code params}: what the optimizer updates, in a fixed order (the same on every worker). */
  GradientSync(Collective collective, List<Tensor> params) {
    this.collective = collective;
    List<Tensor> a = new ArrayList<>(), b = new ArrayList<>();
    for (Tensor p : params) (HostCopy.floating(p, "parameter") == DType.FLOAT32 ? a : b).add(p);
    this.f32 = new Group(a, DType.FLOAT32);
    this.f64 = new Group(b, DType.FLOAT64);
  }

  Collective collective() { return collective; }

  /**
   * Replaces every gradient by the weighted mean over the workers; {@code weight} is this
   * worker's batch size (pass 1 on every worker when all batches have the same size: the plain
   * mean, without the scaling). Nothing to do for a single worker.
   */
  void allReduceGradients(int weight) {
    if (collective.size() == 1) return;
    long t0 = System.nanoTime();
    f32.reduceGradients(weight);
    f64.reduceGradients(weight);
    gradCalls++;
    gradNanos += System.nanoTime() - t0;
  }

  /** The weighted mean of {@code value} over the workers (a NaN anywhere gives NaN). */
  double mean(double value, int weight) {
    if (collective.size() == 1) return value;
    double[] v = {value * weight, weight};
    collective.allReduceSum(v);
    return v[0] / v[1];
  }

  /** Sets {@code tensors} (floating ones; others are skipped) to {@code root}'s values on every worker. */
  static void broadcast(Collective c, List<Tensor> tensors, int root) {
    List<Tensor> a = new ArrayList<>(), b = new ArrayList<>();
    for (Tensor t : tensors) {
      if (t.dtype() == DType.FLOAT32) a.add(t);
      else if (t.dtype() == DType.FLOAT64) b.add(t);
    }
    if (!a.isEmpty()) {
      float[] flat = new float[numel(a)];
      int pos = 0;
      for (Tensor t : a) {
        HostCopy.read(t, flat, pos, 1f);
        pos += t.numel();
      }
      c.broadcast(flat, root);
      pos = 0;
      for (Tensor t : a) {
        HostCopy.write(flat, pos, 1f, t);
        pos += t.numel();
      }
    }
    if (!b.isEmpty()) {
      double[] flat = new double[numel(b)];
      int pos = 0;
      for (Tensor t : b) {
        HostCopy.read(t, flat, pos, 1.0);
        pos += t.numel();
      }
      c.broadcast(flat, root);
      pos = 0;
      for (Tensor t : b) {
        HostCopy.write(flat, pos, 1.0, t);
        pos += t.numel();
      }
    }
  }

  /** Gradient all-reduces so far (one per backward). */
  long gradientCalls() { return gradCalls; }

  /** Wall time of the gradient all-reduces so far, copies included. */
  long gradientNanos() { return gradNanos; }

  private static int numel(List<Tensor> ts) {
    long n = 0;
    for (Tensor t : ts) n += t.numel();
    if (n > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("data parallel: " + n + " elements do not fit one array");
    return (int) n;
  }

  /** The parameters of one element type and their flat array: values, then the weight, then one presence flag per parameter. */
  private final class Group {
    private final List<Tensor> params;
    private final int total;
    private final float[] f;
    private final double[] d;

    Group(List<Tensor> params, DType dtype) {
      this.params = params;
      this.total = numel(params);
      int len = params.isEmpty() ? 0 : total + 1 + params.size();
      this.f = dtype == DType.FLOAT32 ? new float[len] : null;
      this.d = dtype == DType.FLOAT64 ? new double[len] : null;
    }

    void reduceGradients(int weight) {
      if (params.isEmpty()) return;
      int pos = 0;
      for (int i = 0; i < params.size(); i++) {
        Tensor p = params.get(i);
        Tensor g = p.grad();
        int n = p.numel();
        if (g != null) {
          if (f != null) HostCopy.read(g, f, pos, weight);
          else HostCopy.read(g, d, pos, weight);
        } else if (f != null) {
          java.util.Arrays.fill(f, pos, pos + n, 0f);
        } else {
          java.util.Arrays.fill(d, pos, pos + n, 0.0);
        }
        set(total + 1 + i, g != null ? 1 : 0);
        pos += n;
      }
      set(total, weight);
      if (f != null) collective.allReduceSum(f);
      else collective.allReduceSum(d);
      double count = get(total);
      pos = 0;
      for (int i = 0; i < params.size(); i++) {
        Tensor p = params.get(i);
        int n = p.numel();
        if (get(total + 1 + i) > 0) {
          Tensor g = p.grad();
          if (g == null) {
            g = TensorScope.untracked(() -> Tensor.zerosLike(p));
            p.setGrad(g);
          }
          if (f != null) HostCopy.write(f, pos, (float) count, g);
          else HostCopy.write(d, pos, count, g);
        }
        pos += n;
      }
    }

    private void set(int i, double v) {
      if (f != null) f[i] = (float) v;
      else d[i] = v;
    }

    private double get(int i) { return f != null ? f[i] : d[i]; }
  }
}
