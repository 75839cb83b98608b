package io.jgrad.tensor;

import io.jgrad.tensor.cpu.CpuConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.jgrad.tensor.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Vector API kernels against their scalar twins ({@link CpuBackend#forceScalar}) at sizes
 * around the vector width, a prime, non-contiguous and broadcast layouts, and sizes large
 * enough for the parallel path. float64 must agree to ~1e-12 relative (both sides compute in
 * double); float32 vectors compute in float32 while the scalar twin rounds a double result,
 * so they may differ by a few float ulps, amplified where the formula cancels (gelu-tanh for
 * x << 0): rtol 1e-4.
 */
class ElementwiseDifferentialTest {
  static final int LANES = CpuConfig.FLOAT.length();
  static final int[] SIZES = {0, 1, LANES - 1, LANES, LANES + 1, 2 * LANES + 3, 97, 1031};

  record Op(String name, UnaryOperator<Tensor> f, String domain) {}

  static List<Op> unaryOps() {
    return List.of(new Op("neg", Tensor::neg, "any"), new Op("abs", Tensor::abs, "any"),
        new Op("exp", Tensor::exp, "any"), new Op("expm1", Tensor::expm1, "any"), new Op("log", Tensor::log, "pos"),
        new Op("log1p", Tensor::log1p, "pos"), new Op("log2", Tensor::log2, "pos"), new Op("sqrt", Tensor::sqrt, "pos"),
        new Op("rsqrt", Tensor::rsqrt, "pos"), new Op("reciprocal", Tensor::reciprocal, "any"),
        new Op("sin", Tensor::sin, "any"), new Op("cos", Tensor::cos, "any"), new Op("tan", Tensor::tan, "unit"),
        new Op("asin", Tensor::asin, "unit"), new Op("acos", Tensor::acos, "unit"), new Op("atan", Tensor::atan, "any"),
        new Op("sinh", Tensor::sinh, "any"), new Op("cosh", Tensor::cosh, "any"), new Op("tanh", Tensor::tanh, "any"),
        new Op("sigmoid", Tensor::sigmoid, "any"), new Op("silu", Tensor::silu, "any"),
        new Op("logSigmoid", Tensor::logSigmoid, "any"), new Op("relu", Tensor::relu, "any"),
        new Op("leakyRelu", x -> x.leakyRelu(0.1), "any"), new Op("elu", x -> x.elu(0.7), "any"),
        new Op("softplus", x -> x.softplus(1.5, 4), "any"), new Op("geluTanh", x -> x.gelu(true), "any"),
        new Op("gelu", Tensor::gelu, "any"), new Op("erf", Tensor::erf, "any"), new Op("erfc", Tensor::erfc, "any"),
        new Op("square", x -> x.pow(2), "any"), new Op("cube", x -> x.pow(3), "any"),
        new Op("rsqrt pow", x -> x.pow(-0.5), "pos"), new Op("sqrt pow", x -> x.pow(0.5), "pos"),
        new Op("clamp", x -> x.clamp(-0.5, 1.25), "any"), new Op("clampMax", x -> x.clampMax(0.25), "any"),
        new Op("pow", x -> x.pow(2.5), "pos"), new Op("round", Tensor::round, "any"));
  }

  static Tensor sample(SplittableRandom r, DType dtype, String domain, int... shape) {
    int n = Shapes.numel(shape);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double g = r.nextGaussian() * 3;
      v[i] = switch (domain) {
        case "pos" -> Math.abs(g) + 1e-3;
        case "unit" -> r.nextDouble(-0.99, 0.99);
        default -> g;
      };
    }
    if (n > 4 && !domain.equals("pos") && !domain.equals("unit")) {
      v[0] = 0;
      v[n / 2] = Double.NaN;
      v[n - 1] = -0.0;
    }
    return Tensor.fromArray(v, shape).to(dtype);
  }

  static Tensor scalarRun(java.util.function.Supplier<Tensor> f) {
    CpuBackend.forceScalar(true);
    try {
      return f.get();
    } finally {
      CpuBackend.forceScalar(false);
    }
  }

  static void assertAgree(String what, Tensor expected, Tensor actual) {
    assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
    assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
    double rtol = expected.dtype() == DType.FLOAT32 ? 1e-4 : 1e-11, atol = expected.dtype() == DType.FLOAT32 ? 1e-6 : 1e-13;
    double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
    for (int i = 0; i < e.length; i++) {
      boolean ok = Double.isNaN(e[i]) ? Double.isNaN(a[i])
          : Double.isInfinite(e[i]) ? e[i] == a[i] : Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]);
      if (!ok) fail(what + ": element " + i + " of " + e.length + ": scalar " + e[i] + ", vector " + a[i]);
    }
  }

  @TestFactory
  Stream<DynamicTest> unaryVectorMatchesScalar() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Op op : unaryOps()) {
      for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
        tests.add(DynamicTest.dynamicTest(op.name() + " " + dt, () -> {
          SplittableRandom r = new SplittableRandom(op.name().hashCode() * 31L + dt.ordinal());
          List<Tensor> inputs = new ArrayList<>();
          for (int n : SIZES) inputs.add(sample(r, dt, op.domain(), n));
          inputs.add(sample(r, dt, op.domain(), 19, 13).t());           // strided rows
          inputs.add(sample(r, dt, op.domain(), 7, 40).slice(1, 3, 37, 1)); // offset rows
          inputs.add(sample(r, dt, op.domain(), 300_001));               // parallel, one long row
          inputs.add(sample(r, dt, op.domain(), 700, 401));              // parallel rows
          for (Tensor x : inputs) {
            Tensor want = scalarRun(() -> op.f().apply(x));
            assertAgree(op.name() + " " + dt + " " + Shapes.str(x.shape()), want, op.f().apply(x));
          }
        }));
      }
    }
    return tests.stream();
  }

  record BinOp(String name, BinaryOperator<Tensor> f) {}

  static List<BinOp> binaryOps() {
    return List.of(new BinOp("add", Tensor::add), new BinOp("sub", Tensor::sub), new BinOp("mul", Tensor::mul),
        new BinOp("div", Tensor::div), new BinOp("maximum", Tensor::maximum), new BinOp("minimum", Tensor::minimum),
        new BinOp("pow", (a, b) -> a.abs().pow(b)), new BinOp("atan2", Tensor::atan2),
        new BinOp("remainder", Tensor::remainder), new BinOp("lt", Tensor::lt), new BinOp("add alpha", (a, b) -> a.add(b, 0.5)));
  }

  @TestFactory
  Stream<DynamicTest> binaryVectorMatchesScalar() {
    List<DynamicTest> tests = new ArrayList<>();
    for (BinOp op : binaryOps()) {
      for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
        tests.add(DynamicTest.dynamicTest(op.name() + " " + dt, () -> {
          SplittableRandom r = new SplittableRandom(op.name().hashCode() * 17L + dt.ordinal());
          List<Tensor[]> pairs = new ArrayList<>();
          for (int n : SIZES) {
            pairs.add(new Tensor[] {sample(r, dt, "any", n), sample(r, dt, "any", n)});        // both contiguous
            pairs.add(new Tensor[] {sample(r, dt, "any", n), sample(r, dt, "any", 1)});        // vector op scalar
            pairs.add(new Tensor[] {sample(r, dt, "any", 1), sample(r, dt, "any", n)});        // scalar op vector
            pairs.add(new Tensor[] {sample(r, dt, "any", 3, n), sample(r, dt, "any", 3, 1)});  // column broadcast
          }
          pairs.add(new Tensor[] {sample(r, dt, "any", 23, 17).t(), sample(r, dt, "any", 17, 23)});
          pairs.add(new Tensor[] {sample(r, dt, "any", 300_001), sample(r, dt, "any", 300_001)});
          pairs.add(new Tensor[] {sample(r, dt, "any", 300_001), Tensor.scalar(1.75, dt)});
          pairs.add(new Tensor[] {sample(r, dt, "any", 600, 500), sample(r, dt, "any", 600, 1)});
          for (Tensor[] p : pairs) {
            Tensor want = scalarRun(() -> op.f().apply(p[0], p[1]));
            assertAgree(op.name() + " " + dt + " " + Shapes.str(p[0].shape()) + " x " + Shapes.str(p[1].shape()), want,
                op.f().apply(p[0], p[1]));
          }
        }));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> inPlaceVectorMatchesScalar() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      tests.add(DynamicTest.dynamicTest("addInPlace/mulInPlace/clampInPlace " + dt, () -> {
        SplittableRandom r = new SplittableRandom(dt.ordinal());
        for (int n : SIZES) {
          Tensor x = sample(r, dt, "any", 3, n), y = sample(r, dt, "any", n);
          Tensor want = scalarRun(() -> x.copy().addInPlace(y, -0.25).mulInPlace(y).clampInPlace(-1, 2).divInPlace(3.0));
          assertAgree("in place " + n, want, x.copy().addInPlace(y, -0.25).mulInPlace(y).clampInPlace(-1, 2).divInPlace(3.0));
        }
      }));
    }
    return tests.stream();
  }
}
