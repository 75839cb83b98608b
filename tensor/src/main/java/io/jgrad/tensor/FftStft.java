package io.jgrad.tensor;

/**
 * stft and istft for {@link Fft}, written as torch 1.13 writes them (aten/native/SpectralOps.cpp)
 * and composed of recorded ops (pad, unfold, mul, rfft/irfft, indexAdd for the overlap-add), so
 * their gradients, with respect to the signal and to the window, follow from those ops'. Complex
 * signals (pairs [B, T, 2]) frame dim 1 and run the complex DFT; istft's returnComplex inverts that.
 */
final class FftStft {
  /** torch.istft's threshold on the window envelope. */
  static final double ENVELOPE_MIN = 1e-11;

  private FftStft() {}

  static Tensor stft(Tensor x, int nFft, Integer hopLength, Integer winLength, Tensor window, boolean center,
                     PadMode padMode, boolean normalized, Boolean onesided, boolean complexSignal) {
    String op = complexSignal ? "stftComplex" : "stft";
    int rank = complexSignal ? Fft.complexInput(op, x).dim() - 1 : x.dim();
    if (rank != 1 && rank != 2) {
      throw new IllegalArgumentException(op + ": expected a 1D or 2D " + (complexSignal ? "complex signal [B?, T, 2]"
          : "real signal [B?, T]") + ", got shape " + Shapes.str(x.shape()));
    }
    if (complexSignal && onesided != null && onesided) {
      throw new IllegalArgumentException(op + ": onesided=true is not possible for a complex signal");
    }
    Tensor sig = complexSignal ? x : Fft.realInput(op, x);
    Tensor b = rank == 1 ? sig.unsqueeze(0) : sig;
    int hop = hop(op, nFft, hopLength);
    int win = winLength == null ? nFft : winLength;
    if (center) {
      int p = nFft / 2;
      PadMode mode = padMode == null ? PadMode.REFLECT : padMode;
      if (mode == PadMode.REFLECT && p >= b.size(1)) {
        throw new IllegalArgumentException(op + ": reflect padding " + p + " (nFft / 2, nFft=" + nFft
            + ") must be less than the signal length " + b.size(1));
      }
      b = b.pad(complexSignal ? new int[] {0, 0, p, p} : new int[] {p, p}, mode, 0);
    }
    int len = b.size(1);
    if (nFft <= 0 || nFft > len) {
      throw new IllegalArgumentException(op + ": expected 0 < nFft <= " + len + " (the" + (center ? " padded" : "")
          + " signal length), got nFft=" + nFft);
    }
    Tensor w = window(op, nFft, win, window, sig);
    String norm = normalized ? "ortho" : "backward";
    Tensor spec;
    if (complexSignal) {
      Tensor frames = b.unfold(1, nFft, hop).transpose(2, 3).mul(w.unsqueeze(-1));
      spec = Fft.fftComplex(frames, -1, 2, norm);
    } else {
      Tensor frames = b.unfold(1, nFft, hop).mul(w);
      spec = onesided == null || onesided ? Fft.rfft(frames, -1, -1, norm) : Fft.fft(frames, -1, -1, norm);
    }
    Tensor out = spec.transpose(1, 2);
    return rank == 1 ? out.squeeze(0) : out;
  }

