package io.jgrad.tensor;

import java.util.Arrays;

/**
 * The three recorded spectral primitives behind {@link Fft} (as PyTorch's {@code _fft_c2c},
 * {@code _fft_r2c}, {@code _fft_c2r}): they transform one dim of exactly the size given (the
 * public methods pad or cut to {@code n} first with recorded ops) and scale the result by the
 * norm. They compute on the host in float64 ({@link FftKernel}), round to float32 for float32
 * inputs, and put the result on the input's device; a non-CPU input is downloaded, which is
 * logged once.
 */
final class FftOps {
  private static final System.Logger LOG = System.getLogger("io.jgrad.tensor.Fft");
  private static volatile boolean loggedFallback;

  private FftOps() {}

  /** The factor applied to the unscaled sum: "backward" scales the inverse by 1/n, "forward" the forward, "ortho" both by 1/sqrt(n). */
  static double scale(String norm, int n, boolean forward) {
    return switch (norm) {
      case "backward" -> forward ? 1 : 1.0 / n;
      case "forward" -> forward ? 1.0 / n : 1;
      case "ortho" -> 1 / Math.sqrt(n);
      default -> throw new IllegalArgumentException("fft: invalid norm '" + norm + "' (expected backward, forward or ortho)");
    };
  }

  /** The norm whose transform in the opposite direction has the same scale: the adjoint's norm. */
  static String dual(String norm) {
    return switch (norm) {
      case "backward" -> "forward";
      case "forward" -> "backward";
      default -> norm;
    };
  }

  /** Complex pairs z [..., n (dim d), ..., 2] to pairs of the same shape. */
  static Tensor c2c(Tensor z, int d, boolean forward, String norm) {
    int[] shape = z.shape();
    int n = shape[d];
    Tensor out = output(shape, z);
    io.jgrad.tensor.spi.Buffer pinned = pin(z);
    try {
      FftKernel.c2c(input(z), FftArray.of(out), prod(shape, 0, d), n, prod(shape, d + 1, shape.length - 1), forward,
          scale(norm, n, forward));
    } finally {
      pinned.release();
    }
    return onDevice(out, z);
  }

  /** Real x [..., n (dim d), ...] to pairs [..., n/2+1 or n, ..., 2]. */
  static Tensor r2c(Tensor x, int d, boolean onesided, String norm) {
    int[] shape = x.shape();
    int n = shape[d];
    int[] outShape = Arrays.copyOf(shape, shape.length + 1);
    outShape[d] = onesided ? n / 2 + 1 : n;
    outShape[shape.length] = 2;
    Tensor out = output(outShape, x);
    io.jgrad.tensor.spi.Buffer pinned = pin(x);
    try {
      FftKernel.r2c(input(x), FftArray.of(out), prod(shape, 0, d), n, prod(shape, d + 1, shape.length), onesided,
          scale(norm, n, true));
    } finally {
      pinned.release();
    }
    return onDevice(out, x);
  }

  /** Onesided pairs z [..., n/2+1 (dim d), ..., 2] to real [..., n, ...]. */
  static Tensor c2r(Tensor z, int d, int n, String norm) {
    int[] shape = z.shape();
    if (shape[d] != n / 2 + 1) {
      throw new IllegalArgumentException("irfft: expected " + (n / 2 + 1) + " bins along dim " + d + " for n=" + n
          + ", got " + shape[d]);
    }
    int[] outShape = Arrays.copyOf(shape, shape.length - 1);
    outShape[d] = n;
    Tensor out = output(outShape, z);
    io.jgrad.tensor.spi.Buffer pinned = pin(z);
    try {
      FftKernel.c2r(input(z), FftArray.of(out), prod(shape, 0, d), n, prod(shape, d + 1, shape.length - 1),
          scale(norm, n, false));
    } finally {
      pinned.release();
    }
    return onDevice(out, z);
  }

  static int prod(int[] shape, int from, int to) {
    int p = 1;
    for (int i = from; i < to; i++) p *= shape[i];
    return p;
  }

  /** Holds t's buffer while a kernel reads it in place (see FftArray), so a close on another thread cannot recycle it mid-transform. */
  private static io.jgrad.tensor.spi.Buffer pin(Tensor t) {
    io.jgrad.tensor.spi.Buffer b = t.layout().buffer();
    b.retain();
    return b;
  }

  /** t's elements for the kernels (in place for a contiguous CPU tensor); a non-CPU input is logged once. */
  static FftArray input(Tensor t) {
    if (!t.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("fft: expected a float32 or float64 tensor, got " + t.dtype());
    }
    if (!t.device().isCpu() && !loggedFallback) {
      loggedFallback = true;
      LOG.log(System.Logger.Level.INFO, "fft: backend " + t.backend().name() + " has no FFT; computing on the host "
          + "(download, transform, upload). Logged once.");
    }
    return FftArray.of(t);
  }

  /** A contiguous CPU tensor of like's dtype (from the CPU pool) for the kernel to fill. */
  static Tensor output(int[] shape, Tensor like) { return Creation.empty(like.dtype(), shape, Device.CPU); }

  /** The filled CPU result, moved to like's device when that is not the CPU. */
  static Tensor onDevice(Tensor cpu, Tensor like) {
    if (like.device().isCpu()) return cpu;
    try (cpu) {
      return Creation.toDevice(cpu, like.device());
    }
  }
}
