package io.jgrad.autograd;

import io.jgrad.tensor.Fft;
import io.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * Derivatives of the FFT family. The public transforms (fft, ifft, rfft, irfft, fft2, stft,
 * istft, ...) are compositions of recorded views, pads and three primitives, as PyTorch's
 * {@code _fft_c2c}, {@code _fft_r2c}, {@code _fft_c2r} (params: dim, then direction/onesided/n,
 * then norm); stft and istft need nothing of their own. Each backward is again a transform,
 * so every order of derivative works. With s the primitive's scale (from norm and n), the
 * adjoint of a transform is the opposite-direction transform with the same s, which is the
 * {@code dual} norm (backward and forward swap, ortho stays):
 * <ul>
 *   <li>fftC2c: {@code gz = c2c(g, opposite direction, dual norm)};
 *   <li>fftR2c (as torch's fft_r2c_backward): the onesided gradient is zero-padded to n bins
 *       and {@code gx = Re(ifft(g, n, dual norm))};
 *   <li>fftC2r (fft_c2r_backward): {@code gz = rfft(g, dual norm)} with bins 1..n-n/2-1 doubled,
 *       since each stands for itself and its conjugate mirror;
 *   <li>complexAbs: {@code g z / |z|}, 0 at z = 0; complexAngle: {@code g (-im, re) / |z|^2}, 0 at z = 0.
 * </ul>
 */
final class SpectralDerivatives {
  private SpectralDerivatives() {}

  static void register(Map<String, Derivative> m) {
    m.put("fftC2c", SpectralDerivatives::c2c);
    m.put("fftR2c", SpectralDerivatives::r2c);
    m.put("fftC2r", SpectralDerivatives::c2r);
    m.put("complexAbs", SpectralDerivatives::abs);
    m.put("complexAngle", SpectralDerivatives::angle);
  }

  static String dual(String norm) {
    return switch (norm) {
      case "backward" -> "forward";
      case "forward" -> "backward";
      default -> norm;
    };
  }

  private static Tensor[] c2c(Ctx c, Tensor g) {
    int d = c.intParam(0);
    boolean forward = c.boolParam(1);
    String norm = dual(c.param(2, String.class));
    Tensor gz = forward ? Fft.ifftComplex(g, -1, d, norm) : Fft.fftComplex(g, -1, d, norm);
    return new Tensor[] {gz};
  }

  private static Tensor[] r2c(Ctx c, Tensor g) {
    int d = c.intParam(0);
    int n = c.inputShape(0)[d];
    Tensor full = Fft.ifftComplex(g, n, d, dual(c.param(2, String.class)));
    return new Tensor[] {Fft.real(full)};
  }

  private static Tensor[] c2r(Ctx c, Tensor g) {
    int d = c.intParam(0), n = c.intParam(1);
    Tensor gz = Fft.rfft(g, -1, d, dual(c.param(2, String.class)));
    int h = n / 2 + 1, doubled = n - h;
    if (doubled <= 0) return new Tensor[] {gz};
    double[] wv = new double[h];
    java.util.Arrays.fill(wv, 1);
    for (int k = 1; k <= doubled; k++) wv[k] = 2;
    int[] shape = new int[gz.dim()];
    java.util.Arrays.fill(shape, 1);
    shape[d] = h;
    Tensor w = Tensor.fromArray(wv, shape).to(gz.dtype()).to(gz.device());
    return new Tensor[] {gz.mul(w)};
  }

  /** g z / |z| with |z| replaced by 1 where it is 0 (z is 0 there, so the gradient is too, and stays finite). */
  private static Tensor[] abs(Ctx c, Tensor g) {
    Tensor z = c.input(0), r = c.output(0);
    Tensor safe = Tensor.where(r.ne(0), r, 1.0);
    return new Tensor[] {z.mul(g.div(safe).unsqueeze(-1))};
  }

  private static Tensor[] angle(Ctx c, Tensor g) {
    Tensor z = c.input(0);
    Tensor re = z.select(-1, 0), im = z.select(-1, 1);
    Tensor r2 = re.mul(re).add(im.mul(im));
    Tensor safe = Tensor.where(r2.ne(0), r2, 1.0);
    Tensor s = g.div(safe);
    return new Tensor[] {Tensor.stack(java.util.List.of(im.neg().mul(s), re.mul(s)), -1)};
  }
}
