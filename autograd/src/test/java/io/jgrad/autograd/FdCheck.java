package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.fail;

import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A small float64 central-difference checker for the linalg/conv gradient tests (eps 1e-6,
 * atol 1e-5, rtol 1e-3), used until {@code io.jgrad.autograd.GradCheck} lands. The analytic
 * side goes through {@link Autograd#grad} with explicit gradOutputs, so it needs no derivative
 * other than the op's own (and, for second order, those of the ops its backward uses).
 */
final class FdCheck {
  static final double EPS = 1e-6, ATOL = 1e-5, RTOL = 1e-3;

  private FdCheck() {}

  /** Random float64 tensor with entries in [-1, 1). */
  static Tensor rand(SplittableRandom r, int... shape) {
    int n = 1;
    for (int s : shape) n *= s;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = r.nextDouble(-1, 1);
    return Tensor.fromArray(v, shape);
  }

  private static List<Tensor> leaves(List<double[]> vals, List<int[]> shapes) {
    List<Tensor> l = new ArrayList<>();
    for (int i = 0; i < vals.size(); i++) l.add(Tensor.fromArray(vals.get(i).clone(), shapes.get(i)).requiresGrad(true));
    return l;
  }

  /** First order: the analytic vector-Jacobian product with a random w matches finite differences. */
  static void first(String what, Function<List<Tensor>, Tensor> f, List<Tensor> inputs, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<double[]> vals = new ArrayList<>();
    List<int[]> shapes = new ArrayList<>();
    for (Tensor t : inputs) {
      vals.add(t.toDoubleArray());
      shapes.add(t.shape());
    }
    List<Tensor> x = leaves(vals, shapes);
    Tensor out = f.apply(x);
    Tensor w = rand(r, out.shape());
    double[] wv = w.toDoubleArray();
    List<Tensor> g = Autograd.grad(List.of(out), x, List.of(w), false, false, true);
    for (int i = 0; i < x.size(); i++) {
      double[] num = numeric(vals, shapes, i, xs -> dotOut(f.apply(xs), wv));
      compare(what + " d/dinput" + i, num, g.get(i));
    }
  }

  /** Second order: d/dx <vjp(x, w), v> analytic (createGraph) vs finite differences of the first-order vjp. */
  static void second(String what, Function<List<Tensor>, Tensor> f, List<Tensor> inputs, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<double[]> vals = new ArrayList<>();
    List<int[]> shapes = new ArrayList<>();
    for (Tensor t : inputs) {
      vals.add(t.toDoubleArray());
      shapes.add(t.shape());
    }
    List<Tensor> x = leaves(vals, shapes);
    Tensor out = f.apply(x);
    Tensor w = rand(r, out.shape());
    List<double[]> v = new ArrayList<>();
    List<Tensor> vt = new ArrayList<>();
    for (int[] s : shapes) {
      Tensor t = rand(r, s);
      vt.add(t);
      v.add(t.toDoubleArray());
    }
    List<Tensor> g = Autograd.grad(List.of(out), x, List.of(w), true, true, true);
    List<Tensor> gOut = new ArrayList<>(), gIn = new ArrayList<>(), gV = new ArrayList<>();
    for (int i = 0; i < g.size(); i++) {
      if (g.get(i) != null && g.get(i).requiresGrad()) {
        gOut.add(g.get(i));
        gV.add(vt.get(i));
      }
    }
    List<Tensor> gg = gOut.isEmpty() ? new ArrayList<>(java.util.Collections.nCopies(x.size(), (Tensor) null))
        : Autograd.grad(gOut, x, gV, false, false, true);
    for (int i = 0; i < x.size(); i++) {
      double[] num = numeric(vals, shapes, i, xs -> {
        Tensor o = f.apply(xs);
        List<Tensor> gi = Autograd.grad(List.of(o), xs, List.of(w), false, false, true);
        double s = 0;
        for (int k = 0; k < gi.size(); k++) {
          if (gi.get(k) == null) continue;
          double[] a = gi.get(k).toDoubleArray();
          for (int j = 0; j < a.length; j++) s += a[j] * v.get(k)[j];
        }
        return s;
      });
      compare(what + " second order d/dinput" + i, num, gg.get(i));
    }
  }

  private static double dotOut(Tensor o, double[] w) {
    double[] a = o.toDoubleArray();
    double s = 0;
    for (int j = 0; j < a.length; j++) s += a[j] * w[j];
    return s;
  }

  private static double[] numeric(List<double[]> vals, List<int[]> shapes, int which,
                                  java.util.function.ToDoubleFunction<List<Tensor>> scalar) {
    double[] base = vals.get(which);
    double[] num = new double[base.length];
    for (int j = 0; j < base.length; j++) {
      List<double[]> plus = new ArrayList<>(vals), minus = new ArrayList<>(vals);
      double[] p = base.clone(), m = base.clone();
      p[j] += EPS;
      m[j] -= EPS;
      plus.set(which, p);
      minus.set(which, m);
      num[j] = (scalar.applyAsDouble(leaves(plus, shapes)) - scalar.applyAsDouble(leaves(minus, shapes))) / (2 * EPS);
    }
    return num;
  }

  private static void compare(String what, double[] num, Tensor analytic) {
    double[] a = analytic == null ? new double[num.length] : analytic.toDoubleArray();
    if (a.length != num.length) fail(what + ": gradient has " + a.length + " elements, expected " + num.length);
    for (int j = 0; j < num.length; j++) {
      if (!(Math.abs(a[j] - num[j]) <= ATOL + RTOL * Math.abs(num[j]))) {
        fail(what + ": element " + j + " analytic " + a[j] + " vs numeric " + num[j]);
      }
    }
  }
}
