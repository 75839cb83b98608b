package io.jgrad.nn.train;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Records the wall time of each training step (from the end of the previous step, or from the
 * start of its epoch, to the end of this one: data loading, forward, backward and update;
 * validation is not counted) and reports percentiles. At train end it prints
 * {@link #summary()} to its stream (if any).
 *
 * <p>Percentiles interpolate linearly between order statistics (NumPy's default): the q-th
 * percentile of sorted times t[0..n-1] is at position q/100 * (n - 1).
 */
public final class StepTiming implements Callback {
  private final PrintStream out;
  private double[] millis = new double[256];
  private int n;
  private long last;

  /** Prints the summary to {@code System.out}. */
  public StepTiming() { this(System.out); }

  /** Prints the summary to {@code out}; null prints nothing. */
  public StepTiming(PrintStream out) { this.out = out; }

  @Override
  public void onTrainStart(TrainerState s) { last = System.nanoTime(); }

  @Override
  public void onBatchEnd(TrainerState s) {
    long now = System.nanoTime();
    recordMillis((now - last) / 1e6);
    last = now;
  }

  @Override
  public void onEpochEnd(TrainerState s, EpochResult r) { last = System.nanoTime(); }

  @Override
  public void onTrainEnd(TrainerState s, History h) {
    if (out != null) out.println(summary());
  }

  /** Adds one step time (milliseconds). */
  public void recordMillis(double ms) {
    if (!(ms >= 0)) throw new IllegalArgumentException("StepTiming: a step time must be >= 0 ms, got " + ms);
    if (n == millis.length) millis = Arrays.copyOf(millis, 2 * n);
    millis[n++] = ms;
  }

  /** Number of steps recorded. */
  public int count() { return n; }

  /** The q-th percentile (0..100) of the step times in milliseconds; NaN when none were recorded. */
  public double percentileMillis(double q) {
    if (!(q >= 0 && q <= 100)) throw new IllegalArgumentException("StepTiming: percentile must be in [0, 100], got " + q);
    if (n == 0) return Double.NaN;
    double[] sorted = Arrays.copyOf(millis, n);
    Arrays.sort(sorted);
    double pos = q / 100 * (n - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, n - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  public double p50Millis() { return percentileMillis(50); }

  public double p90Millis() { return percentileMillis(90); }

  /** "step time: p50 12.34 ms, p90 15.67 ms over 940 steps" (or "no steps recorded"). */
  public String summary() {
    if (n == 0) return "step time: no steps recorded";
    return String.format(java.util.Locale.ROOT, "step time: p50 %.2f ms, p90 %.2f ms over %d steps", p50Millis(), p90Millis(), n);
  }
}
