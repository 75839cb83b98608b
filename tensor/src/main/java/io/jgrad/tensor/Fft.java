package io.jgrad.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * Discrete Fourier transforms, as {@code torch.fft} (PyTorch 1.13 conventions), and the
 * short-time Fourier transform.
 *
 * <p><b>Complex numbers</b> are real tensors whose last dim has size 2 holding (re, im):
 * exactly {@code torch.view_as_real}'s layout, float32 or float64. A method takes a real input
 * unless its name ends in {@code Complex} (those take pairs), and {@link #irfft} and
 * {@link #istft} take pairs. {@code dim} always counts the dims of the complex tensor (the
 * pair dim excluded), so {@code fftComplex(z, -1, -1, null)} transforms the last complex dim.
 * {@link #complex}, {@link #real}, {@link #imag}, {@link #abs} and {@link #angle} convert.
 *
 * <p><b>Arguments</b>: {@code n = -1} (torch's None) uses the input's size along {@code dim};
 * otherwise the input is zero-padded or cut to n there. {@code norm} is "backward" (null or
 * default: no scale forward, 1/n inverse), "ortho" (1/sqrt(n) both ways) or "forward" (1/n
 * forward, none inverse). Integer inputs are promoted to float32, as torch promotes them to
 * complex64.
 *
 * <p><b>Computation</b>: float64 on the host (mixed radix 2/3/4/5/7/11/13 Stockham, Bluestein
 * for other lengths), rounded to float32 for float32 inputs (torch computes float32 in float32,
 * so float32 results differ from torch's by its rounding, ~1e-7 relative to the norm of the
 * input). Batched over every other dim, in parallel when large. Inputs on another device are
 * downloaded and the result is uploaded back (logged once).
 *
 * <p><b>Gradients</b>: every method is differentiable (through the recorded primitives
 * fftC2c, fftR2c, fftC2r and complexAbs, complexAngle; see the autograd module's
 * SpectralDerivatives) to any order.
 *
 * @see <a href="https://pytorch.org/docs/1.13/fft.html">torch.fft</a>
 */
public final class Fft {
  private Fft() {}

  /** fft(x, -1, -1, "backward"). */
  public static Tensor fft(Tensor x) { return fft(x, -1, -1, null); }

  /**
   * DFT of a real input along dim: {@code X[k] = s * sum_j x[j] e^{-2 pi i jk/n}} (s from norm).
   * Shape: x's with size n at dim, plus a last dim of 2.
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.fft.fft.html">torch.fft.fft</a>
   */
  public static Tensor fft(Tensor x, int n, int dim, String norm) {
    String nm = norm(norm);
    Tensor r = realInput("fft", x);
    int d = Shapes.dim("fft", dim, r.dim());
    Tensor xr = resize(r, d, length("fft", n, r.size(d)));
    return Op.call1("fftR2c", () -> FftOps.r2c(xr, d, false, nm), xr, d, false, nm);
  }

  /**
   * DFT of complex pairs along dim: {@code X[k] = s * sum_j z[j] e^{-2 pi i jk/n}}.
   * Shape: z's with size n at dim.
   */
  public static Tensor fftComplex(Tensor z, int n, int dim, String norm) { return c2c("fftComplex", z, n, dim, norm, true); }

  /**
   * Inverse DFT of a real input: {@code x[j] = s * sum_k X[k] e^{+2 pi i jk/n}} (s = 1/n for "backward").
   * Shape: x's with size n at dim, plus a last dim of 2.
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.fft.ifft.html">torch.fft.ifft</a>
   */
  public static Tensor ifft(Tensor x, int n, int dim, String norm) {
    Tensor r = realInput("ifft", x);
    return c2c("ifft", complex(r, Tensor.zerosLike(r)), n, dim, norm, false);
  }

  /** Inverse DFT of complex pairs. Shape: z's with size n at dim. */
  public static Tensor ifftComplex(Tensor z, int n, int dim, String norm) { return c2c("ifftComplex", z, n, dim, norm, false); }

  /** rfft(x, -1, -1, "backward"). */
  public static Tensor rfft(Tensor x) { return rfft(x, -1, -1, null); }

  /**
   * The non-negative-frequency half of a real input's DFT: bins 0..n/2.
   * Shape: x's with size n/2+1 at dim, plus a last dim of 2.
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.fft.rfft.html">torch.fft.rfft</a>
   */
  public static Tensor rfft(Tensor x, int n, int dim, String norm) {
    String nm = norm(norm);
    Tensor r = realInput("rfft", x);
    int d = Shapes.dim("rfft", dim, r.dim());
    Tensor xr = resize(r, d, length("rfft", n, r.size(d)));
    return Op.call1("fftR2c", () -> FftOps.r2c(xr, d, true, nm), xr, d, true, nm);
  }

  /** irfft(z, -1, -1, "backward"). */
  public static Tensor irfft(Tensor z) { return irfft(z, -1, -1, null); }

  /**
   * Inverse of rfft: the real signal of length n (default 2(m-1) for m input bins) whose
   * spectrum is z extended by Hermitian symmetry; z is cut or zero-padded to n/2+1 bins, and the
   * imaginary parts of bin 0 and (n even) bin n/2 are ignored, as torch does.
   * Shape: z's without the pair dim, with size n at dim.
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.fft.irfft.html">torch.fft.irfft</a>
   */
  public static Tensor irfft(Tensor z, int n, int dim, String norm) {
    String op = "irfft", nm = norm(norm);
    Tensor c = complexInput(op, z);
    int d = Shapes.dim(op, dim, c.dim() - 1);
    int len = n == -1 ? 2 * (c.size(d) - 1) : n;
    if (len < 1) {
      throw new IllegalArgumentException(op + ": invalid number of data points (" + len + ")"
          + (n == -1 ? " from " + c.size(d) + " input bins along dim " + d : "") + "; expected n >= 1");
    }
    Tensor zr = resize(c, d, len / 2 + 1);
    return Op.call1("fftC2r", () -> FftOps.c2r(zr, d, len, nm), zr, d, len, nm);
  }

  /** fft2(x, null, {-2, -1}, "backward"). */
  public static Tensor fft2(Tensor x) { return fft2(x, null, new int[] {-2, -1}, null); }

  /**
   * 2-D DFT of a real input over dims (default the last two), sizes s (null: the input's).
   * Shape: x's with s at dims, plus a last dim of 2.
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.fft.fft2.html">torch.fft.fft2</a>
   */
  public static Tensor fft2(Tensor x, int[] s, int[] dims, String norm) {
    int[] ds = dims2("fft2", s, dims, realInput("fft2", x).dim());
    Tensor y = fft(x, s == null ? -1 : s[1], ds[1], norm);
    return fftComplex(y, s == null ? -1 : s[0], ds[0], norm);
  }

  /** 2-D DFT of complex pairs. Shape: z's with s at dims. */
  public static Tensor fft2Complex(Tensor z, int[] s, int[] dims, String norm) {
    int[] ds = dims2("fft2Complex", s, dims, complexInput("fft2Complex", z).dim() - 1);
    Tensor y = fftComplex(z, s == null ? -1 : s[1], ds[1], norm);
    return fftComplex(y, s == null ? -1 : s[0], ds[0], norm);
  }

  /** 2-D inverse DFT of a real input. Shape: x's with s at dims, plus a last dim of 2. */
  public static Tensor ifft2(Tensor x, int[] s, int[] dims, String norm) {
    int[] ds = dims2("ifft2", s, dims, realInput("ifft2", x).dim());
    Tensor y = ifft(x, s == null ? -1 : s[1], ds[1], norm);
    return ifftComplex(y, s == null ? -1 : s[0], ds[0], norm);
  }

  /** 2-D inverse DFT of complex pairs. Shape: z's with s at dims. */
  public static Tensor ifft2Complex(Tensor z, int[] s, int[] dims, String norm) {
    int[] ds = dims2("ifft2Complex", s, dims, complexInput("ifft2Complex", z).dim() - 1);
    Tensor y = ifftComplex(z, s == null ? -1 : s[1], ds[1], norm);
    return ifftComplex(y, s == null ? -1 : s[0], ds[0], norm);
  }

  /** Pairs from real and imaginary parts of the same shape and dtype. Shape: re's plus a last dim of 2. */
  public static Tensor complex(Tensor re, Tensor im) {
    if (!Arrays.equals(re.shape(), im.shape()) || re.dtype() != im.dtype()) {
      throw new IllegalArgumentException("complex: re " + Shapes.str(re.shape()) + " " + re.dtype() + " and im "
          + Shapes.str(im.shape()) + " " + im.dtype() + " must have the same shape and dtype");
    }
    if (!re.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("complex: expected float32 or float64 parts, got " + re.dtype());
    }
    return Tensor.stack(List.of(re, im), -1);
  }

  /** The real parts (a view). Shape: z's without the last dim. */
  public static Tensor real(Tensor z) { return complexInput("real", z).select(-1, 0); }

  /** The imaginary parts (a view). Shape: z's without the last dim. */
  public static Tensor imag(Tensor z) { return complexInput("imag", z).select(-1, 1); }

  /**
   * Magnitude {@code |z| = sqrt(re^2 + im^2)}. Its gradient is {@code g z / |z|}, and 0 at z = 0
   * (torch's convention: sgn(0) = 0). Shape: z's without the last dim.
   */
  public static Tensor abs(Tensor z) {
    Tensor c = complexInput("abs", z);
    return Op.call1("complexAbs", () -> c.mul(c).sum(new int[] {-1}, false).sqrt(), c);
  }

  /**
   * Argument {@code atan2(im, re)} in (-pi, pi]. Its gradient is {@code g (-im, re) / |z|^2},
   * and 0 at z = 0 (as torch.angle). Shape: z's without the last dim.
   */
  public static Tensor angle(Tensor z) {
    Tensor c = complexInput("angle", z);
    return Op.call1("complexAngle", () -> c.select(-1, 1).atan2(c.select(-1, 0)), c);
  }

  // ---- STFT -------------------------------------------------------------------------------

  /** stft with torch's defaults: hop nFft/4, winLength nFft, rectangular window, center, reflect padding, onesided. */
  public static Tensor stft(Tensor x, int nFft) { return stft(x, nFft, null, null, null, true, PadMode.REFLECT, false, null, true); }

  /**
   * Short-time Fourier transform, as torch.stft: {@code X[f, t] = s * sum_j w[j] x[t hop + j] e^{-2 pi i fj/nFft}}
   * over frames of the input (padded by nFft/2 on both sides with padMode when center). The
   * window (default ones) of winLength (default nFft) is zero-padded on both sides to nFft;
   * hopLength defaults to nFft/4; s = nFft^-1/2 when normalized, else 1; onesided (default
   * true) keeps bins 0..nFft/2. The result is always pairs, so returnComplex true or false give
   * the same tensor (the complex representation of this library is torch.view_as_real's).
   * Shape: [B?, freq, frames, 2] for a real x [B?, T], frames = 1 + (T' - nFft) / hop (T' = T + 2 (nFft/2)
   * when center). Complex signals are not supported.
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.stft.html">torch.stft</a>
   */
  public static Tensor stft(Tensor x, int nFft, Integer hopLength, Integer winLength, Tensor window, boolean center,
                            PadMode padMode, boolean normalized, Boolean onesided, boolean returnComplex) {
    return FftStft.stft(x, nFft, hopLength, winLength, window, center, padMode, normalized, onesided, false);
  }

  /**
   * stft of a complex signal z [B?, T, 2] (pairs): as {@link #stft} with the frames' full complex
   * DFT (always two-sided, as torch for complex input). Shape: [B?, nFft, frames, 2].
   */
  public static Tensor stftComplex(Tensor z, int nFft, Integer hopLength, Integer winLength, Tensor window,
                                   boolean center, PadMode padMode, boolean normalized) {
    return FftStft.stft(z, nFft, hopLength, winLength, window, center, padMode, normalized, false, true);
  }

  /**
   * Inverse STFT, as torch.istft: each frame's inverse transform times the window, overlap-added
   * and divided by the overlap-added squared window (the envelope); an envelope below 1e-11
   * anywhere in the kept range is an error. center removes nFft/2 samples at both ends; length
   * cuts or zero-pads the result. onesided defaults to (freq != nFft).
   * With returnComplex the spectrum must be two-sided and the result is a complex signal (pairs,
   * the inverse of {@link #stftComplex}); otherwise a real one (bins beyond nFft/2 are ignored).
   * Shape: [B?, length] for z [B?, freq, frames, 2], or [B?, length, 2] with returnComplex.
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.istft.html">torch.istft</a>
   */
  public static Tensor istft(Tensor z, int nFft, Integer hopLength, Integer winLength, Tensor window, boolean center,
                             boolean normalized, Boolean onesided, Integer length, boolean returnComplex) {
    return FftStft.istft(z, nFft, hopLength, winLength, window, center, normalized, onesided, length, returnComplex);
  }

  /** istft with torch's defaults (hop nFft/4, rectangular window, center). */
  public static Tensor istft(Tensor z, int nFft) { return istft(z, nFft, null, null, null, true, false, null, null, false); }

  /**
   * Hann window {@code w[i] = 0.5 - 0.5 cos(2 pi i / N)}, N = n when periodic (the default for
   * spectra, as torch) else n - 1; [1] for n = 1. Shape: [n].
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.hann_window.html">torch.hann_window</a>
   */
  public static Tensor hannWindow(int n, boolean periodic, DType dtype) {
    return FftWindows.cosine("hannWindow", n, periodic, dtype, 0.5, 0.5);
  }

  /**
   * Hamming window {@code w[i] = 0.54 - 0.46 cos(2 pi i / N)}, N as in {@link #hannWindow}. Shape: [n].
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.hamming_window.html">torch.hamming_window</a>
   */
  public static Tensor hammingWindow(int n, boolean periodic, DType dtype) {
    return FftWindows.cosine("hammingWindow", n, periodic, dtype, 0.54, 0.46);
  }

  // ---- helpers ----------------------------------------------------------------------------

  private static Tensor c2c(String op, Tensor z, int n, int dim, String norm, boolean forward) {
    String nm = norm(norm);
    Tensor c = complexInput(op, z);
    int d = Shapes.dim(op, dim, c.dim() - 1);
    Tensor zr = resize(c, d, length(op, n, c.size(d)));
    return Op.call1("fftC2c", () -> FftOps.c2c(zr, d, forward, nm), zr, d, forward, nm);
  }

  static String norm(String norm) {
    if (norm == null) return "backward";
    FftOps.scale(norm, 1, true);
    return norm;
  }

  /** The transform length: n, or the size when n == -1; at least 1. */
  static int length(String op, int n, int size) {
    int len = n == -1 ? size : n;
    if (len < 1) {
      throw new IllegalArgumentException(op + ": invalid number of data points (" + len + ")"
          + (n == -1 ? " along the transformed dim" : "") + "; expected n >= 1 (or -1 for the input's size)");
    }
    return len;
  }

  /** Zero-pads (at the end) or cuts t to size n along dim d; the pad covers dims d.. of t. */
  static Tensor resize(Tensor t, int d, int n) {
    int size = t.size(d);
    if (n == size) return t;
    if (n < size) return t.narrow(d, 0, n);
    int[] pad = new int[2 * (t.dim() - d)];
    pad[pad.length - 1] = n - size;
    return t.pad(pad, PadMode.CONSTANT, 0);
  }

  static Tensor realInput(String op, Tensor x) {
    if (x.dim() == 0) throw new IllegalArgumentException(op + ": expected a tensor with at least one dim, got a scalar");
    return x.dtype().isFloatingPoint() ? x : x.to(DType.FLOAT32);
  }

  static Tensor complexInput(String op, Tensor z) {
    if (z.dim() < 2 || z.size(-1) != 2) {
      throw new IllegalArgumentException(op + ": expected complex pairs (a last dim of size 2 holding re, im, as "
          + "torch.view_as_real) with at least one complex dim, got shape " + Shapes.str(z.shape()));
    }
    if (!z.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(op + ": expected float32 or float64 pairs, got " + z.dtype());
    }
    return z;
  }

  private static int[] dims2(String op, int[] s, int[] dims, int rank) {
    if (dims == null) dims = new int[] {-2, -1};
    if (dims.length != 2 || (s != null && s.length != 2)) {
      throw new IllegalArgumentException(op + ": expected 2 dims and 2 sizes, got dims " + Arrays.toString(dims)
          + " and s " + Arrays.toString(s));
    }
    int a = Shapes.dim(op, dims[0], rank), b = Shapes.dim(op, dims[1], rank);
    if (a == b) throw new IllegalArgumentException(op + ": dims " + Arrays.toString(dims) + " repeat dim " + a);
    return new int[] {a, b};
  }
}
