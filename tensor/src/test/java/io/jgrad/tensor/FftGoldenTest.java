package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * PyTorch 1.13.1 golden values for {@link Fft} (tools/golden/gen_fft.py). Tolerances scale with
 * the largest expected magnitude of the case, since a DFT's rounding error is spread over every
 * bin and the bins near zero carry the same absolute error as the large ones: float64 atol
 * 1e-11 * max (torch and jgrad both compute in float64); float32 atol 5e-6 * max, because torch
 * computes float32 transforms in float32 (error ~ 1e-7 * sqrt(log n) * the input's norm) while
 * jgrad rounds a float64 result; rtol 1e-3 (Golden.RTOL) for both.
 */
class FftGoldenTest {
  static final int MIN_CASES = 280;

  static Map<String, Function<GoldenCase, List<Tensor>>> ops() {
    Map<String, Function<GoldenCase, List<Tensor>>> m = new HashMap<>();
    m.put("fft", c -> List.of(Fft.fft(c.input(0), c.intArg("n"), c.intArg("dim"), norm(c))));
    m.put("ifft", c -> List.of(Fft.ifft(c.input(0), c.intArg("n"), c.intArg("dim"), norm(c))));
    m.put("rfft", c -> List.of(Fft.rfft(c.input(0), c.intArg("n"), c.intArg("dim"), norm(c))));
    m.put("irfft", c -> List.of(Fft.irfft(c.input(0), c.intArg("n"), c.intArg("dim"), norm(c))));
    m.put("fftComplex", c -> List.of(Fft.fftComplex(c.input(0), c.intArg("n"), c.intArg("dim"), norm(c))));
    m.put("ifftComplex", c -> List.of(Fft.ifftComplex(c.input(0), c.intArg("n"), c.intArg("dim"), norm(c))));
    m.put("fft2", c -> List.of(Fft.fft2(c.input(0), c.intsArg("s", null), c.intsArg("dims"), norm(c))));
    m.put("ifft2", c -> List.of(Fft.ifft2(c.input(0), c.intsArg("s", null), c.intsArg("dims"), norm(c))));
    m.put("fft2Complex", c -> List.of(Fft.fft2Complex(c.input(0), c.intsArg("s", null), c.intsArg("dims"), norm(c))));
    m.put("ifft2Complex", c -> List.of(Fft.ifft2Complex(c.input(0), c.intsArg("s", null), c.intsArg("dims"), norm(c))));
    m.put("complex", c -> List.of(Fft.complex(c.input(0), c.input(1))));
    m.put("real", c -> List.of(Fft.real(c.input(0))));
    m.put("imag", c -> List.of(Fft.imag(c.input(0))));
    m.put("abs", c -> List.of(Fft.abs(c.input(0))));
    m.put("angle", c -> List.of(Fft.angle(c.input(0))));
    m.put("stft", c -> List.of(stft(c, c.input(0))));
    m.put("istft", c -> List.of(istft(c, c.input(0))));
    m.put("stftComplex", c -> List.of(Fft.stftComplex(c.input(0), c.intArg("nFft"), optInt(c, "hop"), optInt(c, "win"),
        window(c), c.boolArg("center"), PadMode.valueOf(c.stringArg("padMode").toUpperCase()), c.boolArg("normalized"))));
    m.put("stftRoundTrip", c -> List.of(istft(c, stft(c, c.input(0)))));
    m.put("hannWindow", c -> List.of(Fft.hannWindow(c.intArg("n"), c.boolArg("periodic"), c.dtypeArg("dtype"))));
    m.put("hammingWindow", c -> List.of(Fft.hammingWindow(c.intArg("n"), c.boolArg("periodic"), c.dtypeArg("dtype"))));
    return m;
  }

  static String norm(GoldenCase c) { return c.has("norm") ? c.stringArg("norm") : null; }

  static Integer optInt(GoldenCase c, String name) { return c.has(name) ? c.intArg(name) : null; }

  static Tensor window(GoldenCase c) { return c.inputCount() > 1 ? c.input(1) : null; }

  static Tensor stft(GoldenCase c, Tensor x) {
    PadMode mode = c.has("padMode") ? PadMode.valueOf(c.stringArg("padMode").toUpperCase()) : PadMode.REFLECT;
    return Fft.stft(x, c.intArg("nFft"), optInt(c, "hop"), optInt(c, "win"), window(c), c.boolArg("center"), mode,
        c.boolArg("normalized", false), c.has("onesided") ? c.boolArg("onesided") : null, true);
  }

  static Tensor istft(GoldenCase c, Tensor z) {
    return Fft.istft(z, c.intArg("nFft"), optInt(c, "hop"), optInt(c, "win"), window(c), c.boolArg("center"),
        c.boolArg("normalized", false), c.has("onesided") ? c.boolArg("onesided") : null, optInt(c, "length"), c.boolArg("returnComplex", false));
  }

  static double atol(GoldenCase c, Tensor expected) {
    double max = 1;
    for (double v : expected.toDoubleArray()) if (Double.isFinite(v)) max = Math.max(max, Math.abs(v));
    return (expected.dtype() == DType.FLOAT32 ? 5e-6 : 1e-11) * max;
  }

  @TestFactory
  Stream<DynamicTest> golden() {
    Map<String, Function<GoldenCase, List<Tensor>>> ops = ops();
    List<GoldenCase> cases = Golden.load("fft");
    int[] ran = {0};
    TreeSet<String> missing = new TreeSet<>();
    for (GoldenCase c : cases) if (!ops.containsKey(c.op())) missing.add(c.op());
    List<DynamicTest> tests = new ArrayList<>();
    for (GoldenCase c : cases) {
      tests.add(DynamicTest.dynamicTest(c.id(), () -> {
        Function<GoldenCase, List<Tensor>> f = ops.get(c.op());
        if (f == null) fail("no Java implementation for golden op '" + c.op() + "'");
        List<Tensor> out = f.apply(c);
        assertEquals(c.outputCount(), out.size(), c.id() + ": number of outputs");
        for (int i = 0; i < out.size(); i++) {
          Tensor e = c.expected(i);
          Golden.assertClose(c.id() + " output " + i, e, out.get(i), atol(c, e), Golden.RTOL);
        }
        c.assertInputsUnmodified();
        ran[0]++;
      }));
    }
    tests.add(DynamicTest.dynamicTest("fft: all cases ran", () -> {
      if (!missing.isEmpty()) fail("fft: ops without a Java implementation: " + missing);
      assertEquals(cases.size(), ran[0], "fft: cases that passed");
      if (cases.size() < MIN_CASES) fail("fft: only " + cases.size() + " golden cases, expected >= " + MIN_CASES);
    }));
    return tests.stream();
  }
}
