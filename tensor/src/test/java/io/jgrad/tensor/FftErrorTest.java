package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad inputs to {@link Fft}: each error names the op and the offending values. */
class FftErrorTest {
  private static void fails(Executable e, String... parts) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    for (String p : parts) assertTrue(ex.getMessage().contains(p), "message '" + ex.getMessage() + "' lacks '" + p + "'");
  }

  private static final Tensor X = Tensor.ones(DType.FLOAT64, 3, 8);
  private static final Tensor Z = Tensor.ones(DType.FLOAT64, 3, 5, 2);

  @Test
  void invalidLength() {
    fails(() -> Fft.fft(X, 0, -1, null), "fft", "invalid number of data points (0)");
    fails(() -> Fft.rfft(X, -3, -1, null), "rfft", "(-3)");
    fails(() -> Fft.fftComplex(Z, 0, -1, null), "fftComplex", "(0)");
    fails(() -> Fft.fft(Tensor.zeros(DType.FLOAT64, 0)), "fft", "(0)");
    fails(() -> Fft.irfft(Tensor.ones(DType.FLOAT64, 1, 2)), "irfft", "(0)", "1 input bins");
    fails(() -> Fft.irfft(Z, 0, -1, null), "irfft", "(0)");
  }

  @Test
  void badDim() {
    fails(() -> Fft.fft(X, -1, 2, null), "fft", "dim 2", "rank 2");
    fails(() -> Fft.fftComplex(Z, -1, 2, null), "fftComplex", "dim 2", "rank 2");
    fails(() -> Fft.fft2(X, null, new int[] {1, 1}, null), "fft2", "repeat dim 1");
    fails(() -> Fft.fft2(Tensor.ones(DType.FLOAT64, 4)), "fft2", "dim -2", "rank 1");
    fails(() -> Fft.fft2(X, new int[] {3}, null, null), "fft2", "2 sizes", "[3]");
    fails(() -> Fft.fft(Tensor.scalar(1, DType.FLOAT64)), "fft", "scalar");
  }

  @Test
  void complexInputsNeedALastDimOf2() {
    fails(() -> Fft.fftComplex(X, -1, -1, null), "fftComplex", "last dim of size 2", "[3, 8]");
    fails(() -> Fft.ifftComplex(Tensor.ones(DType.FLOAT64, 2), -1, -1, null), "ifftComplex", "[2]");
    fails(() -> Fft.irfft(Tensor.ones(DType.FLOAT64, 4, 3)), "irfft", "[4, 3]");
    fails(() -> Fft.abs(Tensor.ones(DType.FLOAT64, 3)), "abs", "[3]");
    fails(() -> Fft.real(Tensor.ones(DType.INT64, 3, 2)), "real", "int64");
    fails(() -> Fft.complex(Tensor.ones(DType.FLOAT64, 3), Tensor.ones(DType.FLOAT64, 4)), "complex", "[3]", "[4]");
    fails(() -> Fft.istft(Tensor.ones(DType.FLOAT64, 5, 4), 8), "istft", "[5, 4]");
  }

  @Test
  void badWindow() {
    fails(() -> Fft.hannWindow(-1, true, DType.FLOAT32), "hannWindow", "-1");
    fails(() -> Fft.hammingWindow(4, true, DType.INT32), "hammingWindow", "int32");
  }

  @Test
  void badNorm() {
    fails(() -> Fft.fft(X, -1, -1, "half"), "fft", "'half'", "ortho");
  }

  @Test
  void stftArguments() {
    Tensor s = Tensor.ones(DType.FLOAT64, 40);
    fails(() -> Fft.stft(s, 8, 0, null, null, true, PadMode.REFLECT, false, null, true), "stft", "hopLength=0");
    fails(() -> Fft.stft(s, 3), "stft", "hopLength=0", "nFft / 4", "nFft=3");
    fails(() -> Fft.stft(s, 8, 2, 9, null, true, PadMode.REFLECT, false, null, true), "stft", "winLength=9", "nFft=8");
    fails(() -> Fft.stft(s, 8, 2, null, Tensor.ones(DType.FLOAT64, 7), true, PadMode.REFLECT, false, null, true),
        "stft", "winLength=8", "[7]");
    fails(() -> Fft.stft(s, 64, 8, null, null, false, PadMode.REFLECT, false, null, true), "stft", "nFft=64", "40");
    fails(() -> Fft.stft(s, 0, 1, 1, null, false, PadMode.REFLECT, false, null, true), "stft", "nFft=0");
    fails(() -> Fft.stft(Tensor.ones(DType.FLOAT64, 4), 8), "stft", "reflect padding 4", "signal length 4");
    fails(() -> Fft.stft(Tensor.ones(DType.FLOAT64, 2, 2, 9), 4), "stft", "[2, 2, 9]");
    fails(() -> Fft.stftComplex(Tensor.ones(DType.FLOAT64, 2, 9), 4, 1, null, null, false, PadMode.REFLECT, false),
        "stftComplex", "last dim of size 2", "[2, 9]");
    fails(() -> Fft.stftComplex(Tensor.ones(DType.FLOAT64, 2, 2, 9, 2), 4, 1, null, null, false, PadMode.REFLECT, false),
        "stftComplex", "[2, 2, 9, 2]");
  }

  @Test
  void istftArguments() {
    Tensor spec = Fft.stft(Tensor.ones(DType.FLOAT64, 40), 8);
    fails(() -> Fft.istft(spec, 10), "istft", "nFft=10", "got 5");
    fails(() -> Fft.istft(spec, 8, 2, null, null, true, false, false, null, false), "istft", "onesided=false", "nFft = 8");
    fails(() -> Fft.istft(spec, 8, -2, null, null, true, false, null, null, false), "istft", "hopLength=-2");
    fails(() -> Fft.istft(spec, 8, 2, 9, null, true, false, null, null, false), "istft", "winLength=9");
    fails(() -> Fft.istft(spec, 8, 2, null, Tensor.ones(DType.FLOAT64, 6), true, false, null, null, false), "istft",
        "winLength=8", "[6]");
    fails(() -> Fft.istft(spec, 8, 2, null, null, true, false, null, null, true), "istft", "returnComplex=true",
        "two-sided", "got 5 bins", "onesided defaults to true");
  }

  @Test
  void istftRejectsAVanishingEnvelope() {
    double[] hann = new double[8];
    for (int i = 0; i < 8; i++) hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / 8);
    Tensor w = Tensor.fromArray(hann, 8);
    Tensor spec = Fft.stft(Tensor.ones(DType.FLOAT64, 40), 8, 2, null, w, false, PadMode.REFLECT, false, null, true);
    fails(() -> Fft.istft(spec, 8, 2, null, w, false, false, null, null, false), "istft", "window overlap add min: 0.0",
        "sample 0", "hopLength=2");
  }
}
