package io.jgrad.tensor;

import io.jgrad.tensor.cpu.CpuBackend;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A forward complex DFT of one length, {@code X[k] = sum_j x[j] e^{-2 pi i jk/n}}, on split
 * float64 arrays (re, im). Lengths whose prime factors are all at most {@link #MAX_RADIX} run a
 * mixed-radix Stockham autosort FFT (radix 4, 2, 3, 5 butterflies, a generic O(r^2) butterfly
 * for 7..13); any other length runs Bluestein's chirp-z algorithm ({@link FftBluestein}) on a
 * 5-smooth length {@code >= 2n - 1}. Twiddles are computed from exactly reduced angles
 * ({@code jk mod n}), so float64 round trips stay near 1e-15 relative.
 *
 * <p>Stockham stage of radix r on sub-length L = r*m with stride s (s * L = n): for p < m, q < s,
 * {@code y[q + s(rp + k)] = w_L^{pk} sum_j x[q + s(p + jm)] w_r^{jk}}; the next stage has length
 * m and stride s*r, and the last one leaves X in natural order. Plans are immutable, cached per
 * length, and shared by threads; each thread brings its own {@link Work}. Radix-2, 3, 4 and 5
 * stages with a stride of at least one vector run {@link FftVector}'s twins unless
 * {@link CpuBackend#scalarOnly()}.
 */
final class FftPlan {
  /** Largest prime handled by a butterfly; lengths with a larger prime factor use Bluestein. */
  static final int MAX_RADIX = 13;
  private static final int CACHE_LIMIT = 256;
  private static final Map<Integer, FftPlan> CACHE = new ConcurrentHashMap<>();

  final int n;
  private final int[] radix;
  private final double[][] twRe, twIm;
  private final double[][] rootRe, rootIm;
  private final FftBluestein bluestein;

  /** Per-thread scratch for {@link #forward}. */
  static final class Work {
    final double[] re, im;
    final Work inner;

    Work(FftPlan p) {
      int len = p.bluestein == null ? p.n : p.bluestein.m;
      re = new double[len];
      im = new double[len];
      inner = p.bluestein == null ? null : new Work(p.bluestein.sub);
    }
  }

  static FftPlan of(int n) {
    FftPlan p = CACHE.get(n);
    if (p != null) return p;
    if (CACHE.size() > CACHE_LIMIT) CACHE.clear();
    p = new FftPlan(n);
    CACHE.put(n, p);
    return p;
  }

  private FftPlan(int n) {
    if (n < 1) throw new IllegalArgumentException("fft: invalid length " + n);
    this.n = n;
    int[] f = factor(n);
    if (f == null) {
      bluestein = new FftBluestein(n);
      radix = new int[0];
      twRe = twIm = rootRe = rootIm = new double[0][];
      return;
    }
    bluestein = null;
    radix = f;
    twRe = new double[f.length][];
    twIm = new double[f.length][];
    rootRe = new double[f.length][];
    rootIm = new double[f.length][];
    int len = n;
    for (int st = 0; st < f.length; st++) {
      int r = f[st], m = len / r;
      twRe[st] = new double[m * (r - 1)];
      twIm[st] = new double[m * (r - 1)];
      for (int p = 0; p < m; p++) {
        for (int k = 1; k < r; k++) {
          double a = -2 * Math.PI * (((long) p * k) % len) / len;
          twRe[st][p * (r - 1) + k - 1] = Math.cos(a);
          twIm[st][p * (r - 1) + k - 1] = Math.sin(a);
        }
      }
      if (r > 5) {
        rootRe[st] = new double[r];
        rootIm[st] = new double[r];
        for (int k = 0; k < r; k++) {
          rootRe[st][k] = Math.cos(-2 * Math.PI * k / r);
          rootIm[st][k] = Math.sin(-2 * Math.PI * k / r);
        }
      }
      len = m;
    }
  }

  /** Radices (4s first, then 2, 3, 5, 7, 11, 13), or null when n has a prime factor above MAX_RADIX. */
  static int[] factor(int n) {
    int[] out = new int[32];
    int c = 0;
    while (n % 4 == 0) {
      out[c++] = 4;
      n /= 4;
    }
    for (int p = 2; p <= MAX_RADIX && n > 1; p++) {
      while (n % p == 0) {
        out[c++] = p;
        n /= p;
      }
    }
    return n == 1 ? java.util.Arrays.copyOf(out, c) : null;
  }

  /** Smallest 2^a 3^b 5^c at least {@code min}. */
  static int smooth(int min) {
    long best = Long.MAX_VALUE;
    for (long a = 1; a < 2L * min; a *= 2) {
      for (long b = a; b < 2L * min; b *= 3) {
        for (long c = b; c < 2L * min; c *= 5) if (c >= min && c < best) best = c;
      }
    }
    return Math.toIntExact(best);
  }

  /** In place: (re, im)[0, n) becomes its forward DFT (unscaled). */
  void forward(double[] re, double[] im, Work w) {
    if (bluestein != null) {
      bluestein.forward(re, im, w);
      return;
    }
    double[] xr = re, xi = im, yr = w.re, yi = w.im;
    int len = n, s = 1;
    for (int st = 0; st < radix.length; st++) {
      int r = radix[st], m = len / r;
      boolean vec = !CpuBackend.scalarOnly() && s >= FftVector.D.length();
      switch (r) {
        case 2 -> {
          if (vec) FftVector.radix2(xr, xi, yr, yi, m, s, twRe[st], twIm[st]);
          else FftButterflies.radix2(xr, xi, yr, yi, m, s, twRe[st], twIm[st]);
        }
        case 3 -> {
          if (vec) FftVector.radix3(xr, xi, yr, yi, m, s, twRe[st], twIm[st]);
          else FftButterflies.radix3(xr, xi, yr, yi, m, s, twRe[st], twIm[st]);
        }
        case 4 -> {
          if (vec) FftVector.radix4(xr, xi, yr, yi, m, s, twRe[st], twIm[st]);
          else FftButterflies.radix4(xr, xi, yr, yi, m, s, twRe[st], twIm[st]);
        }
        case 5 -> {
          if (vec) FftVector.radix5(xr, xi, yr, yi, m, s, twRe[st], twIm[st]);
          else FftButterflies.radix5(xr, xi, yr, yi, m, s, twRe[st], twIm[st]);
        }
        default -> FftButterflies.generic(xr, xi, yr, yi, r, m, s, twRe[st], twIm[st], rootRe[st], rootIm[st]);
      }
      double[] t = xr;
      xr = yr;
      yr = t;
      t = xi;
      xi = yi;
      yi = t;
      len = m;
      s *= r;
    }
    if (xr != re) {
      System.arraycopy(xr, 0, re, 0, n);
      System.arraycopy(xi, 0, im, 0, n);
    }
  }
}
