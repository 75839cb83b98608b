package io.jgrad.nn.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Console progress. Interactive: a bar redrawn in place with {@code \r} (at most every 100 ms,
 * and always for an epoch's first and last batch) showing the batch count, ETA of the epoch,
 * items/s and running loss, ended by the epoch summary line. Non-interactive (a pipe, a log
 * file, CI): only the epoch summary line, one per epoch:
 * <pre>epoch 2/10  train loss 0.4312 acc 91.20%  val loss 0.4011 acc 92.00%  lr 0.1  3.2 s  812 items/s</pre>
 * An early stop's reason is printed at train end.
 */
public final class ConsoleProgress implements Callback {
  private static final int BAR = 24;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream out;
  private final boolean interactive;
  private long epochStart;
  private long lastDraw;
  private int lastWidth;

  public ConsoleProgress(PrintStream out, boolean interactive) {
    if (out == null) throw new IllegalArgumentException("ConsoleProgress: out is null");
    this.out = out;
    this.interactive = interactive;
  }

  /**
   * Interactive when a console is attached and the environment variable CI is unset. (Since
   * JDK 22 {@code System.console()} is non-null even when output is redirected, so its
   * {@code isTerminal()} is what tells a terminal from a pipe or file.)
   */
  public static ConsoleProgress auto(PrintStream out) {
    java.io.Console c = System.console();
    return new ConsoleProgress(out, c != null && c.isTerminal() && System.getenv("CI") == null);
  }

  public boolean interactive() { return interactive; }

  @Override
  public void onTrainStart(TrainerState s) { epochStart = System.nanoTime(); }

  @Override
  public void onBatchEnd(TrainerState s) {
    if (!interactive) return;
    long now = System.nanoTime();
    boolean edge = s.batchInEpoch() == 1 || s.batchInEpoch() == s.batchesPerEpoch();
    if (!edge && now - lastDraw < REDRAW_NANOS) return;
    lastDraw = now;
    double secs = Math.max((now - epochStart) / 1e9, 1e-9);
    int done = s.batchInEpoch();
    int total = Math.max(s.batchesPerEpoch(), done);
    int filled = (int) ((long) BAR * done / Math.max(total, 1));
    StringBuilder bar = new StringBuilder();
    for (int i = 0; i < BAR; i++) bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
    double eta = secs / done * (total - done);
    String line = String.format(Locale.ROOT, "epoch %d/%d [%s] %d/%d  ETA %s  %.0f items/s  loss %.4f", s.epoch(), s.epochs(), bar,
        done, total, clock(eta), s.epochExamples() / secs, s.runningLoss());
    draw(line);
  }

  @Override
  public void onEpochEnd(TrainerState s, EpochResult r) {
    String line = epochLine(s, r);
    if (interactive) {
      draw(line);
      out.println();
      lastWidth = 0;
    } else {
      out.println(line);
    }
    out.flush();
    epochStart = System.nanoTime();
  }

  @Override
  public void onTrainEnd(TrainerState s, History h) {
    if (h.stoppedEarly()) out.println("stopped early: " + h.stopReason());
    out.flush();
  }

  /** Redraws the current line, blanking what is left of a longer previous one. */
  private void draw(String line) {
    int pad = Math.max(lastWidth - line.length(), 0);
    out.print("\r" + line + " ".repeat(pad));
    out.flush();
    lastWidth = line.length();
  }

  static String epochLine(TrainerState s, EpochResult r) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  train loss %.4f", r.epoch(), s.epochs(), r.trainLoss()));
    if (!Double.isNaN(r.trainAccuracy())) b.append(String.format(Locale.ROOT, " acc %.2f%%", 100 * r.trainAccuracy()));
    if (r.validation() != null) {
      b.append(String.format(Locale.ROOT, "  val loss %.4f", r.validation().loss()));
      if (!Double.isNaN(r.validation().accuracy())) b.append(String.format(Locale.ROOT, " acc %.2f%%", 100 * r.validation().accuracy()));
      r.validation().values().forEach((k, v) -> b.append(' ').append(k).append(' ').append(shortNumber(v)));
    }
    b.append("  lr ").append(shortNumber(r.learningRate()));
    b.append(String.format(Locale.ROOT, "  %.1f s", r.seconds()));
    if (r.seconds() > 0) b.append(String.format(Locale.ROOT, "  %.0f items/s", s.epochExamples() / r.seconds()));
    return b.toString();
  }

  /** m:ss or h:mm:ss. */
  static String clock(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0) return "?";
    long t = Math.round(seconds);
    long h = t / 3600;
    long m = t / 60 % 60;
    long sec = t % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
  }

  /** Three significant digits without trailing zeros: 0.003, 0.000328, 0.1. */
  static String shortNumber(double v) {
    if (!Double.isFinite(v)) return Double.toString(v);
    return new java.math.BigDecimal(String.format(java.util.Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
  }
}
