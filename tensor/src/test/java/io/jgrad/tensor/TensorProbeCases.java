package io.jgrad.tensor;

import io.jgrad.tensor.cpu.CpuConfig;
import io.jgrad.tensor.cpu.ProbeCase;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** AllocationProbe cases of the tensor package's vector loops: FFT butterflies (radix 2, 3, 4, 5) and the linalg rotations and dot products. */
public final class TensorProbeCases {
  private TensorProbeCases() {}

  public static List<ProbeCase> cases() {
    int m = 8, s = 2 * CpuConfig.DOUBLE.length() + 3, size = 5 * m * s;
    SplittableRandom r = new SplittableRandom(30);
    double[] xr = new double[size], xi = new double[size], yr = new double[size], yi = new double[size];
    double[] twr = new double[4 * m], twi = new double[4 * m];
    for (int i = 0; i < size; i++) {
      xr[i] = r.nextDouble(-1, 1);
      xi[i] = r.nextDouble(-1, 1);
    }
    for (int i = 0; i < twr.length; i++) {
      twr[i] = Math.cos(i);
      twi[i] = Math.sin(i);
    }
    List<ProbeCase> all = new ArrayList<>();
    all.add(ProbeCase.kernel("fft", "fft.radix2", () -> FftVector.radix2(xr, xi, yr, yi, m, s, twr, twi)));
    all.add(ProbeCase.kernel("fft", "fft.radix3", () -> FftVector.radix3(xr, xi, yr, yi, m, s, twr, twi)));
    all.add(ProbeCase.kernel("fft", "fft.radix4", () -> FftVector.radix4(xr, xi, yr, yi, m, s, twr, twi)));
    all.add(ProbeCase.kernel("fft", "fft.radix5", () -> FftVector.radix5(xr, xi, yr, yi, m, s, twr, twi)));
    int len = 3 * CpuConfig.DOUBLE.length() * 8 + 3;
    double[] u = new double[2 * len], v = new double[len];
    for (int i = 0; i < u.length; i++) u[i] = r.nextDouble(-1, 1);
    double[] sink = new double[1];
    all.add(ProbeCase.kernel("linalg", "svd.dot", () -> sink[0] += DecompVector.dot(u, 0, u, len, len)));
    all.add(ProbeCase.kernel("linalg", "svd.rot", () -> DecompVector.rot(u, 0, len, len, 0.8, 0.6)));
    all.add(ProbeCase.kernel("linalg", "eigh.axpy", () -> DecompVector.axpy(1e-3, u, v, len)));
    all.add(ProbeCase.kernel("linalg", "eigh.rotate", () -> DecompVector.rotate(u, v, 0.8, 0.6, len)));
    return all;
  }
}
