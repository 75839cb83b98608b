package io.jgrad.autograd;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.GradMode;
import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/** The machinery behind {@link GradCheck}: inputs as double arrays, Jacobians, directions. */
final class GradChecker {
  private GradChecker() {}

  /** full: TRUE Jacobian, FALSE directions, null by size. labels: names of the inputs (null: "input i"). */
  static GradCheck.Result first(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputs, GradCheck.Options o,
                                String prefix, Boolean full, String... labels) {
    Problem p = new Problem(f, inputs, labels);
    boolean jac = full != null ? full : p.totalIn <= o.fullLimit() && p.totalOut() <= o.fullLimit();
    return jac ? p.jacobian(o, prefix) : p.directions(o, prefix);
  }

  static GradCheck.Result first(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputs, GradCheck.Options o,
                                String prefix, Boolean full) {
    return first(f, inputs, o, prefix, full, (String[]) null);
  }

  /** Host-built probe values on the device of the tensor they stand for (the check runs where f runs). */
  private static Tensor onDeviceOf(Tensor host, Tensor like) {
    return like.device().equals(host.device()) ? host : host.to(like.device());
  }

  /** gradgradcheck: G(x, v) = J(x)^T v (createGraph) checked to first order in x and v. */
  static GradCheck.Result second(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputs, GradCheck.Options o) {
    Problem p = new Problem(f, inputs, null);
    List<Tensor> outs = p.evaluate(p.values, true);
    SplittableRandom rnd = new SplittableRandom(o.seed() ^ 0x5DEECE66DL);
    List<Tensor> all = new ArrayList<>(inputs);
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) labels.add("input " + i);
    for (int k = 0; k < outs.size(); k++) {
      double[] v = new double[outs.get(k).numel()];
      for (int e = 0; e < v.length; e++) v[e] = rnd.nextDouble(-1, 1);
      all.add(onDeviceOf(Tensor.fromArray(v, outs.get(k).shape()), outs.get(k)));
      labels.add("cotangent of output " + k);
    }
    int n = inputs.size();
    Function<List<Tensor>, List<Tensor>> g = in -> vjpWithGraph(f, in.subList(0, n), in.subList(n, in.size()));
    return first(g, all, o, "second order ", null, labels.toArray(new String[0]));
  }

  /** J^T v with createGraph: differentiable in the inputs (when they require grad) and in v. */
  private static List<Tensor> vjpWithGraph(Function<List<Tensor>, List<Tensor>> f, List<Tensor> in, List<Tensor> v) {
    try (GradMode.Scope on = GradMode.enabled()) {
      List<Tensor> xs = new ArrayList<>(in);
      List<Tensor> diff = new ArrayList<>();
      for (int i = 0; i < xs.size(); i++) {
        Tensor x = xs.get(i);
        if (!Problem.differentiable(x)) continue;
        if (!x.requiresGrad()) xs.set(i, x = x.detach().requiresGrad(true));
        diff.add(x);
      }
      List<Tensor> outs = f.apply(xs);
      List<Tensor> roots = new ArrayList<>(), cots = new ArrayList<>();
      for (int k = 0; k < outs.size(); k++) {
        if (outs.get(k).requiresGrad()) {
          roots.add(outs.get(k));
          cots.add(v.get(k));
        }
      }
      List<Tensor> gs = roots.isEmpty() ? Arrays.asList(new Tensor[diff.size()])
          : Autograd.grad(roots, diff, cots, true, true, true);
      List<Tensor> result = new ArrayList<>();
      for (int i = 0; i < diff.size(); i++) result.add(gs.get(i) != null ? gs.get(i) : Tensor.zerosLike(diff.get(i)));
      return result;
    }
  }

  /** One function and its inputs, differentiable ones held as double arrays. */
  private static final class Problem {
    final Function<List<Tensor>, List<Tensor>> f;
    final List<Tensor> inputs;
    final String[] labels;
    final List<Integer> diffIndex = new ArrayList<>(); // positions of the differentiable inputs
    final List<double[]> values = new ArrayList<>();
    final List<int[]> shapes = new ArrayList<>();
    int totalIn;
    int[][] outShapes;

    Problem(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputs, String[] labels) {
      this.f = f;
      this.inputs = inputs;
      this.labels = labels;
      for (int i = 0; i < inputs.size(); i++) {
        Tensor x = inputs.get(i);
        if (x == null || !x.dtype().isFloatingPoint()) continue;
        if (x.dtype() != DType.FLOAT64) {
          throw new IllegalArgumentException("GradCheck: " + label(i) + " " + Shapes.str(x.shape()) + " has dtype "
              + x.dtype() + "; finite differences need FLOAT64 inputs (use x.to(DType.FLOAT64))");
        }
        diffIndex.add(i);
        values.add(x.toDoubleArray());
        shapes.add(x.shape());
        totalIn += x.numel();
      }
    }

    static boolean differentiable(Tensor x) { return x != null && x.dtype().isFloatingPoint(); }

    String label(int i) { return labels != null ? labels[i] : "input " + i; }

    int totalOut() {
      if (outShapes == null) evaluate(values, false);
      int n = 0;
      for (int[] s : outShapes) n += Shapes.numel(s);
      return n;
    }

    /** Fresh input tensors holding vals (requiring grad when asked) in the caller's positions. */
    List<Tensor> build(List<double[]> vals, boolean requireGrad) {
      List<Tensor> in = new ArrayList<>(inputs);
      for (int d = 0; d < diffIndex.size(); d++) {
        Tensor t = onDeviceOf(Tensor.fromArray(vals.get(d).clone(), shapes.get(d)), inputs.get(diffIndex.get(d)));
        in.set(diffIndex.get(d), requireGrad ? t.requiresGrad(true) : t);
      }
      return in;
    }

    /** f at vals (recording as asked); checks the outputs are float64 and keep their shapes. */
    List<Tensor> evaluate(List<double[]> vals, boolean record) {
      List<Tensor> outs;
      try (GradMode.Scope mode = record ? GradMode.enabled() : GradMode.disabled()) {
        outs = f.apply(build(vals, record));
      }
      if (outs == null || outs.isEmpty()) throw new IllegalArgumentException("GradCheck: the function returned no output");
      int[][] sh = new int[outs.size()][];
      for (int k = 0; k < outs.size(); k++) {
        Tensor y = outs.get(k);
        if (y == null) throw new IllegalArgumentException("GradCheck: output " + k + " is null");
        if (y.dtype() != DType.FLOAT64) {
          throw new IllegalArgumentException("GradCheck: output " + k + " " + Shapes.str(y.shape()) + " has dtype "
              + y.dtype() + "; the checked function must return FLOAT64 results");
        }
        sh[k] = y.shape();
      }
      if (outShapes == null) outShapes = sh;
      return outs;
    }

    /** The outputs' values at vals, flattened per output (intermediate tensors closed). */
    double[][] numericValues(List<double[]> vals) {
      try (TensorScope s = TensorScope.open()) {
        List<Tensor> outs = evaluate(vals, false);
        double[][] r = new double[outs.size()][];
        for (int k = 0; k < r.length; k++) {
          if (!Arrays.equals(outs.get(k).shape(), outShapes[k])) {
            throw new IllegalArgumentException("GradCheck: output " + k + " changed shape from " + Shapes.str(outShapes[k])
                + " to " + Shapes.str(outs.get(k).shape()) + " under a perturbation of the inputs");
          }
          r[k] = outs.get(k).toDoubleArray();
        }
        return r;
      }
    }

    GradCheck.Result jacobian(GradCheck.Options o, String prefix) {
      // analytic[k][d][j * n_d + e]: d output k element j / d input d element e, from one-hot cotangents.
      double[][][] analytic = new double[outShapes().length][diffIndex.size()][];
      try (TensorScope s = TensorScope.open()) {
        List<Tensor> in = build(values, true);
        List<Tensor> leaves = new ArrayList<>();
        for (int i : diffIndex) leaves.add(in.get(i));
        List<Tensor> outs;
        try (GradMode.Scope on = GradMode.enabled()) {
          outs = f.apply(in);
        }
        for (int k = 0; k < outs.size(); k++) {
          Tensor y = outs.get(k);
          int m = y.numel();
          for (int d = 0; d < leaves.size(); d++) analytic[k][d] = new double[m * values.get(d).length];
          if (!y.requiresGrad() || leaves.isEmpty()) continue;
          for (int j = 0; j < m; j++) {
            double[] e = new double[m];
            e[j] = 1;
            List<Tensor> gs = Autograd.grad(List.of(y), leaves, List.of(onDeviceOf(Tensor.fromArray(e, y.shape()), y)), true, false, true);
            for (int d = 0; d < leaves.size(); d++) {
              if (gs.get(d) == null) continue;
              double[] g = gs.get(d).toDoubleArray();
              System.arraycopy(g, 0, analytic[k][d], j * g.length, g.length);
            }
          }
        }
      }
      Mismatches mm = new Mismatches(o);
      for (int d = 0; d < diffIndex.size(); d++) {
        double[] x = values.get(d);
        for (int e = 0; e < x.length; e++) {
          double keep = x[e];
          x[e] = keep + o.eps();
          double[][] plus = numericValues(values);
          x[e] = keep - o.eps();
          double[][] minus = numericValues(values);
          x[e] = keep;
          for (int k = 0; k < plus.length; k++) {
            for (int j = 0; j < plus[k].length; j++) {
              double num = (plus[k][j] - minus[k][j]) / (2 * o.eps());
              double ana = analytic[k][d][j * x.length + e];
              if (mm.compare(num, ana) && mm.first == null) {
                mm.first = "d output " + k + " element " + j + " " + coords(j, outShapes[k]) + " / d "
                    + label(diffIndex.get(d)) + " element " + e + " " + coords(e, shapes.get(d)) + ": numeric " + num
                    + " vs analytic " + ana;
              }
            }
          }
        }
      }
      return mm.result(prefix + "jacobian", diffIndex.size(), "Jacobian entries");
    }

    GradCheck.Result directions(GradCheck.Options o, String prefix) {
      SplittableRandom rnd = new SplittableRandom(o.seed());
      Mismatches mm = new Mismatches(o);
      for (int r = 0; r < o.directions(); r++) {
        List<double[]> t = new ArrayList<>();
        for (double[] x : values) t.add(gaussian(rnd, x.length));
        double[][] c = new double[outShapes().length][];
        for (int k = 0; k < c.length; k++) c[k] = gaussian(rnd, Shapes.numel(outShapes[k]));
        double[][] plus = numericValues(shifted(t, o.eps()));
        double[][] minus = numericValues(shifted(t, -o.eps()));
        double num = 0;
        for (int k = 0; k < c.length; k++) {
          for (int j = 0; j < c[k].length; j++) num += c[k][j] * (plus[k][j] - minus[k][j]) / (2 * o.eps());
        }
        double ana = projectedVjp(t, c);
        if (mm.compare(num, ana) && mm.first == null) {
          mm.first = "direction " + r + " of " + o.directions() + " (seed " + o.seed() + "): <J t, c> by finite "
              + "differences = " + num + " vs <t, J^T c> by backward = " + ana;
        }
      }
      return mm.result(prefix + "directions", diffIndex.size(), "random directions");
    }

    /** <t, J^T c>: one backward from all outputs with cotangents c. */
    private double projectedVjp(List<double[]> t, double[][] c) {
      try (TensorScope s = TensorScope.open()) {
        List<Tensor> in = build(values, true);
        List<Tensor> leaves = new ArrayList<>();
        for (int i : diffIndex) leaves.add(in.get(i));
        List<Tensor> outs;
        try (GradMode.Scope on = GradMode.enabled()) {
          outs = f.apply(in);
        }
        List<Tensor> roots = new ArrayList<>(), cots = new ArrayList<>();
        for (int k = 0; k < outs.size(); k++) {
          if (!outs.get(k).requiresGrad()) continue;
          roots.add(outs.get(k));
          cots.add(onDeviceOf(Tensor.fromArray(c[k], outShapes[k]), outs.get(k)));
        }
        if (roots.isEmpty() || leaves.isEmpty()) return 0;
        List<Tensor> gs = Autograd.grad(roots, leaves, cots, false, false, true);
        double dot = 0;
        for (int d = 0; d < leaves.size(); d++) {
          if (gs.get(d) == null) continue;
          double[] g = gs.get(d).toDoubleArray();
          for (int e = 0; e < g.length; e++) dot += g[e] * t.get(d)[e];
        }
        return dot;
      }
    }

    private List<double[]> shifted(List<double[]> t, double h) {
      List<double[]> r = new ArrayList<>();
      for (int d = 0; d < values.size(); d++) {
        double[] x = values.get(d).clone();
        for (int e = 0; e < x.length; e++) x[e] += h * t.get(d)[e];
        r.add(x);
      }
      return r;
    }

    private int[][] outShapes() {
      if (outShapes == null) totalOut();
      return outShapes;
    }
  }

  /** Counts entries outside atol + rtol * |numeric| and keeps the first one's description. */
  private static final class Mismatches {
    final GradCheck.Options o;
    String first;
    long compared, failed;
    double maxError;

    Mismatches(GradCheck.Options o) { this.o = o; }

    /** True when the pair is out of tolerance. */
    boolean compare(double numeric, double analytic) {
      compared++;
      double err = Math.abs(analytic - numeric);
      if (!(err <= maxError)) maxError = Double.isNaN(err) ? Double.NaN : Math.max(maxError, err);
      boolean bad = !(err <= o.atol() + o.rtol() * Math.abs(numeric));
      if (bad) failed++;
      return bad;
    }

    GradCheck.Result result(String form, int inputs, String what) {
      if (failed > 0) {
        throw new GradCheckException("GradCheck (" + form + "): " + first + " (|diff| exceeds atol " + o.atol()
            + " + rtol " + o.rtol() + " * |numeric|, eps " + o.eps() + "); " + failed + " of " + compared + " " + what
            + " differ");
      }
      return new GradCheck.Result(form, inputs, compared, maxError);
    }
  }

  private static double[] gaussian(SplittableRandom rnd, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      // Box-Muller: SplittableRandom has no nextGaussian in every JDK we target.
      double u = 1 - rnd.nextDouble(), w = rnd.nextDouble();
      v[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }
    return v;
  }

  /** Row-major coordinates of flat index i in shape, e.g. [1, 2]. */
  static String coords(int i, int[] shape) {
    int[] c = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] == 0) return "[]";
      c[d] = i % shape[d];
      i /= shape[d];
    }
    return Arrays.toString(c);
  }
}
