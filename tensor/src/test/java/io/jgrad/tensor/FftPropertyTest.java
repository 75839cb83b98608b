package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties of the transforms in float64 with seeded random inputs: agreement with a naive
 * O(n^2) DFT, round trips at 1e-12, Parseval, linearity, and Hermitian symmetry of real inputs'
 * spectra. Lengths 1..300 cover every radix path and Bluestein (primes above 13).
 */
class FftPropertyTest {
  private static final SplittableRandom RNG = new SplittableRandom(20261126);

  static Tensor randn(SplittableRandom r, int... shape) {
    double[] v = new double[Shapes.numel(shape)];
    for (int i = 0; i < v.length; i++) v[i] = r.nextDouble(-1, 1) + r.nextDouble(-1, 1);
    return Tensor.fromArray(v, shape);
  }

  static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) m = Math.max(m, Math.abs(v));
    return m;
  }

  static double maxDiff(Tensor a, Tensor b) {
    double[] x = a.toDoubleArray(), y = b.toDoubleArray();
    assertEquals(x.length, y.length);
    double m = 0;
    for (int i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
    return m;
  }

  /** X[k] = sum_j z[j] e^{-2 pi i jk/n}, angles reduced exactly. */
  static double[] naiveDft(double[] z, int n) {
    double[] out = new double[2 * n];
    for (int k = 0; k < n; k++) {
      double sr = 0, si = 0;
      for (int j = 0; j < n; j++) {
        double a = -2 * Math.PI * (((long) j * k) % n) / n, c = Math.cos(a), s = Math.sin(a);
        sr += z[2 * j] * c - z[2 * j + 1] * s;
        si += z[2 * j] * s + z[2 * j + 1] * c;
      }
      out[2 * k] = sr;
      out[2 * k + 1] = si;
    }
    return out;
  }

  @Test
  void matchesNaiveDftForEveryLengthUpTo300() {
    int ran = 0;
    for (int n = 1; n <= 300; n++) {
      Tensor z = randn(RNG, n, 2);
      double[] want = naiveDft(z.toDoubleArray(), n);
      double[] got = Fft.fftComplex(z, -1, -1, null).toDoubleArray();
      double err = 0;
      for (int i = 0; i < want.length; i++) err = Math.max(err, Math.abs(want[i] - got[i]));
      assertTrue(err <= 1e-12 * n * Math.max(1, maxAbs(want)), "n=" + n + " max error " + err);
      ran++;
    }
    assertEquals(300, ran);
  }

  @Test
  void roundTripsAt1e12() {
    int ran = 0;
    for (int t = 0; t < 120; t++) {
      int n = 1 + RNG.nextInt(300);
      Tensor z = randn(RNG, 3, n, 2);
      assertTrue(maxDiff(Fft.fftComplex(Fft.ifftComplex(z, -1, 1, null), -1, 1, null), z) < 1e-12, "c2c n=" + n);
      Tensor x = randn(RNG, 2, n);
      assertTrue(maxDiff(Fft.irfft(Fft.rfft(x), n, -1, null), x) < 1e-12, "rfft/irfft n=" + n);
      assertTrue(maxDiff(Fft.real(Fft.ifftComplex(Fft.fft(x, -1, -1, "ortho"), -1, -1, "ortho")), x) < 1e-12, "ortho n=" + n);
      assertTrue(maxDiff(Fft.irfft(Fft.rfft(x, -1, -1, "forward"), n, -1, "forward"), x) < 1e-12, "forward n=" + n);
      ran++;
    }
    assertEquals(120, ran);
  }

  @Test
  void parsevalAndLinearity() {
    int ran = 0;
    for (int t = 0; t < 60; t++) {
      int n = 1 + RNG.nextInt(300);
      Tensor a = randn(RNG, n, 2), b = randn(RNG, n, 2);
      double energy = a.mul(a).sum().item();
      Tensor fa = Fft.fftComplex(a, -1, 0, "ortho");
      assertEquals(energy, fa.mul(fa).sum().item(), 1e-12 * energy, "Parseval n=" + n);
      Tensor lin = Fft.fftComplex(a.mul(2.5).add(b.mul(-0.75)), -1, 0, null);
      Tensor sep = Fft.fftComplex(a, -1, 0, null).mul(2.5).add(Fft.fftComplex(b, -1, 0, null).mul(-0.75));
      assertTrue(maxDiff(lin, sep) < 1e-11 * n, "linearity n=" + n);
      ran++;
    }
    assertEquals(60, ran);
  }

  @Test
  void realSpectraAreHermitianAndRfftIsTheirHalf() {
    int ran = 0;
    for (int n : new int[] {1, 2, 3, 8, 17, 97, 100, 257}) {
      Tensor x = randn(RNG, 5, n);
      Tensor full = Fft.fft(x);
      Tensor viaComplex = Fft.fftComplex(Fft.complex(x, Tensor.zerosLike(x)), -1, -1, null);
      assertTrue(maxDiff(full, viaComplex) < 1e-12 * n, "fft(real) n=" + n);
      assertTrue(maxDiff(Fft.rfft(x), full.narrow(1, 0, n / 2 + 1)) < 1e-12 * n, "rfft n=" + n);
      double[] f = full.toDoubleArray();
      for (int r = 0; r < 5; r++) {
        for (int k = 1; k < n; k++) {
          int a = 2 * (r * n + k), b = 2 * (r * n + n - k);
          assertEquals(f[a], f[b], 1e-11 * n);
          assertEquals(f[a + 1], -f[b + 1], 1e-11 * n);
        }
      }
      ran++;
    }
    assertEquals(8, ran);
  }

  /** Batches large enough for the threaded path (and odd counts for the paired real rows) equal row-by-row transforms. */
  @Test
  void batchedEqualsRowByRow() {
    int ran = 0;
    for (int[] shape : new int[][] {{65, 1024}, {3, 4099, 5}, {37, 200, 9}}) {
      boolean mid = shape.length == 3;
      Tensor x = randn(RNG, shape);
      int dim = mid ? 1 : -1;
      Tensor spec = Fft.rfft(x, -1, dim, null), full = Fft.fft(x, -1, dim, "ortho");
      Tensor back = Fft.irfft(spec, shape[1], dim, null);
      for (int r = 0; r < shape[0]; r++) {
        Tensor row = x.select(0, r).contiguous();
        assertTrue(maxDiff(spec.select(0, r), Fft.rfft(row, -1, mid ? 0 : -1, null)) < 1e-9, "rfft row " + r);
        assertTrue(maxDiff(full.select(0, r), Fft.fft(row, -1, mid ? 0 : -1, "ortho")) < 1e-9, "fft row " + r);
        assertTrue(maxDiff(back.select(0, r), row) < 1e-12, "irfft row " + r);
      }
      ran++;
    }
    assertEquals(3, ran);
  }

  /** float32 inputs give the float64 result rounded to float32. */
  @Test
  void float32IsTheRoundedFloat64Result() {
    Tensor x = randn(RNG, 4, 97);
    Tensor x32 = x.to(DType.FLOAT32);
    Tensor want = Fft.fft(x32.to(DType.FLOAT64));
    Tensor got = Fft.fft(x32);
    assertEquals(DType.FLOAT32, got.dtype());
    assertEquals(0, maxDiff(want.to(DType.FLOAT32), got));
    assertEquals(DType.FLOAT32, Fft.fft(Tensor.of(1, 2, 3)).dtype(), "ints promote to float32");
  }

  @Test
  void emptyBatchesKeepTheirShape() {
    assertEquals("[0, 8, 2]", Shapes.str(Fft.fft(Tensor.zeros(DType.FLOAT64, 0, 8)).shape()));
    assertEquals("[0, 5, 2]", Shapes.str(Fft.rfft(Tensor.zeros(DType.FLOAT32, 0, 8)).shape()));
    assertEquals("[3, 0, 8]", Shapes.str(Fft.irfft(Tensor.zeros(DType.FLOAT64, 3, 0, 5, 2)).shape()));
    assertEquals("[4, 0, 2]", Shapes.str(Fft.fftComplex(Tensor.zeros(DType.FLOAT64, 4, 0, 2), -1, 0, null).shape()));
  }
}