  static Tensor istft(Tensor z, int nFft, Integer hopLength, Integer winLength, Tensor window, boolean center,
                      boolean normalized, Boolean onesided, Integer length, boolean complexOut) {
    String op = "istft";
    Fft.complexInput(op, z);
    if (z.dim() != 3 && z.dim() != 4) {
      throw new IllegalArgumentException(op + ": expected pairs [B?, freq, frames, 2], got shape " + Shapes.str(z.shape()));
    }
    Tensor c = z.dim() == 3 ? z.unsqueeze(0) : z;
    int hop = hop(op, nFft, hopLength);
    int win = winLength == null ? nFft : winLength;
    int fftSize = c.size(1), frames = c.size(2);
    boolean half = onesided == null ? fftSize != nFft : onesided;
    int want = half ? nFft / 2 + 1 : nFft;
    if (nFft <= 0 || fftSize != want) {
      throw new IllegalArgumentException(op + ": expected the frequency dim of " + Shapes.str(z.shape()) + " to be "
          + (half ? "nFft / 2 + 1 = " : "nFft = ") + want + " (onesided=" + half + ", nFft=" + nFft + "), got " + fftSize);
    }
    if (complexOut && half) {
      throw new IllegalArgumentException(op + ": returnComplex=true needs a two-sided spectrum (onesided=false, nFft="
          + nFft + " bins), got " + fftSize + " bins" + (onesided == null ? " (onesided defaults to true)" : ""));
    }
    if (length != null && length < 0) throw new IllegalArgumentException(op + ": expected length >= 0, got " + length);
    if (frames < 1) throw new IllegalArgumentException(op + ": expected at least one frame, got shape " + Shapes.str(z.shape()));
    Tensor w = window(op, nFft, win, window, c);
    Tensor spec = c.transpose(1, 2);
    String norm = normalized ? "ortho" : "backward";
    Tensor y;
    if (complexOut) {
      y = Fft.ifftComplex(spec, -1, 2, norm).mul(w.unsqueeze(-1));
    } else {
      if (!half) spec = spec.narrow(2, 0, nFft / 2 + 1);
      y = Fft.irfft(spec, nFft, 2, norm).mul(w);
    }
    int total = nFft + hop * (frames - 1);
    Tensor idx = overlapIndex(frames, nFft, hop);
    int batch = c.size(0);
    Tensor sum = complexOut
        ? Tensor.zeros(y.dtype(), batch, total, 2).indexAdd(1, idx, y.reshape(batch, frames * nFft, 2), 1.0)
        : Tensor.zeros(y.dtype(), batch, total).indexAdd(1, idx, y.reshape(batch, frames * nFft), 1.0);
    Tensor w2 = w.mul(w).unsqueeze(0).expand(frames, nFft).reshape(1, frames * nFft);
    Tensor env = Tensor.zeros(y.dtype(), 1, total).indexAdd(1, idx, w2, 1.0);
    int start = center ? nFft / 2 : 0;
    int end = length != null ? start + length : center ? total - nFft / 2 : total;
    int stop = Math.min(end, total);
    if (stop < start) stop = start;
    sum = sum.narrow(1, start, stop - start);
    env = env.narrow(1, start, stop - start);
    checkEnvelope(env, nFft, hop, win, center);
    Tensor out = complexOut ? sum.div(env.unsqueeze(-1)) : sum.div(env);
    if (end > total) out = out.pad(complexOut ? new int[] {0, 0, 0, end - total} : new int[] {0, end - total}, PadMode.CONSTANT, 0);
    return z.dim() == 3 ? out.squeeze(0) : out;
  }

  private static int hop(String op, int nFft, Integer hopLength) {
    int hop = hopLength == null ? nFft / 4 : hopLength;
    if (hop <= 0) {
      throw new IllegalArgumentException(op + ": expected hopLength > 0, got hopLength=" + hop
          + (hopLength == null ? " (the default nFft / 4 for nFft=" + nFft + ")" : ""));
    }
    return hop;
  }

  /** The window (ones when null) zero-padded on both sides to nFft, in like's dtype. */
  private static Tensor window(String op, int nFft, int win, Tensor window, Tensor like) {
    if (win <= 0 || win > nFft) {
      throw new IllegalArgumentException(op + ": expected 0 < winLength <= nFft, got winLength=" + win + " and nFft=" + nFft);
    }
    Tensor w;
    if (window == null) {
      w = Tensor.full(new int[] {win}, 1, like.dtype(), like.device());
    } else {
      if (window.dim() != 1 || window.size(0) != win) {
        throw new IllegalArgumentException(op + ": expected a 1D window of size winLength=" + win + ", got shape "
            + Shapes.str(window.shape()));
      }
      w = window;
    }
    if (win == nFft) return w;
    int left = (nFft - win) / 2;
    return w.pad(new int[] {left, nFft - win - left}, PadMode.CONSTANT, 0);
  }

  /** Frame f, offset j lands on output sample f * hop + j. */
  private static Tensor overlapIndex(int frames, int nFft, int hop) {
    long[] rows = new long[frames * nFft];
    for (int f = 0; f < frames; f++) for (int j = 0; j < nFft; j++) rows[f * nFft + j] = (long) f * hop + j;
    return Tensor.of(rows);
  }

  private static void checkEnvelope(Tensor env, int nFft, int hop, int win, boolean center) {
    if (env.numel() == 0) return;
    double[] e = env.toDoubleArray();
    int at = 0;
    for (int i = 1; i < e.length; i++) if (Math.abs(e[i]) < Math.abs(e[at])) at = i;
    if (!(Math.abs(e[at]) >= ENVELOPE_MIN)) {
      throw new IllegalArgumentException("istft: window overlap add min: " + Math.abs(e[at]) + " at output sample " + at
          + " is below " + ENVELOPE_MIN + " (nFft=" + nFft + ", hopLength=" + hop + ", winLength=" + win + ", center="
          + center + "); the window and hop must cover every kept sample (a periodic Hann window with center=false "
          + "is 0 at the first sample)");
    }
  }
}
