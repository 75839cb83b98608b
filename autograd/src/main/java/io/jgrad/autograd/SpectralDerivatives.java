package io.jgrad.autograd;

import java.util.Map;

/** Derivatives of the FFT family (fft, ifft, rfft, irfft, fft2, stft, istft). */
final class SpectralDerivatives {
  private SpectralDerivatives() {}

  static void register(Map<String, Derivative> table) {}
}
