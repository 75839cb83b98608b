package io.jgrad.autograd;

import io.jgrad.tensor.Fft;
import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.PadMode;
import io.jgrad.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Gradients of the spectral ops against PyTorch 1.13 (tools/golden/gen_grad_fft.py): gradients
 * of out.sum() and of a random weighted sum of the (re, im) pairs, for the signal and for the
 * stft/istft window; double-backward values for |fft(x)|, |stft(x)|, abs and angle.
 */
class SpectralGradGoldenTest {
  static final int MIN_CASES = 81;

  static String norm(GoldenCase c) { return c.has("norm") ? c.stringArg("norm") : null; }

  static Integer optInt(GoldenCase c, String name) { return c.has(name) ? c.intArg(name) : null; }

  static Tensor window(List<Tensor> in) { return in.size() > 1 ? in.get(1) : null; }

  static Tensor stft(GoldenCase c, List<Tensor> in) {
    return Fft.stft(in.get(0), c.intArg("nFft"), optInt(c, "hop"), optInt(c, "win"), window(in), c.boolArg("center"),
        PadMode.valueOf(c.stringArg("padMode").toUpperCase()), c.boolArg("normalized"),
        c.has("onesided") ? c.boolArg("onesided") : null, true);
  }

  static Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> ops() {
    Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> m = new HashMap<>();
    m.put("fft", (c, in) -> Fft.fft(in.get(0), c.intArg("n"), c.intArg("dim"), norm(c)));
    m.put("ifft", (c, in) -> Fft.ifft(in.get(0), c.intArg("n"), c.intArg("dim"), norm(c)));
    m.put("rfft", (c, in) -> Fft.rfft(in.get(0), c.intArg("n"), c.intArg("dim"), norm(c)));
    m.put("irfft", (c, in) -> Fft.irfft(in.get(0), c.intArg("n"), c.intArg("dim"), norm(c)));
    m.put("fftComplex", (c, in) -> Fft.fftComplex(in.get(0), c.intArg("n"), c.intArg("dim"), norm(c)));
    m.put("ifftComplex", (c, in) -> Fft.ifftComplex(in.get(0), c.intArg("n"), c.intArg("dim"), norm(c)));
    m.put("fftAbs", (c, in) -> Fft.abs(Fft.fft(in.get(0), c.intArg("n"), c.intArg("dim"), norm(c))));
    m.put("fft2", (c, in) -> Fft.fft2(in.get(0), c.intsArg("s", null), c.intsArg("dims"), norm(c)));
    m.put("ifft2", (c, in) -> Fft.ifft2(in.get(0), c.intsArg("s", null), c.intsArg("dims"), norm(c)));
    m.put("fft2Complex", (c, in) -> Fft.fft2Complex(in.get(0), c.intsArg("s", null), c.intsArg("dims"), norm(c)));
    m.put("ifft2Complex", (c, in) -> Fft.ifft2Complex(in.get(0), c.intsArg("s", null), c.intsArg("dims"), norm(c)));
    m.put("abs", (c, in) -> Fft.abs(in.get(0)));
    m.put("angle", (c, in) -> Fft.angle(in.get(0)));
    m.put("complex", (c, in) -> Fft.complex(in.get(0), in.get(1)));
    m.put("real", (c, in) -> Fft.real(in.get(0)));
    m.put("imag", (c, in) -> Fft.imag(in.get(0)));
    m.put("stft", SpectralGradGoldenTest::stft);
    m.put("stftMag", (c, in) -> Fft.abs(stft(c, in)));
    m.put("istft", (c, in) -> Fft.istft(in.get(0), c.intArg("nFft"), optInt(c, "hop"), optInt(c, "win"), window(in),
        c.boolArg("center"), c.boolArg("normalized"), c.has("onesided") ? c.boolArg("onesided") : null,
        optInt(c, "length"), c.boolArg("returnComplex", false)));
    m.put("stftComplex", (c, in) -> Fft.stftComplex(in.get(0), c.intArg("nFft"), optInt(c, "hop"), optInt(c, "win"),
        window(in), c.boolArg("center"), PadMode.valueOf(c.stringArg("padMode").toUpperCase()), c.boolArg("normalized")));
    return m;
  }

  @TestFactory
  Stream<DynamicTest> golden() {
    return GradGolden.run("grad_fft", ops(), MIN_CASES);
  }
}
