package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link GradCheck} (float64 central differences, eps 1e-6, atol 1e-5, rtol 1e-3) of every
 * elementwise derivative: first order (the full Jacobian) and second order (gradgradcheck of
 * the VJP taken with createGraph). Inputs lie inside each op's domain and away from its
 * kinks; binary ops are checked on broadcast shapes so the sum back to the input shape is
 * covered too. {@link #everyRegisteredOpIsChecked} fails when a new elementwise op has no entry.
 */
class ElementwiseGradCheckTest {
  /**
   * Registered elementwise derivatives. All get first- and second-order checks: the kinked ops
   * (relu, abs, clamp, sign, floor, ...) are sampled away from their kinks, where their second
   * derivative is zero.
   */
  static final int EXPECTED_OPS = 53;

  /** An op under test: the function of its float64 differentiable inputs, and how to draw them. */
  record Entry(Function<List<Tensor>, Tensor> f, List<Supplier<Tensor>> inputs) {}

  private static final SplittableRandom RNG = new SplittableRandom(20261126);

  static Tensor uniform(double lo, double hi, int... shape) {
    int n = 1;
    for (int s : shape) n *= s;
    double[] v = new double[n];
    synchronized (RNG) {
      for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * RNG.nextDouble();
    }
    return Tensor.fromArray(v, shape);
  }

  /** |x| in [0.2, 2], random sign: away from the kink at 0. */
  static Tensor awayFromZero(int... shape) {
    Tensor t = uniform(0.2, 2, shape);
    double[] v = t.toDoubleArray();
    synchronized (RNG) {
      for (int i = 0; i < v.length; i++) if (RNG.nextBoolean()) v[i] = -v[i];
    }
    return Tensor.fromArray(v, shape);
  }

  /** Fractional part in [0.2, 0.3] or [0.7, 0.8]: away from integer steps and rounding ties. */
  static Tensor awayFromInt(int... shape) {
    double[] v = uniform(0.2, 0.3, shape).toDoubleArray();
    synchronized (RNG) {
      for (int i = 0; i < v.length; i++) v[i] += RNG.nextInt(-3, 3) + (RNG.nextBoolean() ? 0.5 : 0);
    }
    return Tensor.fromArray(v, shape);
  }

  static Map<String, Entry> entries() {
    Map<String, Entry> m = new LinkedHashMap<>();
    Supplier<Tensor> any = () -> uniform(-2, 2, 3, 4), pos = () -> uniform(0.3, 2.5, 3, 4),
        nz = () -> awayFromZero(3, 4), wide = () -> uniform(-4, 4, 3, 4), unit = () -> uniform(-0.8, 0.8, 3, 4);
    unary(m, "neg", Tensor::neg, any);
    unary(m, "abs", Tensor::abs, nz);
    unary(m, "sign", Tensor::sign, nz);
    unary(m, "exp", Tensor::exp, any);
    unary(m, "expm1", Tensor::expm1, any);
    unary(m, "log", Tensor::log, pos);
    unary(m, "log1p", Tensor::log1p, () -> uniform(-0.6, 2, 3, 4));
    unary(m, "log2", Tensor::log2, pos);
    unary(m, "sqrt", Tensor::sqrt, pos);
    unary(m, "rsqrt", Tensor::rsqrt, pos);
    unary(m, "reciprocal", Tensor::reciprocal, nz);
    unary(m, "sin", Tensor::sin, any);
    unary(m, "cos", Tensor::cos, any);
    unary(m, "tan", Tensor::tan, () -> uniform(-1.2, 1.2, 3, 4));
    unary(m, "asin", Tensor::asin, unit);
    unary(m, "acos", Tensor::acos, unit);
    unary(m, "atan", Tensor::atan, any);
    unary(m, "sinh", Tensor::sinh, any);
    unary(m, "cosh", Tensor::cosh, any);
    unary(m, "tanh", Tensor::tanh, any);
    unary(m, "sigmoid", Tensor::sigmoid, wide);
    unary(m, "logSigmoid", Tensor::logSigmoid, wide);
    unary(m, "softplus", x -> x.softplus(2, 5), wide);
    unary(m, "relu", Tensor::relu, nz);
    unary(m, "leakyRelu", x -> x.leakyRelu(0.2), nz);
    unary(m, "elu", x -> x.elu(0.7), nz);
    unary(m, "gelu", x -> x.gelu(false), wide);
    m.put("geluTanh", new Entry(in -> in.get(0).gelu(true), List.of(wide)));
    unary(m, "silu", Tensor::silu, wide);
    unary(m, "erf", Tensor::erf, any);
    unary(m, "erfc", Tensor::erfc, any);
    unary(m, "floor", Tensor::floor, () -> awayFromInt(3, 4));
    unary(m, "ceil", Tensor::ceil, () -> awayFromInt(3, 4));
    unary(m, "round", Tensor::round, () -> awayFromInt(3, 4));
    unary(m, "trunc", Tensor::trunc, () -> awayFromInt(3, 4));
    unary(m, "clamp", x -> x.clamp(-0.5, 0.5), nz);
    unary(m, "powScalar", x -> x.pow(-1.5), pos);
    unary(m, "nanToNum", x -> x.nanToNum(0, 5, -5), any);
    unary(m, "addScalar", x -> x.add(1.5), any);
    unary(m, "subScalar", x -> x.sub(0.75), any);
    unary(m, "mulScalar", x -> x.mul(-2.5), any);
    unary(m, "divScalar", x -> x.div(0.4), any);
    unary(m, "remainderScalar", x -> x.remainder(0.7), () -> awayFromInt(3, 4).mul(0.7));
    Supplier<Tensor> col = () -> uniform(-2, 2, 3, 1), row = () -> uniform(-2, 2, 1, 4);
    binary(m, "add", (a, b) -> a.add(b, 2.5), col, row);
    binary(m, "sub", Tensor::sub, col, row);
    binary(m, "mul", Tensor::mul, col, row);
    binary(m, "div", Tensor::div, col, () -> awayFromZero(1, 4));
    binary(m, "atan2", Tensor::atan2, () -> awayFromZero(3, 1), () -> awayFromZero(1, 4));
    binary(m, "pow", Tensor::pow, () -> uniform(0.3, 2.5, 3, 1), row);
    binary(m, "maximum", Tensor::maximum, () -> uniform(-2, 2, 4), () -> uniform(-2, 2, 3, 4));
    binary(m, "minimum", Tensor::minimum, () -> uniform(-2, 2, 4), () -> uniform(-2, 2, 3, 4));
    // b in [0.5, 2) with a random sign; a = b (q + frac) keeps a / b away from floor's jumps.
    Tensor rb = awayFromZero(1, 4);
    binary(m, "remainder", Tensor::remainder, () -> awayFromInt(3, 4).mul(rb), () -> rb);
    Tensor cond = uniform(0, 1, 3, 1).gt(0.5);
    m.put("where", new Entry(in -> Tensor.where(cond, in.get(0), in.get(1)), List.of(row, () -> uniform(-2, 2, 3, 4))));
    m.put("whereScalar", new Entry(in -> Tensor.where(cond, in.get(0), 0.5), List.of(row)));
    return m;
  }

  private static void unary(Map<String, Entry> m, String op, Function<Tensor, Tensor> f, Supplier<Tensor> x) {
    m.put(op, new Entry(in -> f.apply(in.get(0)), List.of(x)));
  }

  private static void binary(Map<String, Entry> m, String op, java.util.function.BinaryOperator<Tensor> f,
                             Supplier<Tensor> a, Supplier<Tensor> b) {
    m.put(op, new Entry(in -> f.apply(in.get(0), in.get(1)), List.of(a, b)));
  }

  @TestFactory
  Stream<DynamicTest> firstOrder() {
    return entries().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      GradCheck.Result r = GradCheck.check(e.getValue().f(), draw(e.getValue()));
      assertTrue(r.comparisons() >= 12, e.getKey() + ": " + r);
    }));
  }

  @TestFactory
  Stream<DynamicTest> secondOrder() {
    return entries().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      GradCheck.Result r = GradCheck.checkSecondOrder(e.getValue().f(), draw(e.getValue()));
      assertTrue(r.comparisons() >= 12, e.getKey() + ": " + r);
    }));
  }

  /** Every op ElementwiseDerivatives registers has a gradcheck entry (gelu twice: erf and tanh forms). */
  @Test
  void everyRegisteredOpIsChecked() {
    Map<String, Derivative> registered = new HashMap<>();
    ElementwiseDerivatives.register(registered);
    TreeSet<String> missing = new TreeSet<>(registered.keySet());
    missing.removeAll(entries().keySet());
    if (!missing.isEmpty()) fail("elementwise ops without a gradcheck entry: " + missing);
    assertEquals(EXPECTED_OPS, registered.size(), "elementwise ops registered");
    assertEquals(EXPECTED_OPS + 1, entries().size(), "gradcheck entries (gelu in two forms)");
  }

  private static List<Tensor> draw(Entry e) {
    List<Tensor> x = new ArrayList<>();
    for (Supplier<Tensor> s : e.inputs()) x.add(s.get());
    return x;
  }

}
