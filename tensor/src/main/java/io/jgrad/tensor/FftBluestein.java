package io.jgrad.tensor;

/**
 * Bluestein's chirp-z DFT for lengths with a large prime factor. With the chirp
 * {@code c_j = e^{-i pi j^2 / n}} and {@code jk = (j^2 + k^2 - (k-j)^2) / 2},
 * {@code X_k = c_k sum_j (x_j c_j) conj(c_{k-j})}: a circular convolution of length
 * {@code m >= 2n - 1} (5-smooth, so the inner FFT is mixed radix) done with two FFTs of
 * length m against the precomputed spectrum of conj(c). The chirp angles use
 * {@code j^2 mod 2n} in long arithmetic, so they stay exact for large j.
 */
final class FftBluestein {
  final int n, m;
  final FftPlan sub;
  private final double[] cRe, cIm;
  /** FFT of the conjugate chirp, already divided by m (the inverse FFT's scale). */
  private final double[] bRe, bIm;

  FftBluestein(int n) {
    this.n = n;
    this.m = FftPlan.smooth(2 * n - 1);
    this.sub = FftPlan.of(m);
    cRe = new double[n];
    cIm = new double[n];
    for (int j = 0; j < n; j++) {
      long jj = ((long) j * j) % (2L * n);
      double a = -Math.PI * jj / n;
      cRe[j] = Math.cos(a);
      cIm[j] = Math.sin(a);
    }
    bRe = new double[m];
    bIm = new double[m];
    bRe[0] = cRe[0];
    bIm[0] = -cIm[0];
    for (int j = 1; j < n; j++) {
      bRe[j] = bRe[m - j] = cRe[j];
      bIm[j] = bIm[m - j] = -cIm[j];
    }
    sub.forward(bRe, bIm, new FftPlan.Work(sub));
    for (int k = 0; k < m; k++) {
      bRe[k] /= m;
      bIm[k] /= m;
    }
  }

  /** In place forward DFT of (re, im)[0, n); w.re/w.im (length m) hold the convolution. */
  void forward(double[] re, double[] im, FftPlan.Work w) {
    double[] ar = w.re, ai = w.im;
    for (int j = 0; j < n; j++) {
      ar[j] = re[j] * cRe[j] - im[j] * cIm[j];
      ai[j] = re[j] * cIm[j] + im[j] * cRe[j];
    }
    java.util.Arrays.fill(ar, n, m, 0);
    java.util.Arrays.fill(ai, n, m, 0);
    sub.forward(ar, ai, w.inner);
    // Multiply by B, then the inverse FFT as conj(FFT(conj(.))): fold the first conj in here.
    for (int k = 0; k < m; k++) {
      double pr = ar[k] * bRe[k] - ai[k] * bIm[k], pi = ar[k] * bIm[k] + ai[k] * bRe[k];
      ar[k] = pr;
      ai[k] = -pi;
    }
    sub.forward(ar, ai, w.inner);
    for (int k = 0; k < n; k++) {
      double cr = ar[k], ci = -ai[k];
      re[k] = cr * cRe[k] - ci * cIm[k];
      im[k] = cr * cIm[k] + ci * cRe[k];
    }
  }
}
