package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Fft;
import io.jgrad.tensor.PadMode;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * float64 finite-difference checks (io.jgrad.autograd.GradCheck) of every spectral op, first
 * order for all and second order (gradgradcheck) for every op: the linear transforms' second
 * check exercises the derivative of their backward (a transform of the cotangent), the
 * nonlinear ones (|fft|, |stft|, abs, angle) their curvature.
 */
class SpectralGradCheckTest {
  /** Public Fft methods this test must cover; {@link #coverage} fails on one without a case. */
  static final List<String> OPS = List.of("fft", "ifft", "rfft", "irfft", "fftComplex", "ifftComplex", "fft2", "ifft2",
      "fft2Complex", "ifft2Complex", "complex", "real", "imag", "abs", "angle", "stft", "stftComplex", "istft");

  private record Case(String op, String name, Function<List<Tensor>, Tensor> f, int[][] shapes) {}

  private static Tensor hann(int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) w[i] = 0.6 - 0.4 * Math.cos(2 * Math.PI * i / n);
    return Tensor.fromArray(w, n);
  }

  private static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(new Case("fft", "n=6", x -> Fft.fft(x.get(0)), new int[][] {{2, 6}}));
    c.add(new Case("fft", "n=7 ortho padded to 9, dim 0", x -> Fft.fft(x.get(0), 9, 0, "ortho"), new int[][] {{7, 2}}));
    c.add(new Case("fft", "Bluestein 17 forward", x -> Fft.fft(x.get(0), -1, -1, "forward"), new int[][] {{17}}));
    c.add(new Case("ifft", "n=5 truncated to 4", x -> Fft.ifft(x.get(0), 4, -1, null), new int[][] {{2, 5}}));
    c.add(new Case("rfft", "n=8", x -> Fft.rfft(x.get(0)), new int[][] {{2, 8}}));
    c.add(new Case("rfft", "n=9 ortho dim 0", x -> Fft.rfft(x.get(0), -1, 0, "ortho"), new int[][] {{9, 2}}));
    c.add(new Case("irfft", "default n", x -> Fft.irfft(x.get(0)), new int[][] {{2, 5, 2}}));
    c.add(new Case("irfft", "odd n=7 forward", x -> Fft.irfft(x.get(0), 7, -1, "forward"), new int[][] {{4, 2}}));
    c.add(new Case("irfft", "n=11 padded input", x -> Fft.irfft(x.get(0), 11, -1, "ortho"), new int[][] {{3, 2}}));
    c.add(new Case("fftComplex", "n=12", x -> Fft.fftComplex(x.get(0), -1, -1, null), new int[][] {{2, 12, 2}}));
    c.add(new Case("fftComplex", "Bluestein 19 ortho", x -> Fft.fftComplex(x.get(0), -1, 0, "ortho"), new int[][] {{19, 2}}));
    c.add(new Case("ifftComplex", "n=10 dim 0", x -> Fft.ifftComplex(x.get(0), -1, 0, null), new int[][] {{10, 2, 2}}));
    c.add(new Case("fft2", "3x4", x -> Fft.fft2(x.get(0)), new int[][] {{3, 4}}));
    c.add(new Case("ifft2", "3x4 s=(4,2)", x -> Fft.ifft2(x.get(0), new int[] {4, 2}, null, null), new int[][] {{3, 4}}));
    c.add(new Case("fft2Complex", "3x3", x -> Fft.fft2Complex(x.get(0), null, null, "ortho"), new int[][] {{3, 3, 2}}));
    c.add(new Case("ifft2Complex", "2x5", x -> Fft.ifft2Complex(x.get(0), null, null, null), new int[][] {{2, 5, 2}}));
    c.add(new Case("complex", "", x -> Fft.complex(x.get(0), x.get(1)), new int[][] {{3}, {3}}));
    c.add(new Case("real", "", x -> Fft.real(x.get(0)), new int[][] {{3, 2}}));
    c.add(new Case("imag", "", x -> Fft.imag(x.get(0)), new int[][] {{3, 2}}));
    c.add(new Case("abs", "", x -> Fft.abs(x.get(0)), new int[][] {{4, 2}}));
    c.add(new Case("abs", "of fft", x -> Fft.abs(Fft.fft(x.get(0))), new int[][] {{7}}));
    c.add(new Case("angle", "", x -> Fft.angle(x.get(0)), new int[][] {{4, 2}}));
    c.add(new Case("stft", "reflect, hann window", x -> Fft.stft(x.get(0), 8, 2, null, x.get(1), true, PadMode.REFLECT,
        false, null, true), new int[][] {{2, 12}, {8}}));
    c.add(new Case("stft", "replicate, winLength 5, normalized two-sided", x -> Fft.stft(x.get(0), 6, 3, 5, x.get(1), true,
        PadMode.REPLICATE, true, false, true), new int[][] {{13}, {5}}));
    c.add(new Case("stft", "magnitude, circular", x -> Fft.abs(Fft.stft(x.get(0), 8, 4, null, null, true, PadMode.CIRCULAR,
        false, null, true)), new int[][] {{14}}));
    c.add(new Case("istft", "hann window", x -> Fft.istft(x.get(0), 8, 2, null, x.get(1), true, false, null, null, false),
        new int[][] {{5, 5, 2}, {8}}));
    c.add(new Case("istft", "no center, rectangular, length", x -> Fft.istft(x.get(0), 6, 2, null, null, false, true, null,
        9, false), new int[][] {{2, 4, 4, 2}}));
    c.add(new Case("stftComplex", "reflect, hann window", x -> Fft.stftComplex(x.get(0), 6, 2, null, x.get(1), true,
        PadMode.REFLECT, false), new int[][] {{9, 2}, {6}}));
    c.add(new Case("istft", "returnComplex, hann window", x -> Fft.istft(x.get(0), 6, 2, null, x.get(1), true, false,
        false, null, true), new int[][] {{6, 4, 2}, {6}}));
    c.add(new Case("fft", "Bluestein 257, batch 2 (random directions)", x -> Fft.fft(x.get(0), -1, -1, "ortho"),
        new int[][] {{2, 257}}));
    c.add(new Case("rfft", "1000 (random directions)", x -> Fft.rfft(x.get(0)), new int[][] {{1000}}));
    c.add(new Case("stft", "nFft 64 hop 16, 200 samples (random directions)", x -> Fft.stft(x.get(0), 64, 16, null,
        x.get(1), true, PadMode.REFLECT, false, null, true), new int[][] {{2, 200}, {64}}));
    return c;
  }

  private static List<Tensor> inputs(String op, int[][] shapes, SplittableRandom r) {
    List<Tensor> in = new ArrayList<>();
    for (int k = 0; k < shapes.length; k++) {
      int[] s = shapes[k];
      if ((op.startsWith("stft") || op.equals("istft")) && k == 1) {
        in.add(hann(s[0]));
        continue;
      }
      int n = 1;
      for (int d : s) n *= d;
      double[] v = new double[n];
      for (int i = 0; i < n; i++) v[i] = r.nextDouble(-1, 1) + (r.nextBoolean() ? 0.3 : -0.3);
      in.add(Tensor.fromArray(v, s));
    }
    return in;
  }

  @TestFactory
  Stream<DynamicTest> firstAndSecondOrder() {
    SplittableRandom r = new SplittableRandom(20261126);
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : cases()) {
      List<Tensor> in = inputs(c.op(), c.shapes(), r);
      tests.add(DynamicTest.dynamicTest(c.op() + " " + c.name(), () -> {
        GradCheck.Result first = GradCheck.check(c.f(), in);
        assertTrue(first.comparisons() > 0, c.op() + ": nothing compared");
        GradCheck.Result second = GradCheck.checkSecondOrder(c.f(), in);
        assertTrue(second.comparisons() > 0, c.op() + ": nothing compared (second order)");
      }));
    }
    return tests.stream();
  }

  @Test
  void coverage() {
    TreeSet<String> missing = new TreeSet<>(OPS);
    for (Case c : cases()) missing.remove(c.op());
    assertEquals(new TreeSet<>(), missing, "spectral ops without a gradcheck case");
    TreeSet<String> pub = new TreeSet<>();
    for (var m : Fft.class.getDeclaredMethods()) if (java.lang.reflect.Modifier.isPublic(m.getModifiers())) pub.add(m.getName());
    pub.removeAll(OPS);
    pub.removeAll(List.of("hannWindow", "hammingWindow")); // constants: no input to differentiate
    assertEquals(new TreeSet<>(), pub, "public Fft methods missing from OPS");
  }

  @Test
  void everyRecordedSpectralPrimitiveHasADerivative() {
    for (String op : List.of("fftC2c", "fftR2c", "fftC2r", "complexAbs", "complexAngle")) {
      assertTrue(Derivatives.names().contains(op), op);
    }
  }

  @Test
  void absAndAngleHaveZeroGradientAtZero() {
    Tensor z = Tensor.fromArray(new double[] {0, 0, 3, 4}, 2, 2).requiresGrad(true);
    List<Tensor> g = Autograd.grad(List.of(Fft.abs(z).sum().add(Fft.angle(z).sum())), List.of(z), null, false, false, false);
    double[] v = g.get(0).toDoubleArray();
    assertEquals(0, v[0]);
    assertEquals(0, v[1]);
    assertEquals(3.0 / 5 - 4.0 / 25, v[2], 1e-15);
    assertEquals(4.0 / 5 + 3.0 / 25, v[3], 1e-15);
    assertEquals(DType.FLOAT64, g.get(0).dtype());
  }
}
